package desk

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// tagsView is the tags screen: tags with their translations in the other languages.
type tagsView struct {
	view
	Language, Search string
	Languages        []content.Language
	Tags             []newsroom.TagRow
	Done             string // what the last action did: linked, unlinked, renamed
}

// listTags shows the tags (of a language, or matching a search) and their translations.
func (d *Desk) listTags(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	q := r.URL.Query()
	tv := tagsView{view: d.baseView(w, r, u, "Tags"), Language: q.Get("language"), Search: strings.TrimSpace(q.Get("q")), Done: q.Get("done")}
	tv.Nav = "tags"
	var err error
	if tv.Languages, err = d.svc.Languages(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	if tv.Tags, err = d.svc.Tags(r.Context(), *u, newsroom.TagQuery{Language: tv.Language, Search: tv.Search}); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "tags", tv)
}

// tagDone goes back to the tags screen (with its filter) at tag id, saying what was done.
func tagDone(w http.ResponseWriter, r *http.Request, id int64, done string) {
	q := url.Values{"done": {done}}
	if l := r.PostFormValue("filter_language"); l != "" {
		q.Set("language", l)
	}
	if s := r.PostFormValue("filter_q"); s != "" {
		q.Set("q", s)
	}
	http.Redirect(w, r, "/newsroom/tags?"+q.Encode()+"#tag-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// tagAction runs one change on the tag in the path and goes back to the screen.
func (d *Desk) tagAction(w http.ResponseWriter, r *http.Request, done string, change func(id int64) error) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	if err := change(id); err != nil {
		d.fail(w, r, err)
		return
	}
	tagDone(w, r, id, done)
}

// linkTag links the tag to its translation in a language, named in the form.
func (d *Desk) linkTag(w http.ResponseWriter, r *http.Request) {
	d.tagAction(w, r, "linked", func(id int64) error {
		return d.svc.LinkTag(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("language"), r.PostFormValue("name"))
	})
}

// unlinkTag takes the tag out of its translations.
func (d *Desk) unlinkTag(w http.ResponseWriter, r *http.Request) {
	d.tagAction(w, r, "unlinked", func(id int64) error {
		return d.svc.UnlinkTag(r.Context(), *userFrom(r.Context()), id)
	})
}

// renameTag names the tag (an untranslated one gets its name in its language).
func (d *Desk) renameTag(w http.ResponseWriter, r *http.Request) {
	d.tagAction(w, r, "renamed", func(id int64) error {
		return d.svc.RenameTag(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("name"))
	})
}
