package desk

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/search"
)

// searchPerPage is the number of results on a newsroom search page.
const searchPerPage = 30

type searchView struct {
	view
	Q, Status, Language, Kind string
	Languages                 []content.Language
	Searched, NothingToDo     bool
	Total                     int
	Capped                    bool
	Hits                      []search.Hit
	Page                      int
	PrevURL, NextURL          string
	Own                       bool // the user searches only their own drafts
}

// searchNewsroom is full-text search over the stories and briefs the user may search (an
// editor's: everyone's in every state; a correspondent's: their own drafts):
// /newsroom/search?q=…&status=&language=&type=&page=
func (d *Desk) searchNewsroom(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	q := r.URL.Query()
	sv := searchView{view: d.baseView(w, r, u, "Search"), Q: q.Get("q"), Status: q.Get("status"),
		Language: q.Get("language"), Kind: q.Get("type"), Page: 1, Own: !account.Can(u.Role, account.ActEditAny)}
	sv.Nav = "stories"
	if p := q.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || (n-1)*searchPerPage >= search.MaxResults {
			d.message(w, r, http.StatusBadRequest, "Bad page", d.tr(r, "The page number %q is not one of the result pages.", p))
			return
		}
		sv.Page = n
	}
	req := search.Request{Query: search.ParseQuery(sv.Q), Status: content.Status(sv.Status), Kind: sv.Kind,
		Limit: searchPerPage, Offset: (sv.Page - 1) * searchPerPage, Now: d.cfg.Now()}
	switch content.Status(sv.Status) {
	case "", content.StatusDraft, content.StatusSubmitted, content.StatusScheduled, content.StatusPublished, content.StatusUnpublished:
	default:
		d.message(w, r, http.StatusBadRequest, "Bad filter", d.tr(r, "Unknown state %q.", sv.Status))
		return
	}
	switch sv.Kind {
	case "", search.KindArticle, search.KindBrief:
	default:
		d.message(w, r, http.StatusBadRequest, "Bad filter", d.tr(r, "Unknown type %q.", sv.Kind))
		return
	}
	var err error
	if sv.Languages, err = d.svc.Languages(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	if sv.Language != "" {
		req.Languages = []string{sv.Language}
	}
	switch {
	case strings.TrimSpace(sv.Q) == "":
	case req.Query.Empty():
		sv.NothingToDo = true
	default:
		res, err := d.svc.Search(r.Context(), *u, req)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		sv.Searched, sv.Total, sv.Capped, sv.Hits = true, res.Total, res.Capped, res.Hits
		page := func(n int) string {
			v := q
			v.Set("page", strconv.Itoa(n))
			return "/newsroom/search?" + v.Encode()
		}
		if sv.Page > 1 {
			sv.PrevURL = page(sv.Page - 1)
		}
		if req.Offset+len(res.Hits) < res.Total && req.Offset+2*req.Limit <= search.MaxResults {
			sv.NextURL = page(sv.Page + 1)
		}
	}
	d.render(w, r, http.StatusOK, "search", sv)
}
