package api

import (
	"net/http"
	"slices"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/review"
)

// moderateReview returns the handler that moves one review to a state (approve, reject,
// spam) and answers 200 with the review.
func (a *API) moderateReview(to review.Status) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request, u account.User) error {
		id, err := a.reviewRequest(w, r, &struct{}{}, true)
		if err != nil {
			return err
		}
		n, err := a.reviews.Moderate(r.Context(), u, []int64{id}, to)
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound()
		}
		return a.replyReview(w, r, u, id)
	}
}

// trustReview trusts the email address of a review (that reader's future reviews are
// approved on arrival) and approves the review.
func (a *API) trustReview(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := a.reviewRequest(w, r, &struct{}{}, true)
	if err != nil {
		return err
	}
	if err := a.reviews.Trust(r.Context(), u, id); err != nil {
		return err
	}
	return a.replyReview(w, r, u, id)
}

// deleteReview deletes one review for good.
func (a *API) deleteReview(w http.ResponseWriter, r *http.Request, u account.User) error {
	id, err := a.reviewRequest(w, r, &struct{}{}, true)
	if err != nil {
		return err
	}
	n, err := a.reviews.Delete(r.Context(), u, []int64{id})
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound()
	}
	a.reply(w, r, http.StatusOK, changedJSON{Changed: n})
	return nil
}

type renameRequest struct {
	Name string `json:"name"`
}

// renameReview changes the name a review is shown under.
func (a *API) renameReview(w http.ResponseWriter, r *http.Request, u account.User) error {
	var req renameRequest
	id, err := a.reviewRequest(w, r, &req, false)
	if err != nil {
		return err
	}
	if err := a.reviews.Rename(r.Context(), u, id, req.Name); err != nil {
		return err
	}
	return a.replyReview(w, r, u, id)
}

// reviewRequest reads the review id from the path and the JSON body into req.
func (a *API) reviewRequest(w http.ResponseWriter, r *http.Request, req any, optional bool) (int64, error) {
	if err := a.reviewsOff(); err != nil {
		return 0, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, decodeJSON(w, r, req, optional)
}

// maxBulkReviews bounds one bulk action.
const maxBulkReviews = 500

type bulkReviewRequest struct {
	IDs    []int64 `json:"ids"`
	Action string  `json:"action"`
}

// bulkReviews applies one action to many reviews and says how many changed; ids that do
// not exist are skipped.
func (a *API) bulkReviews(w http.ResponseWriter, r *http.Request, u account.User) error {
	if err := a.reviewsOff(); err != nil {
		return err
	}
	var req bulkReviewRequest
	if err := decodeJSON(w, r, &req, false); err != nil {
		return err
	}
	errs := map[string]string{}
	switch {
	case len(req.IDs) == 0:
		errs["ids"] = "List the ids of the reviews to change."
	case len(req.IDs) > maxBulkReviews:
		errs["ids"] = "At most 500 reviews at once."
	case slices.ContainsFunc(req.IDs, func(id int64) bool { return id <= 0 }):
		errs["ids"] = "Review ids are positive integers."
	}
	to := map[string]review.Status{"approve": review.StatusApproved, "reject": review.StatusRejected, "spam": review.StatusSpam}
	if _, ok := to[req.Action]; !ok && req.Action != "delete" {
		errs["action"] = "Use approve, reject, spam or delete."
	}
	if len(errs) > 0 {
		return invalid(errs)
	}
	ids := slices.Compact(slices.Sorted(slices.Values(req.IDs)))
	var n int64
	var err error
	if req.Action == "delete" {
		n, err = a.reviews.Delete(r.Context(), u, ids)
	} else {
		n, err = a.reviews.Moderate(r.Context(), u, ids, to[req.Action])
	}
	if err != nil {
		return err
	}
	a.reply(w, r, http.StatusOK, changedJSON{Changed: n})
	return nil
}
