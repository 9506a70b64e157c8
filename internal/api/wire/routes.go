package wire

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
