package api

import (
	"fmt"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// showImage returns an image with its renditions. Every newsroom user may see every image
// (the newsroom service has no image reader, so the policy is asked here).
func (a *API) showImage(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if !account.Can(u.Role, account.ActViewNewsroom) {
		return fmt.Errorf("%s may not view images: %w", u.Role, account.ErrForbidden)
	}
	img, err := a.st.ImageByID(r.Context(), id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, image(img))
	return nil
}
