package desk

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// updateImage changes an image's alt text, caption and credit from its form in the
// library. Who may is newsroom.CanEditImage; a refusal says why.
func (d *Desk) updateImage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	in := newsroom.ImageInput{Alt: r.PostFormValue("alt"), Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit")}
	_, err := d.svc.UpdateImageText(r.Context(), *userFrom(r.Context()), id, in)
	if errors.Is(err, account.ErrForbidden) {
		d.message(w, r, http.StatusForbidden, "Not allowed",
			"Only an editor may change the text of this image: it was uploaded by someone else, or a story other than your own drafts shows it.")
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/images?edited="+strconv.FormatInt(id, 10)+"#image-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

// imageKnownNotice tells whoever uploaded bytes already in the library that the image
// there was kept with its own text.
func imageKnownNotice(img content.Image) string {
	return "This image is already in the library as image " + strconv.FormatInt(img.ID, 10) + ", described as “" + img.Alt +
		"”. Its text was left as it is; to change it, use “Edit text” on it below (editors may change any image, " +
		"correspondents one they uploaded that only their own drafts show)."
}

// imageEditedNotice is the notice after an image's text was saved, or "".
func imageEditedNotice(r *http.Request) string {
	id, err := strconv.ParseInt(r.URL.Query().Get("edited"), 10, 64)
	if err != nil || id <= 0 {
		return ""
	}
	return "Saved the text of image " + strconv.FormatInt(id, 10) + "."
}
