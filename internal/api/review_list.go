package api

import (
	"net/http"
	"strconv"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/review"
)

// reviewListJSON is a page of the moderation queue.
type reviewListJSON struct {
	Reviews []reviewJSON `json:"reviews"`
	Limit   int          `json:"limit"`
	Offset  int          `json:"offset"`
}

// listReviews lists reader reviews for moderators, newest first: in one state (or all),
// of one story (or all).
func (a *API) listReviews(w http.ResponseWriter, r *http.Request, u account.User) error {
	if err := a.reviewsOff(); err != nil {
		return err
	}
	q := r.URL.Query()
	if err := checkQuery(q, "status", "article_id", "limit", "offset"); err != nil {
		return err
	}
	limit, offset, err := pageParams(q)
	if err != nil {
		return err
	}
	status := review.Status(q.Get("status"))
	if status != "" && !review.ValidStatus(status) {
		return badRequest("Query parameter \"status\" must be pending, approved, rejected or spam.")
	}
	var articleID int64
	if v := q.Get("article_id"); v != "" {
		if articleID, err = strconv.ParseInt(v, 10, 64); err != nil || articleID <= 0 {
			return badRequest("Query parameter \"article_id\" must be a positive integer.")
		}
	}
	list, err := a.reviews.List(r.Context(), u, review.Query{ArticleID: articleID, Status: string(status), Limit: limit, Offset: offset})
	if err != nil {
		return err
	}
	out := reviewListJSON{Reviews: make([]reviewJSON, 0, len(list)), Limit: limit, Offset: offset}
	for _, rv := range list {
		out.Reviews = append(out.Reviews, a.review(rv))
	}
	a.reply(w, r, http.StatusOK, out)
	return nil
}
