package wire

// Route is one registered route, as Routes lists it.
type Route struct {
	Method, Pattern string
}

// route is one row of the route table.
type route struct {
	method, pattern string
	handle          handlerFunc
}

// routeTable lists every route of the wire API; New registers exactly these and Routes
// reports them. Every route needs a subscriber's API key.
func (h *Handler) routeTable() []route {
	const p = "/api/v1/wire"
	return []route{
		{"GET", p + "/items", h.listItems},
		{"GET", p + "/items/{id}", h.showItem},
		{"GET", p + "/items/{id}/versions", h.listVersions},
		{"GET", p + "/stream", h.stream},
	}
}

// Routes lists every route, from the table that registers them.
func (h *Handler) Routes() []Route {
	out := make([]Route, 0, len(h.routes))
	for _, rt := range h.routes {
		out = append(out, Route{Method: rt.method, Pattern: rt.pattern})
	}
	return out
}
