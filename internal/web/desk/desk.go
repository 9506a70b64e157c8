// Package desk serves the newsroom at /newsroom/: the back office where correspondents
// file and editors decide. It is server-rendered HTML that works without JavaScript;
// a small external script adds live preview and a word count.
package desk

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/notify"
	"github.com/newsdesk/newsdesk/internal/pages"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/syndication"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static/*
var staticFS embed.FS

// Config configures the newsroom.
type Config struct {
	Service  *newsroom.Service
	Reviews  *review.Service
	Accounts *account.Service // sign-in, sessions, users and personal tokens
	Wire     *syndication.Service
	Notify   *notify.Service // the staff's notifications (notifications.go)
	// Storage tells the one error path whether the database answers and what a failure
	// means (503, 507).
	Storage  Storage
	Media    *media.Store
	Logger   *slog.Logger
	BaseURL  string
	Location *time.Location
	Now      func() time.Time
	// SecureCookies marks cookies Secure (the site is served over HTTPS).
	SecureCookies bool
	// ClientIP finds the client's address behind trusted proxies (sign-in throttling).
	ClientIP httpx.ClientIP
	// Autosaves keeps the story editor's working copies; nil turns autosave off.
	Autosaves *newsroom.Autosaves
	// Pages is the site's pages (About, Contacts…: pages.go); nil: their screens answer 503.
	Pages *pages.Service
}

// Storage is what the newsroom's error path asks of the database; *store.Store
// implements it.
type Storage interface {
	Ping(ctx context.Context) error
	// Classify marks a storage error with content.ErrUnavailable or content.ErrStorageFull.
	Classify(err error) error
	// DeskStamp changes when what a user's dashboard shows changes (events.go); it also
	// returns the user's unread notifications.
	DeskStamp(ctx context.Context, userID int64) (stamp string, unread int, err error)
}

// Desk is the newsroom web surface.
type Desk struct {
	cfg    Config
	svc    *newsroom.Service
	log    *slog.Logger
	pages  map[string]map[string]*template.Template // language → page name → template (lang.go)
	assets map[string]asset                         // hashed name → file
	css    string
	js     string
	liveJS string
	mux    *http.ServeMux
	routes []route // the route table mux serves (routes.go), for Routes

	// assetURL maps a static file's own name to its hashed URL (the template function asset).
	assetURL map[string]string

	zones sync.Map // IANA name → *time.Location, the users' zones loaded so far (me.go)

	loginMu     sync.Mutex
	loginLimits map[string]*rate.Limiter // client address (IPv6: its /64) → sign-in attempts

	live liveStreams // the open event streams (events.go)
}

type asset struct {
	body  []byte
	ctype string
}

// New builds the newsroom.
func New(cfg Config) (*Desk, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.Notify == nil {
		return nil, errors.New("newsroom: no notification service (Config.Notify)")
	}
	d := &Desk{cfg: cfg, svc: cfg.Service, log: cfg.Logger, assets: map[string]asset{}, assetURL: map[string]string{},
		live: liveStreams{done: make(chan struct{})}}
	// editor.js and editor.css are the story editor, built by scripts/build-editor.
	for _, name := range []string{"newsroom.css", "newsroom.js", "front.js", "live.js", "editor.js", "editor.css"} {
		b, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		sum := sha256.Sum256(b)
		dot := strings.LastIndexByte(name, '.')
		hashed := name[:dot] + "." + hex.EncodeToString(sum[:6]) + name[dot:]
		ctype := "text/css; charset=utf-8"
		if strings.HasSuffix(name, ".js") {
			ctype = "text/javascript; charset=utf-8"
		}
		d.assets[hashed] = asset{body: b, ctype: ctype}
		d.assetURL[name] = "/newsroom/static/" + hashed
	}
	d.css, d.js = d.assetURL["newsroom.css"], d.assetURL["newsroom.js"]
	d.liveJS = d.assetURL["live.js"] // live updates of the dashboard and the badge (events.go)
	if err := d.parseTemplates(); err != nil {
		return nil, err
	}
	d.mux = http.NewServeMux()
	d.register()
	return d, nil
}

// ServeHTTP serves /newsroom/.
func (d *Desk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	d.mux.ServeHTTP(w, r)
}

var pageNames = []string{"login", "list", "edit", "conflict", "revisions", "diff", "briefs", "brief_edit", "images",
	"users", "audit", "settings", "brand", "tokens", "message", "resume", "preview", "reviews", "wire", "search", "front", "me", "tags",
	"notifications", "dashboard", "profile", "pages", "page_edit"}

// parseTemplates parses every page once per newsroom language: the T and lang functions of
// each set answer in that language (lang.go).
func (d *Desk) parseTemplates() error {
	d.pages = map[string]map[string]*template.Template{}
	for _, lang := range deskLanguages {
		pages, err := d.parseLanguage(lang)
		if err != nil {
			return err
		}
		d.pages[lang] = pages
	}
	return nil
}

func (d *Desk) parseLanguage(lang string) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"T":     func(s string, args ...any) string { return translate(lang, s, args...) },
		"lang":  func() string { return lang },
		"label": func(code any) string { return label(lang, fmt.Sprint(code)) },
		"zone":  func(loc *time.Location) string { return zoneLabel(loc, d.cfg.Now()) },
		"until": func(t time.Time) string { return untilText(lang, d.cfg.Now(), t) }, // dashboard.go
		// Times show in the zone of the page's reader: a page passes its view's Loc.
		"when": func(loc *time.Location, t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return t.In(zoneOr(loc)).Format("2 Jan 2006 15:04")
		},
		"iso": func(loc *time.Location, t time.Time) string { return t.In(zoneOr(loc)).Format(time.RFC3339) },
		"local": func(loc *time.Location, t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.In(zoneOr(loc)).Format("2006-01-02T15:04")
		},
		"fieldZone": func(loc *time.Location) string { return fieldZoneName(lang, zoneOr(loc), d.cfg.Now()) },
		"can":       account.Can,
		"join":      strings.Join,
		"tagnames": func(ts []content.Tag) string {
			var names []string
			for _, t := range ts {
				names = append(names, t.Name)
			}
			return strings.Join(names, ", ")
		},
		"srcset": func(rs []content.Rendition) string {
			var parts []string
			for _, r := range rs {
				parts = append(parts, "/media/"+r.File+" "+strconv.Itoa(r.Width)+"w")
			}
			return strings.Join(parts, ", ")
		},
		"articlePath":  content.ArticlePath,
		"add":          func(a, b int) int { return a + b },
		"reviewStates": func() []string { return []string{"pending", "approved", "rejected", "spam"} },
		"states":       func() []string { return []string{"draft", "submitted", "scheduled", "published", "unpublished"} },
		"asset":        func(name string) string { return d.assetURL[name] }, // a static file's hashed URL
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/part_*.html")
	if err != nil {
		return nil, fmt.Errorf("parse newsroom layout: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout: %w", err)
		}
		if _, err := t.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("parse newsroom template %s (%s): %w", name, lang, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// zoneOr is loc, or UTC for a view that has none.
func zoneOr(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// view is what the layout needs on every newsroom page.
type view struct {
	Title   string
	User    *account.User
	CSRF    string
	CSS, JS string
	LiveJS  string
	Notice  string
	Errors  map[string]string
	Nav     string
	Loc     *time.Location // the zone the page shows times in
	// The navigation's badges. Their names are used by no page view, so that a page's own
	// field cannot shadow them (a page's Reviews list once printed into the badge).
	PendingStories int // submitted stories waiting for an editor
	PendingReviews int // reader reviews waiting for moderation
	Unread         int // the user's unread notifications
}

func (d *Desk) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	var buf bytes.Buffer
	if err := d.pages[d.lang(r)][name].ExecuteTemplate(&buf, "layout", data); err != nil {
		d.log.ErrorContext(r.Context(), "newsroom_render_failed", "template", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// Sign-in attempts per client address, whatever the account: loginBurst at once, then one
// every loginEvery. At most maxLoginLimits addresses are remembered.
const (
	loginBurst     = 10
	loginEvery     = 6 * time.Second
	maxLoginLimits = 50_000
)

// loginAllowed takes one sign-in attempt from the bucket of a client address (see
// addressKey), at now; when the bucket is empty it says how long to wait.
func (d *Desk) loginAllowed(addr string, now time.Time) (time.Duration, bool) {
	d.loginMu.Lock()
	defer d.loginMu.Unlock()
	l, ok := d.loginLimits[addr]
	if !ok {
		if d.loginLimits == nil {
			d.loginLimits = map[string]*rate.Limiter{}
		}
		if len(d.loginLimits) >= maxLoginLimits {
			// Forget the addresses idle long enough for their bucket to be full again
			// (loginBurst × loginEvery): a new bucket would be the same.
			for k, l := range d.loginLimits {
				if l.TokensAt(now) >= loginBurst {
					delete(d.loginLimits, k)
				}
			}
		}
		l = rate.NewLimiter(rate.Every(loginEvery), loginBurst)
		if len(d.loginLimits) < maxLoginLimits {
			d.loginLimits[addr] = l
		} // else every remembered address is busy: this one goes unremembered (the per-account throttle still holds)
	}
	r := l.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return wait, false
	}
	return 0, true
}

// addressKey is how sign-in throttling names a client: an IPv4 address, or the /64
// network of an IPv6 address (one host or household, which holds many addresses).
func addressKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	if a = a.Unmap(); a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}
