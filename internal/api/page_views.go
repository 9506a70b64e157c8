package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/content"
)

// pageJSON is a page (About, Contacts…) as the API answers it.
type pageJSON struct {
	ID           int64          `json:"id"`
	Language     string         `json:"language"`
	Slug         string         `json:"slug"`
	Title        string         `json:"title"`
	Body         string         `json:"body"`
	BodyHTML     string         `json:"body_html"`
	Status       string         `json:"status"`
	InFooter     bool           `json:"in_footer"`
	Position     int            `json:"position"`
	GroupID      int64          `json:"group_id"`
	Translations []pageLinkJSON `json:"translations"`
	URL          *string        `json:"url"`
	CreatedAt    *string        `json:"created_at"`
	UpdatedAt    *string        `json:"updated_at"`
	PublishedAt  *string        `json:"published_at"`
}

// pageLinkJSON is one translation of a page.
type pageLinkJSON struct {
	ID       int64  `json:"id"`
	Language string `json:"language"`
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	Status   string `json:"status"`
}

// page renders p with its translations (the other pages of its group, from group).
func (a *API) page(p content.Page, group []content.Page) pageJSON {
	j := pageJSON{ID: p.ID, Language: p.Language, Slug: p.Slug, Title: p.Title, Body: p.BodyMD, BodyHTML: p.BodyHTML,
		Status: string(p.Status), InFooter: p.InFooter, Position: p.Position, GroupID: p.GroupID,
		Translations: []pageLinkJSON{}, CreatedAt: timeJSON(p.CreatedAt), UpdatedAt: timeJSON(p.UpdatedAt),
		PublishedAt: timeJSON(p.PublishedAt)}
	if p.Status == content.StatusPublished {
		u := a.base + content.PagePath(p.Language, p.Slug)
		j.URL = &u
	}
	for _, g := range group {
		if g.ID != p.ID && p.GroupID != 0 && g.GroupID == p.GroupID {
			j.Translations = append(j.Translations, pageLinkJSON{ID: g.ID, Language: g.Language, Slug: g.Slug, Title: g.Title,
				Status: string(g.Status)})
		}
	}
	return j
}

// pagesUnavailable answers the page routes of an API built without the pages service.
func pagesUnavailable() error {
	return &apiError{status: http.StatusServiceUnavailable, code: "unavailable", message: "Pages are not configured on this server."}
}
