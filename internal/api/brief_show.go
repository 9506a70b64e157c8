package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

type briefListJSON struct {
	Briefs []briefJSON `json:"briefs"`
	Limit  int         `json:"limit"`
	Offset int         `json:"offset"`
}

// listBriefs lists briefs in any state, newest first; correspondents see only their own.
func (a *API) listBriefs(w http.ResponseWriter, r *http.Request, u account.User) error {
	q := r.URL.Query()
	if err := checkQuery(q, "limit", "offset"); err != nil {
		return err
	}
	limit, offset, err := pageParams(q)
	if err != nil {
		return err
	}
	list, err := a.svc.ListBriefs(r.Context(), u, limit, offset)
	if err != nil {
		return err
	}
	out := briefListJSON{Briefs: make([]briefJSON, 0, len(list)), Limit: limit, Offset: offset}
	for _, b := range list {
		out.Briefs = append(out.Briefs, brief(b))
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}

// showBrief returns one brief the user may see.
func (a *API) showBrief(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	b, err := a.svc.GetBrief(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, brief(b))
	return nil
}

// publishBrief publishes a waiting brief (editors).
func (a *API) publishBrief(w http.ResponseWriter, r *http.Request, u account.User) error {
	return a.briefAction(w, r, http.StatusOK, func(id int64) (any, error) {
		b, err := a.svc.PublishBrief(r.Context(), u, id)
		return brief(b), err
	})
}

// developBrief turns a brief into a linked story draft; it answers 201 with the draft.
func (a *API) developBrief(w http.ResponseWriter, r *http.Request, u account.User) error {
	return a.briefAction(w, r, http.StatusCreated, func(id int64) (any, error) {
		art, err := a.svc.DevelopBrief(r.Context(), u, id)
		if err != nil {
			return nil, err
		}
		w.Header().Set("Location", location("articles", art.ID))
		return a.article(art), nil
	})
}

// briefAction runs a body-less action on brief {id} and renders its result with status.
func (a *API) briefAction(w http.ResponseWriter, r *http.Request, status int, do func(id int64) (any, error)) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := decodeJSON(w, r, &struct{}{}, true); err != nil {
		return err
	}
	v, err := do(id)
	if err != nil {
		return err
	}
	a.reply(w, r, status, v)
	return nil
}
