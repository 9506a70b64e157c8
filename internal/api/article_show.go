package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// articleDetailJSON is one story with who else has it open in the newsroom's editor.
type articleDetailJSON struct {
	articleJSON
	OpenBy []openByJSON `json:"open_by"`
}

// openByJSON is one user who has a story open in the editor, and since when.
type openByJSON struct {
	User  presenceUserJSON `json:"user"`
	Since *string          `json:"since"`
}

type presenceUserJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func openByOf(ps []newsroom.Presence) []openByJSON {
	out := make([]openByJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, openByJSON{User: presenceUserJSON{ID: p.UserID, Name: p.Name}, Since: timeJSON(p.Since)})
	}
	return out
}

// showArticle returns one story the token's user may see, with the others who have it
// open in the newsroom's editor.
func (a *API) showArticle(w http.ResponseWriter, r *http.Request, u account.User) error {
	art, err := a.pathArticle(r, u)
	if err != nil {
		return err
	}
	open, err := a.svc.OpenBy(r.Context(), u, art.ID)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, articleDetailJSON{articleJSON: a.article(art), OpenBy: openByOf(open)})
	return nil
}

// pathArticle loads the story the path's {id} names, as u may see it; a malformed id is not
// found.
func (a *API) pathArticle(r *http.Request, u account.User) (content.Article, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return content.Article{}, err
	}
	return a.svc.Get(r.Context(), u, id)
}
