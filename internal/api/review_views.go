package api

import (
	"net/http"
	"strings"

	"github.com/newsdesk/newsdesk/internal/review"
)

// The JSON shapes of reader reviews. Moderators see a review's email address; the public
// shape never carries an email or anything about the reader's address.

// reviewJSON is a review as moderators see it.
type reviewJSON struct {
	ID              int64    `json:"id"`
	ArticleID       int64    `json:"article_id"`
	ArticleHeadline string   `json:"article_headline"`
	ArticleURL      string   `json:"article_url"`
	Name            string   `json:"name"`
	Email           string   `json:"email"`
	Rating          int      `json:"rating"`
	Text            string   `json:"text"`
	Status          string   `json:"status"`
	SpamScore       int      `json:"spam_score"`
	Signals         []string `json:"signals"`
	CreatedAt       *string  `json:"created_at"`
}

// publicReviewJSON is an approved review as anyone may read it.
type publicReviewJSON struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	Rating    int     `json:"rating"`
	Text      string  `json:"text"`
	CreatedAt *string `json:"created_at"`
}

// changedJSON says how many reviews an action changed.
type changedJSON struct {
	Changed int64 `json:"changed"`
}

func (a *API) review(rv review.Review) reviewJSON {
	j := reviewJSON{ID: rv.ID, ArticleID: rv.ArticleID, ArticleHeadline: rv.ArticleHeadline, ArticleURL: a.base + rv.ArticlePath,
		Name: rv.Name, Email: rv.Email, Rating: rv.Rating, Text: rv.Text, Status: rv.Status, SpamScore: rv.SpamScore,
		Signals: []string{}, CreatedAt: timeJSON(rv.CreatedAt)}
	for _, s := range strings.Split(rv.Signals, "; ") {
		if s = strings.TrimSpace(s); s != "" {
			j.Signals = append(j.Signals, s)
		}
	}
	return j
}

func publicReview(rv review.Public) publicReviewJSON {
	return publicReviewJSON{ID: rv.ID, Name: rv.Name, Rating: rv.Rating, Text: rv.Text, CreatedAt: timeJSON(rv.CreatedAt)}
}

// reviewsOff is the answer of every review route on a site without the review service.
func (a *API) reviewsOff() error {
	if a.reviews == nil {
		return &apiError{status: http.StatusServiceUnavailable, code: "unavailable", message: "Reader reviews are not configured on this site."}
	}
	return nil
}

// replyReview answers 200 with a review as it is now.
func (a *API) replyReview(w http.ResponseWriter, r *http.Request, u review.Actor, id int64) error {
	rv, err := a.reviews.Get(r.Context(), u, id)
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, a.review(rv))
	return nil
}
