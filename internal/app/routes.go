package app

import (
	"net/http"
	"strings"
)

// Route is one route of the whole site, as Routes lists it (the authorization test walks
// this list and fails on any route docs/security.md gives no policy).
type Route struct {
	Surface string // public, newsroom, api, wire, or app (routes of the top-level mux)
	Method  string // GET, POST, PUT, DELETE; "" for any method
	Pattern string // ServeMux path pattern
}

// router is the top-level mux. Each surface is mounted on a path prefix and lists its
// own routes; the few routes served here directly go through handle, which records them.
// Register every top-level route through it, so that Routes cannot miss one.
type router struct {
	mux    *http.ServeMux
	routes []Route
}

func newRouter() *router { return &router{mux: http.NewServeMux()} }

// mount hands everything under prefix to a surface that lists its own routes.
func (t *router) mount(prefix string, h http.Handler) { t.mux.Handle(prefix, h) }

// handle registers a route of the top-level mux ("METHOD /path" or "/path").
func (t *router) handle(pattern string, h http.Handler) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	t.routes = append(t.routes, Route{Surface: "app", Method: method, Pattern: path})
	t.mux.Handle(pattern, h)
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
	return append(out, s.appRoutes...)
}
