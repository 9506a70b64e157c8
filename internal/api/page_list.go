package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// listPages lists the site's pages in every state, of one language when asked, by
// language, footer position and title.
func (a *API) listPages(w http.ResponseWriter, r *http.Request, u account.User) error {
	if a.pages == nil {
		return pagesUnavailable()
	}
	q := r.URL.Query()
	if err := checkQuery(q, "language"); err != nil {
		return err
	}
	all, err := a.pages.List(r.Context(), u, "")
	if err != nil {
		return err
	}
	lang := q.Get("language")
	out := struct {
		Pages []pageJSON `json:"pages"`
	}{Pages: []pageJSON{}}
	for _, p := range all {
		if lang == "" || p.Language == lang {
			out.Pages = append(out.Pages, a.page(p, all))
		}
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}

// showPage answers one page with its translations.
func (a *API) showPage(w http.ResponseWriter, r *http.Request, u account.User) error {
	if a.pages == nil {
		return pagesUnavailable()
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return a.replyPage(w, r, u, http.StatusOK, id)
}

// replyPage answers page id as it is now, with its translations.
func (a *API) replyPage(w http.ResponseWriter, r *http.Request, u account.User, status int, id int64) error {
	p, err := a.pages.Get(r.Context(), u, id)
	if err != nil {
		return err
	}
	group, err := a.pages.Translations(r.Context(), u, p)
	if err != nil {
		return err
	}
	a.reply(w, r, status, a.page(p, group))
	return nil
}
