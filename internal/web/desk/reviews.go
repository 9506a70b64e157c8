package desk

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/review"
)

// reviewPageSize is how many reviews one page of the moderation list shows.
const reviewPageSize = 50

// maxReviewPage bounds ?page= (50 million reviews in one state is beyond any flood).
const maxReviewPage = 1_000_000

type reviewsView struct {
	view
	Status  string
	Reviews []review.Review
	Counts  map[string]int
	// Page is the 1-based page shown; First and Last the 1-based positions of its reviews
	// in the state's list, newest first.
	Page, First, Last int
	Newer, Older      string // links to the neighbouring pages ("" when there is none)
}

// reviewNotices are the only texts ?done= can put on the moderation page.
var reviewNotices = map[string]string{
	"moderated": en("%d review(s) changed."),
	"renamed":   en("The display name was changed."),
}

// reviewsURL is the moderation list's address for a state and a page.
func reviewsURL(status string, page int) string {
	u := "/newsroom/reviews?status=" + status
	if page > 1 {
		u += "&page=" + strconv.Itoa(page)
	}
	return u
}

// reviewPage reads ?page= (1 when absent); ok is false for anything but 1 … maxReviewPage.
func reviewPage(s string) (int, bool) {
	if s == "" {
		return 1, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= maxReviewPage
}

// reviewNotice is the notice for ?done= (and its count ?n=); unknown keys give none.
func (d *Desk) reviewNotice(r *http.Request, q url.Values) string {
	msg, ok := reviewNotices[q.Get("done")]
	if !ok {
		return ""
	}
	if !strings.Contains(msg, "%d") {
		return d.tr(r, msg)
	}
	n, err := strconv.Atoi(q.Get("n"))
	if err != nil || n < 0 {
		return d.tr(r, "Reviews changed.")
	}
	return d.tr(r, msg, n)
}

func (d *Desk) listReviews(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	q := r.URL.Query()
	status := q.Get("status")
	if status == "" {
		status = string(review.StatusPending)
	}
	page, ok := reviewPage(q.Get("page"))
	if !ok {
		d.message(w, r, http.StatusBadRequest, "Bad page", "The page number must be a whole number from 1.")
		return
	}
	rv := reviewsView{view: d.baseView(w, r, u, "Reviews"), Status: status, Counts: map[string]int{}, Page: page}
	rv.Nav = "reviews"
	offset := (page - 1) * reviewPageSize
	list, err := d.cfg.Reviews.Queue(r.Context(), *u, review.Status(status), reviewPageSize+1, offset)
	var fe *content.FieldError
	if errors.As(err, &fe) {
		d.message(w, r, http.StatusBadRequest, "Bad filter", d.fieldMessages(r, fe))
		return
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	if len(list) > reviewPageSize {
		list, rv.Older = list[:reviewPageSize], reviewsURL(status, page+1)
	}
	if page > 1 {
		rv.Newer = reviewsURL(status, page-1)
	}
	rv.Reviews = list
	if len(list) > 0 {
		rv.First, rv.Last = offset+1, offset+len(list)
	}
	for _, s := range []review.Status{review.StatusPending, review.StatusApproved, review.StatusRejected, review.StatusSpam} {
		n, err := d.cfg.Reviews.Count(r.Context(), *u, s)
		if err != nil {
			d.fail(w, r, err)
			return
		}
		rv.Counts[string(s)] = n
	}
	rv.Notice = d.reviewNotice(r, q)
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
	back := postedReviewsURL(r)
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
	http.Redirect(w, r, back+"&done=moderated&n="+strconv.FormatInt(n, 10), http.StatusSeeOther)
}

// postedReviewsURL is the page of the moderation list a form was sent from (a bad state
// or page number gives the first page of pending reviews: the action is done all the same).
func postedReviewsURL(r *http.Request) string {
	page, ok := reviewPage(r.PostFormValue("page"))
	if !ok {
		page = 1
	}
	return reviewsURL(statusParam(r.PostFormValue("status")), page)
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
	http.Redirect(w, r, postedReviewsURL(r)+"&done=renamed", http.StatusSeeOther)
}

func (d *Desk) reviewFail(w http.ResponseWriter, r *http.Request, err error) {
	var fe *content.FieldError
	if errors.As(err, &fe) {
		d.message(w, r, http.StatusUnprocessableEntity, "Check the form", d.fieldMessages(r, fe))
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
