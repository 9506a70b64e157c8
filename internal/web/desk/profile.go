package desk

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// Author pages: every member of staff edits their own (/newsroom/profile), administrators
// anyone's (/newsroom/users/{id}/profile, linked from the users page). The newsroom
// service decides who may and checks the fields (newsroom/profile.go).

type profileView struct {
	view
	Action    string // where the form posts
	Heading   string
	UserID    int64
	CanSlug   bool // administrators may change the page's address
	CanUpload bool
	Profile   content.AuthorProfile
	PhotoID   int64
	PageURL   string // the page in the newsroom user's first site language
	Texts     []profileText
	Links     []content.AuthorLink // the rows of the form, empty ones to fill in
	Images    []content.Image      // recent images of the library, to choose the photo from
}

// profileText is one language's fields of the form.
type profileText struct {
	Code, Name string
	content.AuthorText
}

func (d *Desk) myProfile(w http.ResponseWriter, r *http.Request) {
	d.showProfile(w, r, userFrom(r.Context()).ID, "/newsroom/profile")
}

func (d *Desk) saveMyProfile(w http.ResponseWriter, r *http.Request) {
	d.saveProfile(w, r, userFrom(r.Context()).ID, "/newsroom/profile")
}

func (d *Desk) userProfile(w http.ResponseWriter, r *http.Request) { d.forUser(w, r, d.showProfile) }

func (d *Desk) saveUserProfile(w http.ResponseWriter, r *http.Request) {
	d.forUser(w, r, d.saveProfile)
}

// forUser runs fn on the user {id} of /newsroom/users/{id}/profile and that form's address.
func (d *Desk) forUser(w http.ResponseWriter, r *http.Request, fn func(http.ResponseWriter, *http.Request, int64, string)) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	fn(w, r, id, "/newsroom/users/"+strconv.FormatInt(id, 10)+"/profile")
}

func (d *Desk) showProfile(w http.ResponseWriter, r *http.Request, userID int64, action string) {
	p, err := d.svc.Profile(r.Context(), *userFrom(r.Context()), userID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	notice := ""
	if r.URL.Query().Get("saved") != "" {
		notice = d.tr(r, "The author page is saved.")
	}
	d.renderProfile(w, r, http.StatusOK, userID, action, p, nil, notice)
}

func (d *Desk) renderProfile(w http.ResponseWriter, r *http.Request, status int, userID int64, action string, p content.AuthorProfile, errs map[string]string, notice string) {
	u := userFrom(r.Context())
	pv := profileView{view: d.baseView(w, r, u, "Author page"), Action: action, UserID: userID, Profile: p,
		CanSlug: account.Can(u.Role, account.ActManageUsers), CanUpload: account.Can(u.Role, account.ActUploadImage), Links: p.Links}
	pv.Errors, pv.Notice, pv.Nav = errs, notice, "me"
	if userID != u.ID {
		pv.Nav = "users"
	}
	pv.Heading = d.tr(r, "Author page of %s", p.Name)
	if p.Photo != nil {
		pv.PhotoID = p.Photo.ID
	}
	langs, err := d.svc.Languages(r.Context())
	if err != nil {
		d.fail(w, r, err)
		return
	}
	for i, l := range langs {
		if i == 0 {
			pv.PageURL = content.AuthorPath(l.Code, p.Slug)
		}
		pv.Texts = append(pv.Texts, profileText{Code: l.Code, Name: l.Name, AuthorText: p.Texts[l.Code]})
	}
	for len(pv.Links) < 4 || len(pv.Links) < content.MaxAuthorLinks && len(pv.Links) < len(p.Links)+2 {
		pv.Links = append(pv.Links, content.AuthorLink{})
	}
	if pv.Images, err = d.svc.Images(r.Context(), *u, 30, 0); err != nil {
		d.fail(w, r, err)
		return
	}
	d.render(w, r, status, "profile", pv)
}

func (d *Desk) saveProfile(w http.ResponseWriter, r *http.Request, userID int64, action string) {
	u := *userFrom(r.Context())
	in := newsroom.ProfileInput{Name: r.PostFormValue("name"), Role: r.PostFormValue("role"), Slug: r.PostFormValue("slug"),
		Texts: map[string]content.AuthorText{}}
	in.PhotoID, _ = strconv.ParseInt(r.PostFormValue("photo"), 10, 64)
	langs, err := d.svc.Languages(r.Context())
	if err != nil {
		d.fail(w, r, err)
		return
	}
	for _, l := range langs {
		in.Texts[l.Code] = content.AuthorText{Name: r.PostFormValue("name_" + l.Code), Role: r.PostFormValue("role_" + l.Code),
			Bio: r.PostFormValue("bio_" + l.Code)}
	}
	labels, urls := r.PostForm["link_label"], r.PostForm["link_url"]
	for i, u := range urls {
		l := content.AuthorLink{URL: u}
		if i < len(labels) {
			l.Label = labels[i]
		}
		in.Links = append(in.Links, l)
	}
	// A new photo uploaded with the form goes to the media library first.
	if file, _, ferr := r.FormFile("photo_file"); ferr == nil {
		defer file.Close()
		img, _, err := d.svc.AddImage(r.Context(), u, d.cfg.Media, file, newsroom.ImageInput{Alt: strings.TrimSpace(in.Name)})
		var ve *content.FieldError
		if errors.As(err, &ve) {
			d.rerenderProfile(w, r, userID, action, in, map[string]string{"photo": d.fieldMessages(r, ve)})
			return
		}
		if err != nil {
			d.fail(w, r, err)
			return
		}
		in.PhotoID = img.ID
	}
	_, err = d.svc.SaveProfile(r.Context(), u, userID, in)
	var ve *content.FieldError
	if errors.As(err, &ve) {
		d.rerenderProfile(w, r, userID, action, in, ve.Fields)
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, action+"?saved=1", http.StatusSeeOther)
}

// rerenderProfile shows the form again with what was sent and what is wrong with it.
func (d *Desk) rerenderProfile(w http.ResponseWriter, r *http.Request, userID int64, action string, in newsroom.ProfileInput, errs map[string]string) {
	cur, err := d.svc.Profile(r.Context(), *userFrom(r.Context()), userID)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	p := content.AuthorProfile{Author: content.Author{ID: cur.ID, Name: in.Name, Role: in.Role, Slug: cur.Slug},
		UserID: cur.UserID, Texts: in.Texts, Links: in.Links, Photo: cur.Photo}
	if in.PhotoID != 0 && (cur.Photo == nil || cur.Photo.ID != in.PhotoID) {
		p.Photo = &content.Image{ID: in.PhotoID}
	}
	if in.Slug != "" && errs["slug"] == "" {
		p.Slug = in.Slug
	}
	d.renderProfile(w, r, http.StatusUnprocessableEntity, userID, action, p, errs,
		d.tr(r, "Nothing was saved: correct the fields marked below."))
}
