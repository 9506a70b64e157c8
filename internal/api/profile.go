package api

import (
	"fmt"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// profileJSON is a staff member's author profile: what their author page shows.
type profileJSON struct {
	AuthorID int64                         `json:"author_id"`
	UserID   int64                         `json:"user_id"`
	Name     string                        `json:"name"`
	Role     string                        `json:"role"`
	Slug     string                        `json:"slug"`
	URLs     map[string]string             `json:"urls"`
	Photo    *imageJSON                    `json:"photo"`
	Texts    map[string]content.AuthorText `json:"texts"`
	Links    []content.AuthorLink          `json:"links"`
}

// profileRequest is the body of PUT /users/{id}/profile: the whole profile.
type profileRequest struct {
	Name    string                        `json:"name"`
	Role    string                        `json:"role"`
	Slug    string                        `json:"slug"`
	PhotoID *int64                        `json:"photo_id"`
	Texts   map[string]content.AuthorText `json:"texts"`
	Links   []content.AuthorLink          `json:"links"`
}

// showProfile returns a staff member's author profile: one's own, or anyone's for admins.
func (a *API) showProfile(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := a.svc.Profile(r.Context(), u, id)
	if err != nil {
		return err
	}
	return a.replyProfile(w, r, p)
}

// updateProfile replaces a staff member's author profile.
func (a *API) updateProfile(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// Who may comes before what was sent: a stranger's profile is refused whatever the body.
	if !newsroom.CanEditProfile(u, id) {
		return fmt.Errorf("profile of user %d: %w", id, account.ErrForbidden)
	}
	var req profileRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	in := newsroom.ProfileInput{Name: req.Name, Role: req.Role, Slug: req.Slug, Texts: req.Texts, Links: req.Links}
	if req.PhotoID != nil {
		in.PhotoID = *req.PhotoID
	}
	p, err := a.svc.SaveProfile(r.Context(), u, id, in)
	if err != nil {
		return err
	}
	return a.replyProfile(w, r, p)
}

func (a *API) replyProfile(w http.ResponseWriter, r *http.Request, p content.AuthorProfile) error {
	langs, err := a.svc.Languages(r.Context())
	if err != nil {
		return err
	}
	j := profileJSON{AuthorID: p.ID, UserID: p.UserID, Name: p.Name, Role: p.Role, Slug: p.Slug, URLs: map[string]string{},
		Texts: p.Texts, Links: p.Links}
	for _, l := range langs {
		j.URLs[l.Code] = a.base + content.AuthorPath(l.Code, p.Slug)
	}
	if p.Photo != nil {
		img := image(*p.Photo)
		j.Photo = &img
	}
	if j.Texts == nil {
		j.Texts = map[string]content.AuthorText{}
	}
	if j.Links == nil {
		j.Links = []content.AuthorLink{}
	}
	a.reply(w, r, http.StatusOK, j)
	return nil
}
