package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
)

// imageTextRequest is the body of PUT /images/{id}: the image's new text, all of it
// (the per-language texts only when given).
type imageTextRequest struct {
	Alt     string `json:"alt"`
	Caption string `json:"caption"`
	Credit  string `json:"credit"`
	// Texts, when present, replace the per-language alt texts and captions.
	Texts map[string]content.ImageText `json:"texts"`
}

// updateImage replaces an image's alt text, caption and credit. Who may is decided by the
// newsroom service (newsroom.CanEditImage) before the text is looked at, so a refused
// change answers 403 whatever it sends.
func (a *API) updateImage(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var req imageTextRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	img, err := a.svc.UpdateImageText(r.Context(), u, id, newsroom.ImageInput{Alt: req.Alt, Caption: req.Caption, Credit: req.Credit,
		Texts: req.Texts})
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, image(img))
	return nil
}
