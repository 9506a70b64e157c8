package desk

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
)

type reviewsView struct {
	view
	Status  string
	Reviews []store.Review
	Counts  map[string]int
}

func (d *Desk) listReviews(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	status := r.URL.Query().Get("status")
	if status == "" {
		status = string(review.StatusPending)
	}
	rv := reviewsView{view: d.baseView(w, r, u, "Reviews"), Status: status, Counts: map[string]int{}}
	rv.Nav = "reviews"
	list, err := d.cfg.Reviews.Queue(r.Context(), *u, review.Status(status), 200, 0)
	var fe *review.FieldError
	if errors.As(err, &fe) {
		d.message(w, r, http.StatusBadRequest, "Bad filter", fe.Error())
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	rv.Reviews = list
	for _, s := range []review.Status{review.StatusPending, review.StatusApproved, review.StatusRejected, review.StatusSpam} {
		n, err := d.st.CountReviews(r.Context(), string(s))
		if err != nil {
			d.fail(w, r, err)
			return
		}
		rv.Counts[string(s)] = n
	}
	rv.Notice = r.URL.Query().Get("done")
	if rv.Notice != "" {
		rv.Notice += " review(s) changed."
	}
	d.render(w, r, http.StatusOK, "reviews", rv)
}

// moderateReviews applies a bulk action to the checked reviews.
func (d *Desk) moderateReviews(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	var ids []int64
	for _, v := range r.PostForm["id"] {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	back := "/newsroom/reviews?status=" + statusParam(r.PostFormValue("status"))
	if len(ids) == 0 {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	var n int64
	var err error
	switch a := r.PostFormValue("action"); a {
	case "approve":
		n, err = d.cfg.Reviews.Moderate(r.Context(), *u, ids, review.StatusApproved)
	case "reject":
		n, err = d.cfg.Reviews.Moderate(r.Context(), *u, ids, review.StatusRejected)
	case "spam":
		n, err = d.cfg.Reviews.Moderate(r.Context(), *u, ids, review.StatusSpam)
	case "pending":
		n, err = d.cfg.Reviews.Moderate(r.Context(), *u, ids, review.StatusPending)
	case "delete":
		n, err = d.cfg.Reviews.Delete(r.Context(), *u, ids)
	case "trust":
		for _, id := range ids {
			if err = d.cfg.Reviews.Trust(r.Context(), *u, id); err != nil {
				break
			}
			n++
		}
	default:
		d.message(w, r, http.StatusBadRequest, "Unknown action", "Choose approve, reject, spam, delete or trust.")
		return
	}
	if err != nil {
		d.reviewFail(w, r, err)
		return
	}
	http.Redirect(w, r, back+"&done="+strconv.FormatInt(n, 10), http.StatusSeeOther)
}

func statusParam(s string) string {
	if review.ValidStatus(review.Status(s)) {
		return s
	}
	return string(review.StatusPending)
}

func (d *Desk) renameReviewer(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	if err := d.cfg.Reviews.Rename(r.Context(), *userFrom(r.Context()), id, r.PostFormValue("name")); err != nil {
		d.reviewFail(w, r, err)
		return
	}
	http.Redirect(w, r, "/newsroom/reviews?status="+statusParam(r.PostFormValue("status"))+"&done=1", http.StatusSeeOther)
}

func (d *Desk) reviewFail(w http.ResponseWriter, r *http.Request, err error) {
	var fe *review.FieldError
	if errors.As(err, &fe) {
		var msgs []string
		for _, m := range fe.Fields {
			msgs = append(msgs, m)
		}
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form", strings.Join(msgs, " "))
		return
	}
	d.fail(w, r, err)
}

// closeReviews opens or closes reader reviews on one story.
func (d *Desk) closeReviews(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		d.notFound(w, r)
		return
	}
	closed := r.PostFormValue("closed") == "1"
	if err := d.cfg.Reviews.SetClosed(r.Context(), *userFrom(r.Context()), id, closed); err != nil {
		d.fail(w, r, err)
		return
	}
	done(w, r, id, "saved")
}
