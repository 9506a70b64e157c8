package api

import (
	"net/http"
	"unicode/utf8"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// tagJSON is a tag with its translations (the same tag in other languages).
type tagJSON struct {
	ID           int64         `json:"id"`
	Language     string        `json:"language"`
	Name         string        `json:"name"`
	Slug         string        `json:"slug"`
	Untranslated bool          `json:"untranslated"`
	Stories      int           `json:"stories"`
	Translations []tagLinkJSON `json:"translations"`
}

// tagLinkJSON is one translation of a tag.
type tagLinkJSON struct {
	ID           int64  `json:"id"`
	Language     string `json:"language"`
	Name         string `json:"name"`
	Slug         string `json:"slug"`
	Untranslated bool   `json:"untranslated"`
}

func tagOf(row newsroom.TagRow) tagJSON {
	j := tagJSON{ID: row.ID, Language: row.Language, Name: row.Name, Slug: row.Slug, Untranslated: row.Untranslated,
		Stories: row.Stories, Translations: make([]tagLinkJSON, 0, len(row.Translations))}
	for _, t := range row.Translations {
		j.Translations = append(j.Translations, tagLinkJSON{ID: t.ID, Language: t.Language, Name: t.Name, Slug: t.Slug, Untranslated: t.Untranslated})
	}
	return j
}

// listTags lists tags by name (at most 200) with their translations.
func (a *API) listTags(w http.ResponseWriter, r *http.Request, u account.User) error {
	q := r.URL.Query()
	if err := checkQuery(q, "language", "q"); err != nil {
		return err
	}
	tq := newsroom.TagQuery{Language: q.Get("language"), Search: q.Get("q")}
	if utf8.RuneCountInString(tq.Search) > 100 || !utf8.ValidString(tq.Search) {
		return badRequest("Query parameter \"q\" must be valid text of at most 100 characters.")
	}
	rows, err := a.svc.Tags(r.Context(), u, tq)
	if err != nil {
		return err
	}
	out := struct {
		Tags []tagJSON `json:"tags"`
	}{Tags: make([]tagJSON, 0, len(rows))}
	for _, row := range rows {
		out.Tags = append(out.Tags, tagOf(row))
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}

// replyTag answers with tag id as it is now.
func (a *API) replyTag(w http.ResponseWriter, r *http.Request, u account.User, id int64) error {
	row, err := a.svc.Tag(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, tagOf(row))
	return nil
}

// renameTag names a tag (its slug follows).
func (a *API) renameTag(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req struct {
		Name string `json:"name"`
	}
	return a.changeTag(w, r, u, &req, func(id int64) error { return a.svc.RenameTag(r.Context(), u, id, req.Name) })
}

// linkTag links a tag to its translation in a language (an existing tag of that name, or a new one).
func (a *API) linkTag(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req struct {
		Language string `json:"language"`
		Name     string `json:"name"`
	}
	return a.changeTag(w, r, u, &req, func(id int64) error {
		return a.svc.LinkTag(r.Context(), u, id, req.Language, req.Name)
	})
}

// unlinkTag takes a tag out of its translations.
func (a *API) unlinkTag(w http.ResponseWriter, r *http.Request, u account.User) error {
	return a.changeTag(w, r, u, nil, func(id int64) error { return a.svc.UnlinkTag(r.Context(), u, id) })
}

// changeTag makes one change to the tag the path's {id} names: it reads the request's
// JSON body into req first (no body is read when req is nil), and answers with the tag as
// it is after the change.
func (a *API) changeTag(w http.ResponseWriter, r *http.Request, u account.User, req any, change func(id int64) error) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if req != nil {
		if err := decodeJSON(w, r, req, false); err != nil {
			return err
		}
	}
	if err := change(id); err != nil {
		return err
	}
	return a.replyTag(w, r, u, id)
}
