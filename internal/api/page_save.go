package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/pages"
)

// pageRequest is a page as POST and PUT take it. On PUT a field left out keeps its value.
type pageRequest struct {
	Language      *string `json:"language"`
	Slug          *string `json:"slug"`
	Title         *string `json:"title"`
	Body          *string `json:"body"`
	InFooter      *bool   `json:"in_footer"`
	Position      *int    `json:"position"`
	TranslationOf *int64  `json:"translation_of"`
}

// apply writes the fields the request has onto in.
func (req pageRequest) apply(in *pages.Input) {
	for dst, src := range map[*string]*string{&in.Language: req.Language, &in.Slug: req.Slug, &in.Title: req.Title, &in.Body: req.Body} {
		if src != nil {
			*dst = *src
		}
	}
	if req.InFooter != nil {
		in.InFooter = *req.InFooter
	}
	if req.Position != nil {
		in.Position = *req.Position
	}
}

// createPage writes a new draft page (admins).
func (a *API) createPage(w http.ResponseWriter, r *http.Request, u account.User) error {
	if a.pages == nil {
		return pagesUnavailable()
	}
	var req pageRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	in := pages.Input{InFooter: true}
	req.apply(&in)
	var to int64
	if req.TranslationOf != nil {
		to = *req.TranslationOf
	}
	p, err := a.pages.Create(r.Context(), u, in, to)
	if err != nil {
		return err
	}
	w.Header().Set("Location", location("pages", p.ID))
	return a.replyPage(w, r, u, http.StatusCreated, p.ID)
}

// updatePage changes a page (admins): the fields sent, the others kept. translation_of
// links it to another page's translations, or with 0 unlinks it.
func (a *API) updatePage(w http.ResponseWriter, r *http.Request, u account.User) error {
	if a.pages == nil {
		return pagesUnavailable()
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req pageRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	cur, err := a.pages.Get(r.Context(), u, id)
	if err != nil {
		return err
	}
	in := pages.Input{Language: cur.Language, Slug: cur.Slug, Title: cur.Title, Body: cur.BodyMD, InFooter: cur.InFooter,
		Position: cur.Position}
	req.apply(&in)
	if _, err := a.pages.Update(r.Context(), u, id, in); err != nil {
		return err
	}
	if req.TranslationOf != nil {
		if *req.TranslationOf == 0 {
			_, err = a.pages.Unlink(r.Context(), u, id)
		} else {
			_, err = a.pages.Link(r.Context(), u, id, *req.TranslationOf)
		}
		if err != nil {
			return err
		}
	}
	return a.replyPage(w, r, u, http.StatusOK, id)
}

// setPageStatus publishes or unpublishes a page (admins) and answers it with its URL.
func (a *API) setPageStatus(publish bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u account.User) error {
		id, err := a.pageAction(w, r)
		if err != nil {
			return err
		}
		if publish {
			_, err = a.pages.Publish(r.Context(), u, id)
		} else {
			_, err = a.pages.Unpublish(r.Context(), u, id)
		}
		if err != nil {
			return err
		}
		return a.replyPage(w, r, u, http.StatusOK, id)
	}
}

// deletePage removes a page for good (admins).
func (a *API) deletePage(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := a.pageAction(w, r)
	if err != nil {
		return err
	}
	if err := a.pages.Delete(r.Context(), u, id); err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, struct {
		ID      int64 `json:"id"`
		Deleted bool  `json:"deleted"`
	}{id, true})
	return nil
}

// pageAction reads the page id of an action that takes no body (an empty JSON object at
// most).
func (a *API) pageAction(w http.ResponseWriter, r *http.Request) (int64, error) {
	if a.pages == nil {
		return 0, pagesUnavailable()
	}
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, decodeJSON(w, r, &struct{}{}, true)
}
