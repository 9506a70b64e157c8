package desk

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

type imagesView struct {
	view
	Images []imageItem
	Alt    string
	Credit string
	Cap    string
}

func (d *Desk) listImages(w http.ResponseWriter, r *http.Request) {
	if wantsJSON(r) {
		d.listImagesJSON(w, r)
		return
	}
	var iv imagesView
	if id, err := strconv.ParseInt(r.URL.Query().Get("uploaded"), 10, 64); err == nil {
		if img, err := d.svc.Image(r.Context(), *userFrom(r.Context()), id); err == nil && len(img.Renditions) > 0 {
			iv.Notice = d.tr(r, "Uploaded image %d. Use it as a lead image, or inline in Markdown: %s", img.ID,
				"!["+img.Alt+"](/media/"+img.Renditions[len(img.Renditions)-1].File+")")
			if r.URL.Query().Get("known") == "1" {
				iv.Notice = d.tr(r, "This image is already in the library as image %d, described as “%s”. Its text was left as it is; "+
					"to change it, use “Edit text” on it below (editors may change any image, correspondents one they uploaded "+
					"that only their own drafts show).", img.ID, img.Alt)
			}
		}
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("edited"), 10, 64); err == nil && id > 0 {
		iv.Notice += d.tr(r, "Saved the text of image %d.", id)
	}
	d.renderImages(w, r, http.StatusOK, iv)
}

func (d *Desk) renderImages(w http.ResponseWriter, r *http.Request, status int, iv imagesView) {
	notice, errs := iv.Notice, iv.Errors
	iv.view = d.baseView(w, r, userFrom(r.Context()), "Images")
	iv.Notice, iv.Errors, iv.Nav = notice, errs, "images"
	imgs, err := d.svc.Images(r.Context(), *userFrom(r.Context()), 100, 0)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	langs, err := d.svc.Languages(r.Context())
	if err != nil {
		d.fail(w, r, err)
		return
	}
	iv.Images = imageItems(imgs, langs)
	d.render(w, r, status, "images", iv)
}

func (d *Desk) uploadImage(w http.ResponseWriter, r *http.Request) {
	in := newsroom.ImageInput{Alt: r.PostFormValue("alt"), Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit")}
	iv := imagesView{Alt: in.Alt, Cap: in.Caption, Credit: in.Credit}
	file, _, err := r.FormFile("file")
	if err != nil && wantsJSON(r) {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"error": "Choose a JPEG, PNG or WebP file to upload.",
			"errors": map[string]string{"file": "Choose a JPEG, PNG or WebP file to upload."}})
		return
	}
	if err != nil {
		iv.Errors = map[string]string{"file": "Choose a JPEG, PNG or WebP file to upload."}
		d.renderImages(w, r, http.StatusUnprocessableEntity, iv)
		return
	}
	defer file.Close()
	img, created, err := d.svc.AddImage(r.Context(), *userFrom(r.Context()), d.cfg.Media, file, in)
	if wantsJSON(r) {
		d.answerUpload(w, r, img, err)
		return
	}
	var ve *content.FieldError
	if errors.As(err, &ve) {
		iv.Errors = fieldTexts(d.lang(r), ve)
		d.renderImages(w, r, http.StatusUnprocessableEntity, iv)
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	known := ""
	if !created {
		known = "&known=1"
	}
	http.Redirect(w, r, "/newsroom/images?uploaded="+strconv.FormatInt(img.ID, 10)+known, http.StatusSeeOther)
}

// updateImage changes an image's alt text, caption and credit from its form in the
// library. Who may is newsroom.CanEditImage; a refusal says why.
func (d *Desk) updateImage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	in := newsroom.ImageInput{Alt: r.PostFormValue("alt"), Caption: r.PostFormValue("caption"), Credit: r.PostFormValue("credit")}
	if r.PostFormValue("texts") == "1" {
		in.Texts = imageTextsOf(r)
	}
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
