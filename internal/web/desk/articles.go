package desk

import (
	"errors"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/editorial"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// articleForm holds the edit form's values as typed.
type articleForm struct {
	Language, Section, Headline, Standfirst, Body, Byline, BylineRole, Dateline string
	Tags, Slug, Slugline, Signoff, Embargo                                      string
	Urgency                                                                     int
	LeadImageID                                                                 int64
	Version                                                                     int
}

func formOf(a content.Article, loc *time.Location) articleForm {
	f := articleForm{Language: a.Language, Section: a.Section.Key, Headline: a.Headline, Standfirst: a.Standfirst,
		Body: a.BodyMD, Byline: a.Byline, BylineRole: a.BylineRole, Dateline: a.Dateline, Slug: a.Slug,
		Slugline: a.Slugline, Signoff: a.Signoff, Urgency: a.Urgency, Version: a.Version}
	var tags []string
	for _, t := range a.Tags {
		tags = append(tags, t.Name)
	}
	f.Tags = strings.Join(tags, ", ")
	if !a.EmbargoUntil.IsZero() {
		f.Embargo = a.EmbargoUntil.In(loc).Format("2006-01-02T15:04")
	}
	if a.LeadImage != nil {
		f.LeadImageID = a.LeadImage.ID
	}
	return f
}

// readForm reads the article form; a malformed number or time is a field error.
func (d *Desk) readForm(r *http.Request) (articleForm, newsroom.ArticleInput, map[string]string) {
	return d.readFields(r, r.PostFormValue)
}

// readFields reads the article form's fields from v (the form, or a working copy); times
// are in the zone of r's user.
func (d *Desk) readFields(r *http.Request, v func(string) string) (articleForm, newsroom.ArticleInput, map[string]string) {
	errs := map[string]string{}
	f := articleForm{Language: v("language"), Section: v("section"), Headline: v("headline"), Standfirst: v("standfirst"),
		Body: strings.ReplaceAll(v("body"), "\r\n", "\n"), Byline: v("byline"), BylineRole: v("byline_role"),
		Dateline: v("dateline"), Tags: v("tags"), Slug: v("slug"), Slugline: v("slugline"), Signoff: v("signoff"),
		Embargo: v("embargo")}
	if s := v("urgency"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			errs["urgency"] = "Urgency is a number from 1 to 9." // translated where shown (the err template)
		}
		f.Urgency = n
	}
	if s := v("lead_image"); s != "" && s != "0" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			errs["lead_image"] = "Choose an image from the list."
		}
		f.LeadImageID = n
	}
	if s := v("version"); s != "" {
		f.Version, _ = strconv.Atoi(s)
	}
	in := newsroom.ArticleInput{Language: f.Language, Section: f.Section, Headline: f.Headline, Standfirst: f.Standfirst,
		Body: f.Body, Byline: f.Byline, BylineRole: f.BylineRole, Dateline: f.Dateline, Slug: strings.TrimSpace(f.Slug),
		Slugline: strings.TrimSpace(f.Slugline), Urgency: f.Urgency, Signoff: strings.TrimSpace(f.Signoff), LeadImageID: f.LeadImageID}
	for _, t := range strings.Split(f.Tags, ",") {
		in.Tags = append(in.Tags, strings.TrimSpace(t))
	}
	if f.Embargo != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", f.Embargo, d.zone(r))
		if err != nil {
			errs["embargo"] = "Give the embargo as a date and time."
		}
		in.EmbargoUntil = t
	}
	return f, in, errs
}

type editView struct {
	view
	Article      content.Article
	Form         articleForm
	New          bool
	Sections     []content.Section
	Languages    []content.Language
	Images       []content.Image
	Preview      template.HTML
	Words        int
	PublicURL    string
	Warnings     []editorial.Warning
	Translations []content.Article
	Missing      []content.Language // languages without a version yet
	CanEdit      bool
	Source       *sourcePanel      // the version shown beside the editor (translation.go)
	Others       []content.Article // the story's other versions, to show beside it
	Presence     presenceView      // the others who have the story open (presence.go)
	Checks       []shownWarning    // Warnings in the reader's language (checks.go)
	Confirm      *confirmStep      // asks to publish or schedule despite the warnings
	// The story editor (editor_view.go).
	EditorJS, EditorCSS string
	ReadMinutes         int
	WorkingCopy         *workingCopy // the user's autosaved copy, when it differs from what the form shows
	HeadlineLimit       int
	StandfirstLimit     int
}

func (d *Desk) editView(w http.ResponseWriter, r *http.Request, a content.Article, f articleForm, isNew bool) (editView, error) {
	u := userFrom(r.Context())
	ctx := r.Context()
	title := "New story"
	if !isNew {
		title = d.tr(r, "Edit: %s", a.Headline)
	}
	ev := editView{view: d.baseView(w, r, u, title), Article: a, Form: f, New: isNew, CanEdit: isNew || newsroom.CanEdit(*u, a)}
	ev.Nav = "stories"
	lang := f.Language
	if lang == "" {
		lang = "en"
	}
	var err error
	if ev.Languages, err = d.svc.Languages(ctx); err != nil {
		return ev, err
	}
	if ev.Sections, err = d.svc.Sections(ctx, lang); err != nil {
		return ev, err
	}
	if ev.Images, err = d.svc.Images(ctx, *u, 50, 0); err != nil {
		return ev, err
	}
	ev.Words = editorial.WordCount(f.Body)
	d.editorView(&ev)
	for _, s := range ev.Sections {
		if s.Key == f.Section {
			slug := f.Slug
			if slug == "" {
				slug = content.Slugify(f.Headline)
			}
			ev.PublicURL = d.cfg.BaseURL + content.ArticlePath(lang, s.Slug, slug)
		}
	}
	if !isNew {
		ev.Warnings = d.svc.Checks(ctx, a)
		ev.Checks = localWarnings(d.lang(r), ev.Warnings)
		if a.GroupID != 0 {
			ev.Translations, err = d.svc.Group(ctx, *u, a.GroupID)
			if err != nil {
				return ev, err
			}
		}
		if ev.Source, ev.Others, err = d.sourceOf(r, a, ev.Translations, ev.Languages); err != nil {
			return ev, err
		}
		have := map[string]bool{}
		for _, t := range ev.Translations {
			have[t.Language] = true
		}
		for _, l := range ev.Languages {
			if !have[l.Code] {
				ev.Missing = append(ev.Missing, l)
			}
		}
	}
	return ev, nil
}

func (d *Desk) newArticle(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	f := articleForm{Language: r.URL.Query().Get("language"), Byline: u.Name, Urgency: 5}
	if f.Language == "" {
		f.Language = "en"
	}
	ev, err := d.editView(w, r, content.Article{}, f, true)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, http.StatusOK, "edit", ev)
}

func (d *Desk) createArticle(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	f, in, errs := d.readForm(r)
	if r.PostFormValue("action") == "preview" || len(errs) > 0 {
		d.rerender(w, r, content.Article{}, f, true, errs, "")
		return
	}
	a, err := d.svc.Create(r.Context(), *u, in)
	var ve *content.FieldError
	if errors.As(err, &ve) {
		d.rerender(w, r, content.Article{}, f, true, fieldTexts(d.lang(r), ve), "")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(a.ID, 10)+"?notice=created", http.StatusSeeOther)
}

// rerender shows the form again with the values as typed, the errors beside the fields
// and the Markdown preview.
func (d *Desk) rerender(w http.ResponseWriter, r *http.Request, a content.Article, f articleForm, isNew bool, errs map[string]string, notice string) {
	ev, err := d.editView(w, r, a, f, isNew)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	ev.Errors, ev.Notice = errs, notice
	if html, err := content.NewRenderer().Render(f.Body); err == nil {
		ev.Preview = template.HTML(html) // #nosec G203 -- goldmark output, raw HTML sanitised by content.BodyPolicy
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
		if ev.Notice == "" {
			ev.Notice = "Nothing was saved yet: correct the fields marked below."
		}
	}
	d.render(w, r, status, "edit", ev)
}

func (d *Desk) editArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	a, err := d.svc.Get(r.Context(), *userFrom(r.Context()), id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	f := formOf(a, d.zone(r))
	saved, wc := d.workingCopyOf(r, *userFrom(r.Context()), id, f)
	restoring := r.URL.Query().Get("copy") == "autosave" && saved != nil
	if restoring {
		f = d.formOfCopy(r, a, *saved)
	}
	ev, err := d.editView(w, r, a, f, false)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	ev.Presence = d.openStory(r, a)
	ev.Notice = d.tr(r, notices[r.URL.Query().Get("notice")])
	if restoring {
		ev.Notice = d.tr(r, "This is your copy autosaved at %s, not yet saved: Save keeps it.", saved.SavedAt.In(d.zone(r)).Format("15:04"))
	} else {
		ev.WorkingCopy = wc
	}
	if r.URL.Query().Get("notice") == "published" && len(ev.Warnings) > 0 {
		ev.Notice += " " + d.tr(r, "Mind the warnings below.")
	}
	d.render(w, r, http.StatusOK, "edit", ev)
}

// notices are the only texts ?notice= can put on a page, in English (translated where
// shown: the layout's T).
var notices = map[string]string{
	"created": en("Draft created."), "saved": en("Saved."), "submitted": en("Sent to the editors."),
	"returned": en("Returned to the writer."), "published": en("Published."), "scheduled": en("Scheduled."),
	"corrected":   en("Correction published."),
	"unpublished": en("Withdrawn: the public page now answers 410."), "restored": en("Revision restored as a new revision."),
	"translated": en("Translation draft created."), "developed": en("Story draft created from the brief."),
	"discarded":        en("Your autosaved copy was discarded."),
	"page_unpublished": en("Unpublished: the page is a draft again, and its address answers 404."),
	"page_deleted":     en("The page is deleted."),
}

type conflictView struct {
	view
	Article content.Article // as it is now
	Mine    articleForm     // what this editor sent
	Diff    []editorial.Line
}

func (d *Desk) saveArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	cur, err := d.svc.Get(r.Context(), *u, id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	f, in, errs := d.readForm(r)
	f.Language = cur.Language
	if r.PostFormValue("action") == "preview" || len(errs) > 0 {
		d.rerender(w, r, cur, f, false, errs, "Preview below — not saved yet.")
		return
	}
	_, err = d.svc.Update(r.Context(), *u, id, f.Version, in)
	var ve *content.FieldError
	var ce *newsroom.ConflictError
	switch {
	case errors.As(err, &ve):
		d.rerender(w, r, cur, f, false, fieldTexts(d.lang(r), ve), "")
	case errors.As(err, &ce):
		cv := conflictView{view: d.baseView(w, r, u, "Edit conflict"), Article: ce.Current, Mine: f,
			Diff: editorial.Diff(ce.Current.BodyMD, f.Body)}
		cv.Mine.Version = ce.Current.Version
		d.render(w, r, http.StatusConflict, "conflict", cv)
	case err != nil:
		d.fail(w, r, err)
	default:
		d.clearWorkingCopy(r, *u, id)
		http.Redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(id, 10)+"?notice=saved"+sourceQuery(r), http.StatusSeeOther)
	}
}

// previewMarkdown renders Markdown for the live preview script (an HTML fragment).
func (d *Desk) previewMarkdown(w http.ResponseWriter, r *http.Request) {
	body := r.PostFormValue("body")
	if len(body) > newsroom.MaxBodyBytes {
		http.Error(w, "body too large", http.StatusRequestEntityTooLarge)
		return
	}
	html, err := content.NewRenderer().Render(body)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Word-Count", strconv.Itoa(editorial.WordCount(body)))
	_, _ = w.Write([]byte(html))
}

type previewView struct {
	view
	Article content.Article
	Body    template.HTML
}

// previewArticle shows a draft as readers would see it; only signed-in staff reach it,
// and it is marked noindex.
func (d *Desk) previewArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	a, err := d.svc.Get(r.Context(), *userFrom(r.Context()), id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	pv := previewView{view: d.baseView(w, r, userFrom(r.Context()), d.tr(r, "Preview: %s", a.Headline)), Article: a,
		Body: template.HTML(a.BodyHTML)} // #nosec G203 -- goldmark output, raw HTML sanitised by content.BodyPolicy
	d.render(w, r, http.StatusOK, "preview", pv)
}

func (d *Desk) listArticles(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	q := r.URL.Query()
	lv := listView{view: d.baseView(w, r, u, "Stories"), Status: q.Get("status"), Language: q.Get("language"),
		Section: q.Get("section"), Search: q.Get("q"), Author: q.Get("author")}
	lv.Nav = "stories"
	nq := newsroom.ArticleQuery{Status: content.Status(lv.Status), Language: lv.Language, Search: strings.TrimSpace(lv.Search), Limit: 100}
	if lv.Embargoed = q.Get("embargoed") == "1"; lv.Embargoed {
		nq.EmbargoedAfter, nq.Due = d.cfg.Now(), true // the embargo that lifts first leads
	}
	switch content.Status(lv.Status) {
	case "", content.StatusDraft, content.StatusSubmitted, content.StatusScheduled, content.StatusPublished, content.StatusUnpublished:
	default:
		d.message(w, r, http.StatusBadRequest, "Bad filter", "Unknown state: choose one from the list.")
		return
	}
	var err error
	if lv.Languages, err = d.svc.Languages(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	if lv.Sections, err = d.svc.Sections(r.Context(), "en"); err != nil {
		d.fail(w, r, err)
		return
	}
	for _, s := range lv.Sections {
		if s.Key == lv.Section {
			nq.SectionID = s.ID
		}
	}
	if lv.Authors, err = d.svc.Authors(r.Context()); err != nil {
		d.fail(w, r, err)
		return
	}
	if lv.Author != "" {
		if id, err := strconv.ParseInt(lv.Author, 10, 64); err == nil {
			nq.AuthorID = id
		}
	}
	// A search without a word (punctuation alone) would find nothing: say what to type.
	if lv.NoWord = nq.Search != "" && !newsroom.SearchableHeadline(nq.Search); !lv.NoWord {
		if lv.Articles, err = d.svc.ListArticles(r.Context(), *u, nq); err != nil {
			d.fail(w, r, err)
			return
		}
	}
	lv.CanCreate = account.Can(u.Role, account.ActCreateArticle)
	d.render(w, r, http.StatusOK, "list", lv)
}

type listView struct {
	view
	Status, Language, Section, Search, Author string
	Embargoed                                 bool // only stories whose embargo has not lifted
	NoWord                                    bool // the search has no word to look for
	Languages                                 []content.Language
	Sections                                  []content.Section
	Authors                                   []content.Author
	Articles                                  []content.Article
	CanCreate                                 bool
}
