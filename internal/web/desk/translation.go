package desk

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/content"
)

// sourcePanel is the version of a story shown read-only beside its editor while
// translating: the source of a new translation, or any version the translator chooses.
type sourcePanel struct {
	Article      content.Article
	LanguageName string
	Body         template.HTML
	Others       []content.Article // the other versions of the story, to choose from
}

// errNotAVersion answers a source that is not another version of the story.
func errNotAVersion() error {
	return &content.FieldError{Fields: map[string]string{"source": "That story is not another version of this one."}}
}

// sourceOf works out the panel for the story a from the request's source parameter (in the
// address, or sent back by the edit form): nil panel and no error when none is asked for.
// The versions are a's translation group, as the editor may see them.
func (d *Desk) sourceOf(r *http.Request, a content.Article, versions []content.Article, langs []content.Language) (*sourcePanel, []content.Article, error) {
	var others []content.Article
	for _, v := range versions {
		if v.ID != a.ID {
			others = append(others, v)
		}
	}
	raw := r.FormValue("source")
	if raw == "" || a.ID == 0 {
		return nil, others, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil || id == a.ID {
		return nil, others, errNotAVersion()
	}
	for _, v := range others {
		if v.ID != id {
			continue
		}
		src, err := d.svc.Get(r.Context(), *userFrom(r.Context()), id)
		if err != nil {
			return nil, others, err
		}
		p := &sourcePanel{Article: src, LanguageName: src.Language, Others: others,
			Body: template.HTML(src.BodyHTML)} // #nosec G203 -- goldmark output, raw HTML sanitised by content.BodyPolicy
		for _, l := range langs {
			if l.Code == src.Language {
				p.LanguageName = l.Name
			}
		}
		return p, others, nil
	}
	return nil, others, errNotAVersion()
}

// sourceQuery is the part of a redirect's address that keeps the panel the edit form
// sent back ("" for none).
func sourceQuery(r *http.Request) string {
	if id, err := strconv.ParseInt(r.PostFormValue("source"), 10, 64); err == nil && id > 0 {
		return "&source=" + strconv.FormatInt(id, 10)
	}
	return ""
}

// translateArticle starts a translation and opens its editor with the source beside it.
func (d *Desk) translateArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	a, err := d.svc.Translate(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("language"))
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(a.ID, 10)+"?notice=translated&source="+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
