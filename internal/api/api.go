// Package api serves the newsroom JSON API under /api/: personal-access-token
// authentication, one error envelope, and an OpenAPI 3.1 document of every route.
// Handlers decode, call the newsroom service (which checks every permission) and render.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/pages"
	"github.com/newsdesk/newsdesk/internal/review"
)

// Config configures the API.
type Config struct {
	Service *newsroom.Service // required
	Reviews *review.Service   // reader reviews (moderation and the public list)
	// Accounts authenticates personal access tokens (required unless every route is public).
	Accounts *account.Service
	// Storage tells the one error path whether the database answers and what a failure
	// means (503, 507).
	Storage Storage
	Media   *media.Store   // nil: image uploads answer 503
	Pages   *pages.Service // the site's pages (About…); nil: their routes answer 503
	// Autosaves keeps the users' working copies of stories (nil: the autosave routes answer 503).
	Autosaves *newsroom.Autosaves
	Logger    *slog.Logger
	BaseURL   string // absolute site URL, for an article's public "url"
	Now       func() time.Time
}

// Storage is what the API's error path asks of the database; *store.Store implements it.
type Storage interface {
	Ping(ctx context.Context) error
	// Classify marks a storage error with content.ErrUnavailable or content.ErrStorageFull.
	Classify(err error) error
}

// API is the newsroom JSON API. It is an http.Handler for everything under /api/.
type API struct {
	svc      *newsroom.Service
	reviews  *review.Service
	accounts *account.Service
	storage  Storage
	media    *media.Store
	autosave *newsroom.Autosaves
	pages    *pages.Service
	log      *slog.Logger
	base     string
	now      func() time.Time
	mux      *http.ServeMux
	routes   []route
	openapi  []byte
}

// handlerFunc is an API handler: it writes a success itself and returns any failure, which
// the one error path (fail) renders. u is the token's user (zero on public routes).
type handlerFunc func(w http.ResponseWriter, r *http.Request, u account.User) error

// New builds the API and registers its routes.
func New(cfg Config) *API {
	a := &API{svc: cfg.Service, reviews: cfg.Reviews, accounts: cfg.Accounts, storage: cfg.Storage, media: cfg.Media, autosave: cfg.Autosaves, pages: cfg.Pages, log: cfg.Logger, base: strings.TrimRight(cfg.BaseURL, "/"), now: cfg.Now}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.mux = http.NewServeMux()
	a.routes = a.routeTable()
	for _, rt := range a.routes {
		a.mux.Handle(rt.method+" "+rt.pattern, a.wrap(rt))
	}
	a.mux.HandleFunc(fallbackPattern, a.fallback)
	a.openapi = openAPIJSON(a.base)
	return a
}

// fallbackPattern catches every request no route matches, to answer 404 or 405 in JSON.
const fallbackPattern = "/"

// ServeHTTP serves the API.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	a.mux.ServeHTTP(w, r)
}

// wrap authenticates (unless the route is public), checks that the user's role allows the
// route's action, runs the handler and renders its error. The role is checked before the
// handler reads anything, so that a refused user learns nothing from validation answers.
func (a *API) wrap(rt route) http.Handler {
	act := rt.act
	if act == "" {
		act = account.ActViewNewsroom // a route that forgot its action is closed, not open
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u account.User
		if !rt.public {
			var err error
			if u, err = a.authenticate(r); err != nil {
				a.fail(w, r, err)
				return
			}
			if !account.Can(u.Role, act) {
				a.fail(w, r, fmt.Errorf("%s %s as %s: %w", rt.method, rt.pattern, u.Role, account.ErrForbidden))
				return
			}
		}
		if err := rt.handle(w, r, u); err != nil {
			a.fail(w, r, err)
		}
	})
}

// errUnauthorized marks a missing, malformed, unknown or revoked token, or a disabled user.
var errUnauthorized = errors.New("unauthorized")

// maxTokenLen bounds what is hashed: real tokens are 47 characters.
const maxTokenLen = 256

// authenticate finds the user of the request's bearer token. Revocation and disabling take
// effect at once: every request asks the database.
func (a *API) authenticate(r *http.Request) (account.User, error) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" || len(token) > maxTokenLen {
		return account.User{}, errUnauthorized
	}
	u, err := a.accounts.TokenUser(r.Context(), token)
	if errors.Is(err, content.ErrNotFound) {
		return u, errUnauthorized
	}
	return u, err
}

// fallback answers requests no route matched: 405 with Allow when the path exists for other
// methods, else 404.
func (a *API) fallback(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if m == r.Method {
			continue
		}
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := a.mux.Handler(probe); pattern != "" && pattern != fallbackPattern {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		a.fail(w, r, &apiError{status: http.StatusMethodNotAllowed, code: "method_not_allowed",
			message: fmt.Sprintf("This path does not take %s; it takes %s.", r.Method, strings.Join(allow, ", "))})
		return
	}
	a.fail(w, r, &apiError{status: http.StatusNotFound, code: "not_found", message: "There is no such API route."})
}
