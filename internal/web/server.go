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

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Store is what the public site reads. *store.Store implements it.
type Store interface {
	Ping(ctx context.Context) error
	Languages(ctx context.Context) ([]content.Language, error)
	Sections(ctx context.Context, lang string) ([]content.Section, error)
	SectionBySlug(ctx context.Context, lang, slug string) (content.Section, error)
	AuthorBySlug(ctx context.Context, slug string) (content.Author, error)
	TagBySlug(ctx context.Context, lang, slug string) (int64, content.Tag, error)
	PublicArticle(ctx context.Context, lang, slug string, now time.Time) (content.Article, error)
	Translations(ctx context.Context, a content.Article, now time.Time) ([]content.Translation, error)
	PublicArticles(ctx context.Context, q store.ListQuery, now time.Time) ([]content.ArticleSummary, error)
	PublicBriefs(ctx context.Context, q store.BriefQuery, now time.Time) ([]content.Brief, error)
	FeedArticles(ctx context.Context, q store.FeedQuery, now time.Time) ([]content.Article, error)
	SitemapArticles(ctx context.Context, offset, limit int, since, now time.Time) ([]store.SitemapEntry, error)
	CountPublicArticles(ctx context.Context, now time.Time) (int, error)
	ContentSeq(ctx context.Context) (int64, error)
	NextVisibilityChange(ctx context.Context, now time.Time) (time.Time, error)
	Setting(ctx context.Context, key, def string) (string, error)
	Search(ctx context.Context, r search.Request) (search.Results, error)
}

// Config configures the public site.
type Config struct {
	Store    Store
	Logger   *slog.Logger
	BaseURL  string         // absolute site URL without trailing slash, for canonical links
	Location *time.Location // time zone of dates shown to readers
	Demo     bool           // show the demo banner
	Now      func() time.Time
	Reviews  *review.Service
	ClientIP httpx.ClientIP
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
	docs   docCache
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
	s := &Server{cfg: cfg, log: cfg.Logger, static: map[string]staticFile{}, docs: docCache{entries: map[string]*cachedDoc{}}}
	if err := s.loadStatic(); err != nil {
		return nil, err
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.mux = http.NewServeMux()
	s.routes()
	return s, nil
}

// ServeHTTP serves the public site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

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

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /healthz", s.healthz)
	m.HandleFunc("GET /readyz", s.readyz)
	m.HandleFunc("GET /robots.txt", s.robots)
	m.HandleFunc("GET /static/{file}", s.staticAsset)
	m.HandleFunc("GET /{$}", s.root)
	m.HandleFunc("GET /{lang}/{$}", s.home)
	m.HandleFunc("GET /{lang}/{section}/{$}", s.sectionFront)
	m.HandleFunc("GET /{lang}/{section}/{slug}", s.article)
	m.HandleFunc("POST /{lang}/{section}/{slug}/reviews", s.postReview)
	m.HandleFunc("GET /{lang}/{section}/briefs/{$}", s.briefArchive)
	m.HandleFunc("GET /{lang}/{section}/briefs/{day}", s.briefDay)
	m.HandleFunc("GET /search", s.search)
	m.HandleFunc("GET /search.json", s.searchJSON)
	m.HandleFunc("GET /{lang}/tag/{tag}", s.tagPage)
	m.HandleFunc("GET /{lang}/author/{author}", s.authorPage)
	for _, f := range []string{"rss.xml", "atom.xml", "feed.json"} {
		m.HandleFunc("GET /"+f, s.siteFeed)
	}
	m.HandleFunc("GET /{lang}/feed/{format}", s.languageFeed)
	m.HandleFunc("GET /{lang}/{section}/feed/{format}", s.sectionFeed)
	m.HandleFunc("GET /{lang}/tag/{tag}/feed/{format}", s.tagFeed)
	m.HandleFunc("GET /sitemap.xml", s.sitemapIndex)
	m.HandleFunc("GET /sitemaps/{file}", s.sitemapFile)
	m.HandleFunc("GET /news-sitemap.xml", s.newsSitemap)
	m.HandleFunc("/", s.notFound)
}
