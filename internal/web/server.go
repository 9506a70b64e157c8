// Package web serves the public site: server-rendered HTML that works without JavaScript.
package web

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/mostread"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/search"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the public site reads. *store.Store implements it.
type Store interface {
	Ping(ctx context.Context) error
	// Classify marks a storage error with content.ErrUnavailable or content.ErrStorageFull
	// when it is one (store/classify.go).
	Classify(err error) error
	Languages(ctx context.Context) ([]content.Language, error)
	Sections(ctx context.Context, lang string) ([]content.Section, error)
	SectionBySlug(ctx context.Context, lang, slug string) (content.Section, error)
	AuthorProfileBySlug(ctx context.Context, slug string) (content.AuthorProfile, error)
	// AuthorRedirect returns the id and current slug of the author once at slug (changed
	// since), or content.ErrNotFound.
	AuthorRedirect(ctx context.Context, slug string) (int64, string, error)
	PublicTagBySlug(ctx context.Context, lang, slug string, now time.Time) (int64, content.Tag, error)
	// TagRedirect returns the id and current slug of the tag once at slug in lang (renamed
	// since), or content.ErrNotFound.
	TagRedirect(ctx context.Context, lang, slug string) (int64, string, error)
	// TagTranslationsAt lists a tag's translations, with Stories 1 for those that public
	// stories carry (0 for the others).
	TagTranslationsAt(ctx context.Context, id int64, now time.Time) ([]content.TagEntry, error)
	PublicArticle(ctx context.Context, lang, slug string, now time.Time) (content.Article, error)
	Translations(ctx context.Context, a content.Article, now time.Time) ([]content.Translation, error)
	RelatedArticles(ctx context.Context, a content.Article, limit int, now time.Time) ([]content.ArticleSummary, error)
	PublicArticles(ctx context.Context, q content.ListQuery, now time.Time) ([]content.ArticleSummary, error)
	// PublicFront returns the editors' chosen top stories of a language that are public at
	// now, in order, and when that list next changes by the clock (zero: never).
	PublicFront(ctx context.Context, lang string, now time.Time) ([]content.ArticleSummary, time.Time, error)
	PublicBriefs(ctx context.Context, q content.BriefQuery, now time.Time) ([]content.Brief, error)
	FeedArticles(ctx context.Context, q content.FeedQuery, now time.Time) ([]content.Article, error)
	SitemapArticles(ctx context.Context, offset, limit int, since, now time.Time) ([]content.SitemapEntry, error)
	// SitemapStories returns the public stories with ids in (after, upTo], in id order.
	SitemapStories(ctx context.Context, after, upTo int64, now time.Time) ([]content.SitemapEntry, error)
	// LastPublicArticleID returns the highest id of a public story, 0 when there is none.
	LastPublicArticleID(ctx context.Context, now time.Time) (int64, error)
	NextVisibilityChange(ctx context.Context, now time.Time) (time.Time, error)
	// PublicPage returns the published page of a language at slug (About, Contacts…).
	PublicPage(ctx context.Context, lang, slug string) (content.Page, error)
	// PublicPageGroup lists the published pages of a translation group.
	PublicPageGroup(ctx context.Context, groupID int64) ([]content.PageLink, error)
	// FooterPages lists the published pages a language's footer shows, in order.
	FooterPages(ctx context.Context, lang string) ([]content.PageLink, error)
	// PublicPages lists every published page, for the sitemap.
	PublicPages(ctx context.Context) ([]content.Page, error)
	Setting(ctx context.Context, key, def string) (string, error)
	// MostRead lists the public stories of lang most read since since (store/reads.go).
	MostRead(ctx context.Context, lang string, since, now time.Time, limit int) ([]content.ArticleSummary, error)
	Search(ctx context.Context, r search.Request) (search.Results, error)
	// PublicRead marks ctx as serving a public page: its reads may go to the read replica
	// (store.PublicRead).
	PublicRead(ctx context.Context) context.Context
	// ReadSnapshot runs fn with its reads in one read transaction (store/snapshot.go).
	ReadSnapshot(ctx context.Context, fn func(ctx context.Context))
}

// Config configures the public site.
type Config struct {
	Store   Store
	Logger  *slog.Logger
	BaseURL string // absolute site URL without trailing slash, for canonical links
	// MediaURL is the absolute URL, ending in "/", that pages link media files at (a CDN
	// that fetches them from /media/ here); empty: /media/ on this site.
	MediaURL string
	Location *time.Location // time zone of dates shown to readers
	Demo     bool           // show the demo banner
	Now      func() time.Time
	Reviews  *review.Service
	ClientIP httpx.ClientIP
	// Cache keeps rendered pages, feeds and sitemaps; nil renders every request.
	Cache *cache.Cache
	// Brotli compresses cached pages for clients that accept br; nil for gzip only.
	Brotli cache.Compressor
	// SurrogateKeys sends each page's Surrogate-Key header, for a CDN in front that the
	// purge hook (--purge-url) purges by key; without one nobody reads it.
	SurrogateKeys bool
	// RenderSlots bounds the pages rendered at once (0: no bound). The others wait in
	// arrival order: with every core busy, a render that starts finishes in the time of
	// its own work rather than sharing the cores with all the others, which halves the
	// 99th percentile of a burst of misses (bench/load, docs/performance.md).
	RenderSlots int
	// Reads counts the readers of story pages for "Most read" (nil: not counted); the
	// caller flushes it to the store (mostread.Counter.Run).
	Reads *mostread.Counter
	// MostReadEvery is how often each language's "Most read" list is made again from the
	// counts (0: every 5 minutes).
	MostReadEvery time.Duration
}

// Server is the public site.
type Server struct {
	cfg    Config
	log    *slog.Logger
	pages  map[string]*template.Template
	static map[string]staticFile
	css    string // hashed URL of the stylesheet
	js     string // hashed URL of the script
	mux    *http.ServeMux
	routes []route // the route table mux serves (routes.go), for Routes
	// crossOrigin refuses review posts sent by other sites' pages (Sec-Fetch-Site,
	// Origin): the form carries no per-visitor token, so cached pages are the same for all.
	crossOrigin *http.CrossOriginProtection
	// frags keeps fragments shared by many pages (fragments.go).
	frags *fragments
	slots chan struct{} // RenderSlots: a token a render in progress
	// most keeps the "Most read" lists (mostread.go).
	most   *mostReadLists
	agents agents // User-Agents known to be browsers' or not (mostread.go)
	// brandFiles keeps the brand made from the settings and its files (brand.go).
	brandFiles brandFiles
}

type staticFile struct {
	body  []byte
	ctype string
}

// New parses templates and prepares the routes.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	s := &Server{cfg: cfg, log: cfg.Logger, static: map[string]staticFile{}}
	if p, ok := cfg.Store.(purger); ok { // a store that cannot tell of changes gets no fragments kept
		s.frags = newFragments()
		s.most = &mostReadLists{lists: map[string]mostReadList{}}
		p.OnPurge(func(keys []string, _ bool) { s.frags.purge(keys); s.most.purge(keys) }) // synchronously after each commit
	}
	if err := s.loadStatic(); err != nil {
		return nil, err
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	if cfg.RenderSlots > 0 {
		s.slots = make(chan struct{}, cfg.RenderSlots)
	}
	s.crossOrigin = http.NewCrossOriginProtection()
	s.crossOrigin.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.reviewAnswer(w, r, strings.Contains(r.Header.Get("Accept"), "application/json"), http.StatusForbidden,
			visitorLang(r), "review_err_token", nil)
	}))
	s.mux = http.NewServeMux()
	s.register() // routes.go
	return s, nil
}

// ServeHTTP serves the public site through its routes (cached pages through the cache).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Hit answers r from the page cache if it holds the page, and reports whether it did; for
// httpx.Options.Hit, which asks before the request is given its context or reaches the
// router: a hit costs no routing and no database query. Only public pages are ever in the
// cache, so any other request is left to the router.
func (s *Server) Hit(w http.ResponseWriter, r *http.Request) bool { return s.fromCache(w, r) }

// loadStatic reads the embedded assets and names each by a content hash, so they can be
// cached for a year.
func (s *Server) loadStatic() error {
	return fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(path)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(path, "static/")
		dot := strings.LastIndexByte(name, '.')
		hashed := name[:dot] + "." + hex.EncodeToString(sum[:6]) + name[dot:]
		ctype := "application/octet-stream"
		switch name[dot:] {
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		case ".svg":
			ctype = "image/svg+xml"
		}
		s.static[hashed] = staticFile{body: b, ctype: ctype}
		switch name {
		case "site.css":
			s.css = "/static/" + hashed
		case "site.js":
			s.js = "/static/" + hashed
		}
		return nil
	})
}
