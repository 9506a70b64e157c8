package api

import (
	"errors"
	"math"
	"net/http"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
)

// publicReviewsJSON is a page of a story's approved reviews, with the count of all of them,
// and the count and average of those with a rating (imported comments have none: 0).
type publicReviewsJSON struct {
	Count   int                `json:"count"`
	Rated   int                `json:"rated"`
	Average float64            `json:"average"`
	Reviews []publicReviewJSON `json:"reviews"`
	Limit   int                `json:"limit"`
	Offset  int                `json:"offset"`
}

// listPublicReviews lists the approved reviews of a public story, newest first. Anyone may
// read them; a story readers cannot see is 404.
func (a *API) listPublicReviews(w http.ResponseWriter, r *http.Request, _ account.User) error {
	if err := a.reviewsOff(); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if err := checkQuery(q, "limit", "offset"); err != nil {
		return err
	}
	limit, offset, err := pageParams(q)
	if err != nil {
		return err
	}
	if _, err := a.reviews.PublicStory(r.Context(), id, a.now()); errors.Is(err, content.ErrNotFound) {
		return notFound()
	} else if err != nil {
		return err
	}
	list, stats, err := a.reviews.Approved(r.Context(), id, limit, offset)
	if err != nil {
		return err
	}
	out := publicReviewsJSON{Count: stats.Count, Rated: stats.Rated, Average: math.Round(stats.Average*100) / 100,
		Reviews: make([]publicReviewJSON, 0, len(list)), Limit: limit, Offset: offset}
	for _, rv := range list {
		out.Reviews = append(out.Reviews, publicReview(rv))
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}
