package desk

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/pages"
)

// The site's pages (About, Contacts, Editorial standards…: internal/pages) in the
// newsroom, for admins: a list per language, and an editor with a Markdown body, a
// preview, publish, unpublish, delete and "translate into", which starts a page in another
// language linked to this one. Every change goes through the pages service, which checks
// the role and audits it.

// pagesView is the list of pages, by language.
type pagesView struct {
	view
	Language  string // the filter: "" for every language
	Languages []content.Language
	ByLang    []pageLanguage
}

// pageLanguage is one language's pages.
type pageLanguage struct {
	Language content.Language
	Pages    []pageRow
}

// pageRow is a page of the list with its translations and the languages it lacks.
type pageRow struct {
	content.Page
	Translations []content.Page
	Missing      []content.Language
}

// pageForm is what the editor's form holds, as typed.
type pageForm struct {
	Language, Title, Slug, Body, Position string
	InFooter                              bool
	TranslationOf                         int64
}

// pageEditView is the page editor.
type pageEditView struct {
	view
	Page         content.Page // ID 0: a new page
	Form         pageForm
	Languages    []content.Language // a new page's choice
	Source       content.Page       // the page a new one translates (ID 0: none)
	Translations []content.Page
	Missing      []content.Language // languages without a translation, for "Translate into"
	Preview      template.HTML
	PublicURL    string // a published page's address
}

// pageService is the pages service, or a 503 when the newsroom was built without one.
func (d *Desk) pageService(w http.ResponseWriter, r *http.Request) (*pages.Service, bool) {
	if d.cfg.Pages == nil {
		d.message(w, r, http.StatusServiceUnavailable, "Temporarily unavailable", "Pages are not available on this server.")
		return nil, false
	}
	return d.cfg.Pages, true
}

// listPages shows the pages of every language (or of one), with their translations.
func (d *Desk) listPages(w http.ResponseWriter, r *http.Request) {
	ps, ok := d.pageService(w, r)
	if !ok {
		return
	}
	u := userFrom(r.Context())
	pv := pagesView{view: d.baseView(w, r, u, "Pages"), Language: r.URL.Query().Get("language")}
	pv.Nav, pv.Notice = "pages", notices[r.URL.Query().Get("notice")]
	var err error
	if pv.Languages, err = d.svc.Languages(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	all, err := ps.List(r.Context(), *u, "")
	if err != nil {
		d.fail(w, r, err)
		return
	}
	for _, l := range pv.Languages {
		if pv.Language != "" && l.Code != pv.Language {
			continue
		}
		pl := pageLanguage{Language: l}
		for _, p := range all {
			if p.Language == l.Code {
				tr := groupOf(all, p)
				pl.Pages = append(pl.Pages, pageRow{Page: p, Translations: tr, Missing: missingLanguages(pv.Languages, p, tr)})
			}
		}
		pv.ByLang = append(pv.ByLang, pl)
	}
	d.render(w, r, http.StatusOK, "pages", pv)
}

// groupOf is the other pages of p's translation group, among all.
func groupOf(all []content.Page, p content.Page) []content.Page {
	var out []content.Page
	for _, o := range all {
		if p.GroupID != 0 && o.GroupID == p.GroupID && o.ID != p.ID {
			out = append(out, o)
		}
	}
	return out
}

// missingLanguages are the languages in which p has no translation yet.
func missingLanguages(langs []content.Language, p content.Page, translations []content.Page) []content.Language {
	var out []content.Language
	for _, l := range langs {
		have := l.Code == p.Language
		for _, t := range translations {
			have = have || t.Language == l.Code
		}
		if !have {
			out = append(out, l)
		}
	}
	return out
}

// newPage shows an empty editor; with translation_of, a translation of that page into
// language, its title and body to start from.
func (d *Desk) newPage(w http.ResponseWriter, r *http.Request) {
	ps, ok := d.pageService(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	f := pageForm{Language: q.Get("language"), InFooter: true, Position: "0"}
	if id, err := strconv.ParseInt(q.Get("translation_of"), 10, 64); err == nil && id > 0 {
		src, err := ps.Get(r.Context(), *userFrom(r.Context()), id)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		f.TranslationOf, f.Title, f.Body, f.Slug = src.ID, src.Title, src.BodyMD, src.Slug
		f.InFooter, f.Position = src.InFooter, strconv.Itoa(src.Position)
	}
	d.renderPage(w, r, http.StatusOK, content.Page{}, f, nil, false)
}

// pathPage is the pages service and the page the path names, or false once it has
// answered (503, 404, 403).
func (d *Desk) pathPage(w http.ResponseWriter, r *http.Request) (*pages.Service, content.Page, bool) {
	ps, ok := d.pageService(w, r)
	if !ok {
		return nil, content.Page{}, false
	}
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return nil, content.Page{}, false
	}
	p, err := ps.Get(r.Context(), *userFrom(r.Context()), id)
	if err != nil {
		d.fail(w, r, err)
		return nil, content.Page{}, false
	}
	return ps, p, true
}

// editPage shows a page in the editor.
func (d *Desk) editPage(w http.ResponseWriter, r *http.Request) {
	_, p, ok := d.pathPage(w, r)
	if !ok {
		return
	}
	f := pageForm{Language: p.Language, Title: p.Title, Slug: p.Slug, Body: p.BodyMD, InFooter: p.InFooter,
		Position: strconv.Itoa(p.Position)}
	d.renderPage(w, r, http.StatusOK, p, f, nil, false)
}

// readPage reads the editor's form into what the service takes.
func readPage(r *http.Request) (pageForm, pages.Input) {
	f := pageForm{Language: r.PostFormValue("language"), Title: r.PostFormValue("title"), Slug: r.PostFormValue("slug"),
		Body: strings.ReplaceAll(r.PostFormValue("body"), "\r\n", "\n"), Position: strings.TrimSpace(r.PostFormValue("position")),
		InFooter: r.PostFormValue("in_footer") == "1"}
	f.TranslationOf, _ = strconv.ParseInt(r.PostFormValue("translation_of"), 10, 64)
	in := pages.Input{Language: f.Language, Title: f.Title, Slug: f.Slug, Body: f.Body, InFooter: f.InFooter}
	if f.Position != "" {
		n, err := strconv.Atoi(f.Position)
		if err != nil {
			n = -1 // the service says what a position is
		}
		in.Position = n
	}
	return f, in
}

// createPage writes a new draft page (a translation when the form names its source).
func (d *Desk) createPage(w http.ResponseWriter, r *http.Request) {
	ps, ok := d.pageService(w, r)
	if !ok {
		return
	}
	f, in := readPage(r)
	if r.PostFormValue("action") == "preview" {
		d.renderPage(w, r, http.StatusOK, content.Page{}, f, nil, true)
		return
	}
	p, err := ps.Create(r.Context(), *userFrom(r.Context()), in, f.TranslationOf)
	if err != nil {
		d.pageRefused(w, r, content.Page{}, f, err)
		return
	}
	http.Redirect(w, r, "/newsroom/pages/"+strconv.FormatInt(p.ID, 10)+"?notice=created", http.StatusSeeOther)
}

// savePage saves the editor's form over a page; its language stays.
func (d *Desk) savePage(w http.ResponseWriter, r *http.Request) {
	ps, cur, ok := d.pathPage(w, r)
	if !ok {
		return
	}
	f, in := readPage(r)
	f.Language, in.Language = cur.Language, cur.Language
	if r.PostFormValue("action") == "preview" {
		d.renderPage(w, r, http.StatusOK, cur, f, nil, true)
		return
	}
	if _, err := ps.Update(r.Context(), *userFrom(r.Context()), cur.ID, in); err != nil {
		d.pageRefused(w, r, cur, f, err)
		return
	}
	http.Redirect(w, r, "/newsroom/pages/"+strconv.FormatInt(cur.ID, 10)+"?notice=saved", http.StatusSeeOther)
}

// pageRefused shows the editor again with what was typed and why it was not saved: a
// field error beside its field (422), a slug another page has or a translation that
// exists already as a form error (409); anything else takes the one error path.
func (d *Desk) pageRefused(w http.ResponseWriter, r *http.Request, p content.Page, f pageForm, err error) {
	var fe *content.FieldError
	var rf *content.Refusal
	switch {
	case errors.As(err, &fe):
		d.renderPage(w, r, http.StatusUnprocessableEntity, p, f, fieldTexts(d.lang(r), fe), false)
	case errors.As(err, &rf) && errors.Is(err, content.ErrConflict):
		d.renderPage(w, r, http.StatusConflict, p, f, map[string]string{"translation_of": refusalText(d.lang(r), err)}, false)
	case errors.Is(err, content.ErrConflict): // the store's: the slug is taken in this language
		d.renderPage(w, r, http.StatusConflict, p, f,
			map[string]string{"slug": d.tr(r, "Another page in this language has this slug; choose another.")}, false)
	default:
		d.fail(w, r, err)
	}
}

// renderPage shows the editor for page p (ID 0: a new one) with form f, the field errors
// errs, and the body rendered as the public page shows it when preview is set.
func (d *Desk) renderPage(w http.ResponseWriter, r *http.Request, status int, p content.Page, f pageForm, errs map[string]string, preview bool) {
	ps := d.cfg.Pages
	u := userFrom(r.Context())
	title := "New page"
	if p.ID != 0 {
		title = "Edit page"
	}
	ev := pageEditView{view: d.baseView(w, r, u, title), Page: p, Form: f}
	ev.Nav, ev.Errors = "pages", errs
	ev.Notice = notices[r.URL.Query().Get("notice")]
	if len(errs) > 0 {
		ev.Notice = en("The page was not saved: correct the fields marked below.")
	}
	var err error
	if ev.Languages, err = d.svc.Languages(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	if p.ID != 0 {
		if ev.Translations, err = ps.Translations(r.Context(), *u, p); err != nil {
			d.fail(w, r, err)
			return
		}
		ev.Missing = missingLanguages(ev.Languages, p, ev.Translations)
		if p.Status == content.StatusPublished {
			ev.PublicURL = content.PagePath(p.Language, p.Slug)
		}
	} else if f.TranslationOf != 0 {
		if ev.Source, err = ps.Get(r.Context(), *u, f.TranslationOf); err != nil {
			d.fail(w, r, err)
			return
		}
	}
	if preview {
		html, err := content.NewRenderer().Render(f.Body)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		ev.Preview = template.HTML(content.PageBodyHTML(html)) // #nosec G203 -- the renderer's sanitised output
	}
	d.render(w, r, status, "page_edit", ev)
}

// publishPage makes a page public at its address and lists it in the footer (unless kept out).
func (d *Desk) publishPage(w http.ResponseWriter, r *http.Request) {
	d.pageAction(w, r, "published", func(ps *pages.Service, u account.User, id int64) error {
		_, err := ps.Publish(r.Context(), u, id)
		return err
	})
}

// unpublishPage takes a page off the public site; it stays as a draft.
func (d *Desk) unpublishPage(w http.ResponseWriter, r *http.Request) {
	d.pageAction(w, r, "page_unpublished", func(ps *pages.Service, u account.User, id int64) error {
		_, err := ps.Unpublish(r.Context(), u, id)
		return err
	})
}

// deletePage removes a page for good, once the form's box confirms it.
func (d *Desk) deletePage(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirm") != "1" {
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form",
			"Tick the box to confirm that the page is to be deleted; nothing was deleted.")
		return
	}
	d.pageAction(w, r, "page_deleted", func(ps *pages.Service, u account.User, id int64) error {
		return ps.Delete(r.Context(), u, id)
	})
}

// pageAction runs one change on the page in the path, then goes to the page (or, once
// deleted, to the list) with a notice of what was done.
func (d *Desk) pageAction(w http.ResponseWriter, r *http.Request, done string, change func(*pages.Service, account.User, int64) error) {
	ps, ok := d.pageService(w, r)
	if !ok {
		return
	}
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	if err := change(ps, *userFrom(r.Context()), id); err != nil {
		d.fail(w, r, err)
		return
	}
	if done == "page_deleted" {
		http.Redirect(w, r, "/newsroom/pages?notice="+done, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/newsroom/pages/"+strconv.FormatInt(id, 10)+"?notice="+done, http.StatusSeeOther)
}
