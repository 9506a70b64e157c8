package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// The workflow transitions other than publishing: each takes the story id and a small
// JSON body, and answers 200 with the story.

type returnRequest struct {
	Note string `json:"note"`
}

type scheduleRequest struct {
	PublishAt *string `json:"publish_at"`
}

type correctRequest struct {
	Text string `json:"text"`
}

type unpublishRequest struct {
	Reason string `json:"reason"`
}

// transition decodes the body into req (optional when emptyOK), runs do and renders the story.
func (a *API) transition(w http.ResponseWriter, r *http.Request, req any, emptyOK bool, do func(id int64) (content.Article, error)) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := decodeJSON(w, r, req, emptyOK); err != nil {
		return err
	}
	art, err := do(id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, a.article(art))
	return nil
}

// submitArticle sends a draft to the editors.
func (a *API) submitArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	return a.transition(w, r, &struct{}{}, true, func(id int64) (content.Article, error) {
		return a.svc.Submit(r.Context(), u, id)
	})
}

// returnArticle sends a submitted story back to its writer with a note.
func (a *API) returnArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req returnRequest
	return a.transition(w, r, &req, false, func(id int64) (content.Article, error) {
		return a.svc.Return(r.Context(), u, id, req.Note)
	})
}

// scheduleArticle sets a story to publish at a later time.
func (a *API) scheduleArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req scheduleRequest
	return a.transition(w, r, &req, false, func(id int64) (content.Article, error) {
		errs := map[string]string{}
		at := parseTime("publish_at", req.PublishAt, errs)
		if at.IsZero() && len(errs) == 0 {
			errs["publish_at"] = "Say when to publish, as an RFC 3339 time."
		}
		if len(errs) > 0 {
			return content.Article{}, invalid(errs)
		}
		return a.svc.Schedule(r.Context(), u, id, at)
	})
}

// correctArticle publishes a correction note at the foot of a published story.
func (a *API) correctArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req correctRequest
	return a.transition(w, r, &req, false, func(id int64) (content.Article, error) {
		art, err := a.svc.Correct(r.Context(), u, id, req.Text)
		return art, renameField(err, "correction", "text")
	})
}

// unpublishArticle withdraws a published or scheduled story.
func (a *API) unpublishArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req unpublishRequest
	return a.transition(w, r, &req, true, func(id int64) (content.Article, error) {
		if len(req.Reason) > 2000 {
			return content.Article{}, invalid(map[string]string{"reason": "The reason is longer than 2,000 bytes."})
		}
		return a.svc.Unpublish(r.Context(), u, id, req.Reason)
	})
}
