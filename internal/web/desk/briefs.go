package desk

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

type briefForm struct {
	Language, Section, Text, At string
}

type briefsView struct {
	view
	Form      briefForm
	Briefs    []content.Brief
	Languages []content.Language
	Sections  []content.Section
	Brief     content.Brief // on the edit page
}

func (d *Desk) briefsView(w http.ResponseWriter, r *http.Request, f briefForm) (briefsView, error) {
	u := userFrom(r.Context())
	bv := briefsView{view: d.baseView(w, r, u, "Briefs"), Form: f}
	bv.Nav = "briefs"
	var err error
	if bv.Languages, err = d.svc.Languages(r.Context()); err != nil {
		return bv, err
	}
	lang := f.Language
	if lang == "" {
		lang = "en"
	}
	if bv.Sections, err = d.svc.Sections(r.Context(), lang); err != nil {
		return bv, err
	}
	bv.Briefs, err = d.svc.ListBriefs(r.Context(), *u, 100, 0)
	return bv, err
}

func (d *Desk) listBriefs(w http.ResponseWriter, r *http.Request) {
	f := briefForm{Language: r.URL.Query().Get("language"), Section: "politics",
		At: d.cfg.Now().In(d.zone(r)).Format("2006-01-02T15:04")}
	if f.Language == "" {
		f.Language = "en"
	}
	bv, err := d.briefsView(w, r, f)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	bv.Notice = notices[r.URL.Query().Get("notice")]
	d.render(w, r, http.StatusOK, "briefs", bv)
}

func (d *Desk) readBrief(r *http.Request) (briefForm, newsroom.BriefInput, map[string]string) {
	f := briefForm{Language: r.PostFormValue("language"), Section: r.PostFormValue("section"),
		Text: strings.ReplaceAll(r.PostFormValue("text"), "\r\n", "\n"), At: r.PostFormValue("at")}
	in := newsroom.BriefInput{Language: f.Language, Section: f.Section, Text: f.Text}
	errs := map[string]string{}
	if f.At != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", f.At, d.zone(r))
		if err != nil {
			errs["at"] = "Give the time as a date and time."
		}
		in.At = t
	}
	return f, in, errs
}

func (d *Desk) createBrief(w http.ResponseWriter, r *http.Request) {
	f, in, errs := d.readBrief(r)
	var err error
	if len(errs) == 0 {
		_, err = d.svc.CreateBrief(r.Context(), *userFrom(r.Context()), in)
		var ve *content.FieldError
		if errors.As(err, &ve) {
			errs = fieldTexts(d.lang(r), ve)
		} else if err != nil {
			d.fail(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		bv, err := d.briefsView(w, r, f)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		bv.Errors, bv.Notice = errs, "The brief was not saved: correct the fields marked below."
		d.render(w, r, http.StatusUnprocessableEntity, "briefs", bv)
		return
	}
	http.Redirect(w, r, "/newsroom/briefs?notice=saved", http.StatusSeeOther)
}

func (d *Desk) editBrief(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	b, err := d.svc.GetBrief(r.Context(), *userFrom(r.Context()), id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	d.renderBrief(w, r, b, briefForm{Language: b.Language, Section: b.Section.Key, Text: b.Text,
		At: b.PublishedAt.In(d.zone(r)).Format("2006-01-02T15:04")}, nil)
}

func (d *Desk) renderBrief(w http.ResponseWriter, r *http.Request, b content.Brief, f briefForm, errs map[string]string) {
	bv, err := d.briefsView(w, r, f)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	bv.Brief, bv.Errors, bv.Title = b, errs, "Edit brief"
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusUnprocessableEntity
	}
	d.render(w, r, status, "brief_edit", bv)
}

func (d *Desk) saveBrief(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	u := userFrom(r.Context())
	b, err := d.svc.GetBrief(r.Context(), *u, id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	f, in, errs := d.readBrief(r)
	f.Language = b.Language
	if len(errs) == 0 {
		_, err = d.svc.UpdateBrief(r.Context(), *u, id, in)
		var ve *content.FieldError
		if errors.As(err, &ve) {
			errs = fieldTexts(d.lang(r), ve)
		} else if err != nil {
			d.fail(w, r, err)
			return
		}
	}
	if len(errs) > 0 {
		d.renderBrief(w, r, b, f, errs)
		return
	}
	http.Redirect(w, r, "/newsroom/briefs?notice=saved", http.StatusSeeOther)
}

func (d *Desk) publishBrief(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	if _, err := d.svc.PublishBrief(r.Context(), *userFrom(r.Context()), id); err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/briefs?notice=published", http.StatusSeeOther)
}

func (d *Desk) developBrief(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	a, err := d.svc.DevelopBrief(r.Context(), *userFrom(r.Context()), id)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/articles/"+strconv.FormatInt(a.ID, 10)+"?notice=developed", http.StatusSeeOther)
}
