package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// showImage returns an image with its renditions. Every newsroom user may see every image.
func (a *API) showImage(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	img, err := a.svc.Image(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, image(img))
	return nil
}
