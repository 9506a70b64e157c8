package web

import (
	"net/http"
	"strings"
)

// Route is one registered route of the public site, as Routes lists it.
type Route struct {
	Method  string // GET, POST; "" for any method (the not-found fallback)
	Pattern string // ServeMux path pattern, e.g. /{lang}/{section}/{slug}
}

// routeTable registers routes on the site's ServeMux and remembers each, so the list
// Routes reports is the list the mux serves: a route cannot be added without appearing.
type routeTable struct {
	mux    *http.ServeMux
	routes []Route
}

// newRouteTable starts the route table of s over its mux.
func (s *Server) newRouteTable() *routeTable {
	s.table = &routeTable{mux: s.mux}
	return s.table
}

// Handle registers h for pattern ("METHOD /path" or "/path").
func (t *routeTable) Handle(pattern string, h http.Handler) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "", pattern
	}
	t.routes = append(t.routes, Route{Method: method, Pattern: path})
	t.mux.Handle(pattern, h)
}

// HandleFunc registers f for pattern.
func (t *routeTable) HandleFunc(pattern string, f http.HandlerFunc) { t.Handle(pattern, f) }

// Routes lists every route of the public site, from the table that registered them.
func (s *Server) Routes() []Route {
	if s.table == nil {
		return nil
	}
	return append([]Route(nil), s.table.routes...)
}
