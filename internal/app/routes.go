package app

import (
	"net/http"
)

// Route is one route of the whole site, as Routes lists it (the authorization test walks
// this list and fails on any route docs/security.md gives no policy).
type Route struct {
	Surface string // public, newsroom, api, wire, or app (routes of the top-level mux)
	Method  string // GET, POST, PUT, DELETE; "" for any method
	Pattern string // ServeMux path pattern
}

// route is one row of the top-level route table. A row of surface "app" is a route served
// here; any other row mounts that surface on a path prefix, and the surface lists its own
// routes from its own table.
type route struct {
	surface, method, pattern string
	handle                   http.Handler
}

// routeTable lists the top-level routes: each surface on its path prefix, and the few
// routes the site serves itself. /metrics is listed only with a metrics token; otherwise
// it is the public 404 here (see --admin-addr).
func (s *Site) routeTable(metricsToken string) []route {
	t := []route{
		{"newsroom", "", "/newsroom/", s.Desk},
		{"api", "", "/api/", s.API},
		{"wire", "", "/api/v1/wire/", s.WireAPI},
		{"public", "", "/", s.Public},
		{"app", "GET", "/media/{file}", http.HandlerFunc(s.mediaFile)},
	}
	if metricsToken != "" {
		t = append(t, route{"app", "GET", "/metrics", s.Metrics.Handler(metricsToken)})
	}
	return t
}

// register builds the top-level mux from the route table.
func (s *Site) register(metricsToken string) *http.ServeMux {
	mux := http.NewServeMux()
	s.routes = s.routeTable(metricsToken)
	for _, rt := range s.routes {
		pattern := rt.pattern
		if rt.method != "" {
			pattern = rt.method + " " + pattern
		}
		mux.Handle(pattern, rt.handle)
	}
	return mux
}

// Routes lists every route the site registers: the public site's, the newsroom's, the
// JSON API's, the wire's and the top-level ones, each from the table that registered it.
func (s *Site) Routes() []Route {
	var out []Route
	for _, r := range s.Public.Routes() {
		out = append(out, Route{Surface: "public", Method: r.Method, Pattern: r.Pattern})
	}
	for _, r := range s.Desk.Routes() {
		out = append(out, Route{Surface: "newsroom", Method: r.Method, Pattern: r.Pattern})
	}
	for _, r := range s.API.Routes() {
		out = append(out, Route{Surface: "api", Method: r.Method, Pattern: r.Pattern})
	}
	for _, r := range s.WireAPI.Routes() {
		out = append(out, Route{Surface: "wire", Method: r.Method, Pattern: r.Pattern})
	}
	for _, r := range s.routes {
		if r.surface == "app" {
			out = append(out, Route{Surface: "app", Method: r.method, Pattern: r.pattern})
		}
	}
	return out
}
