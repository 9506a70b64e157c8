package api

import (
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
)

// reviewsStateJSON says whether a story takes reader reviews.
type reviewsStateJSON struct {
	ArticleID     int64 `json:"article_id"`
	ReviewsClosed bool  `json:"reviews_closed"`
}

// setReviewsClosed returns the handler that closes (or opens) reader reviews on a story.
func (a *API) setReviewsClosed(closed bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u account.User) error {
		if err := a.reviewsOff(); err != nil {
			return err
		}
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if err := decodeJSON(w, r, &struct{}{}, true); err != nil {
			return err
		}
		if err := a.reviews.SetClosed(r.Context(), u, id, closed); err != nil {
			return err
		}
		a.reply(w, r, http.StatusOK, reviewsStateJSON{ArticleID: id, ReviewsClosed: closed})
		return nil
	}
}
