package web

import "net/http"

// Route is one registered route of the public site, as Routes lists it.
type Route struct {
	Method  string // GET, POST; "" for any method (the not-found fallback)
	Pattern string // ServeMux path pattern, e.g. /{lang}/{section}/{slug}
}

// route is one row of the route table. The public site asks no one for a role, so it has
// no action column.
type route struct {
	method, pattern string // method "" answers any method
	handle          http.HandlerFunc
}

// routeTable lists every route of the public site; New registers exactly these and Routes
// reports them. Pages, feeds and sitemaps go through the page cache (cached.go). Search is
// not cached: every query is a new key, and results should be current.
func (s *Server) routeTable() []route {
	c := s.cached
	return []route{
		{"GET", "/healthz", s.healthz},
		{"GET", "/readyz", s.readyz},
		{"GET", "/robots.txt", s.robots},
		{"GET", "/static/{file}", s.staticAsset},
		{"GET", "/brand/{file}", s.brandFile},
		{"GET", "/favicon.ico", s.favicon},
		{"GET", "/{$}", s.root},
		{"GET", "/{lang}", s.languageRoot},

		{"GET", "/{lang}/{$}", c(s.home)},
		{"GET", "/{lang}/{section}/{$}", c(s.sectionFront)},
		{"GET", "/{lang}/{section}", s.twoSegments},
		{"GET", "/{lang}/{section}/{slug}", c(s.article)},
		{"POST", "/{lang}/{section}/{slug}/reviews", s.crossOrigin.Handler(http.HandlerFunc(s.postReview)).ServeHTTP},
		{"GET", "/{lang}/{section}/briefs/{$}", c(s.briefArchive)},
		{"GET", "/{lang}/{section}/briefs/{day}", c(s.briefDay)},
		{"GET", "/search", s.search},
		{"GET", "/search.json", s.searchJSON},
		{"GET", "/{lang}/tag/{tag}", c(s.tagPage)},
		{"GET", "/{lang}/author/{author}", c(s.authorPage)},
		{"GET", "/{lang}/page/{slug}", c(s.sitePageView)},

		{"GET", "/rss.xml", c(s.siteFeed)},
		{"GET", "/atom.xml", c(s.siteFeed)},
		{"GET", "/feed.json", c(s.siteFeed)},
		{"GET", "/{lang}/feed/{format}", c(s.languageFeed)},
		{"GET", "/{lang}/{section}/feed/{format}", c(s.sectionFeed)},
		{"GET", "/{lang}/tag/{tag}/feed/{format}", c(s.tagFeed)},
		{"GET", "/sitemap.xml", c(s.sitemapIndex)},
		{"GET", "/sitemaps/{file}", c(s.sitemapFile)},
		{"GET", "/news-sitemap.xml", c(s.newsSitemap)},

		{"", "/", s.notFound},
	}
}

// register adds every row of the route table to the site's ServeMux.
func (s *Server) register() {
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		pattern := rt.pattern
		if rt.method != "" {
			pattern = rt.method + " " + pattern
		}
		s.mux.Handle(pattern, rt.handle)
	}
}

// Routes lists every route of the public site, from the table that registered them.
func (s *Server) Routes() []Route {
	out := make([]Route, 0, len(s.routes))
	for _, rt := range s.routes {
		out = append(out, Route{Method: rt.method, Pattern: rt.pattern})
	}
	return out
}
