package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/i18n"
	"github.com/newsdesk/newsdesk/internal/review"
)

// reviewsPerPage is how many approved reviews an article page shows at once.
const reviewsPerPage = 50

// reviewForm is the review form as the reader filled it, with errors by field.
type reviewForm struct {
	Name, Email, Rating, Text string
	Errors                    map[string]string
	Message                   string
}

type reviewsBlock struct {
	Enabled bool
	Closed  bool
	// Optional is the comments mode's form: the rating may be left out.
	Optional bool
	Count    int
	Average  string
	// Approved is the approved reviews shown (review_partial.go writes them).
	Approved []review.Public
	Pager    pager
	Token    string
	Action   string
	Form     reviewForm
	Notice   string
	Ratings  []ratingOption
	// T is the page's language with the texts of the newsroom's choice: reviews or
	// comments (reviewTexts).
	T *i18n.Catalog
}

// ratingOption is one choice of the form's rating, prepared here rather than in the
// template (each template call costs a reflective call per page).
type ratingOption struct {
	Value        int
	Stars, Label string
	Checked      bool
}

// stars draws a rating of n out of five.
func stars(n int) string { return strings.Repeat("★", n) + strings.Repeat("☆", 5-n) }

// ratingOptions are the choices from 5 to 1 in lang, with the one chosen (a form shown
// again) checked. An optional rating adds "No rating" (value 0), checked unless a rating
// was chosen, so that a reader can take a star back.
func ratingOptions(cat *i18n.Catalog, chosen string, optional bool) []ratingOption {
	out := make([]ratingOption, 0, 6)
	for n := 5; n >= 1; n-- {
		v := strconv.Itoa(n)
		out = append(out, ratingOption{Value: n, Stars: stars(n),
			Label: cat.T("rating_n", n), Checked: v == chosen})
	}
	if optional {
		none := ratingOption{Label: cat.T("rating_none"), Checked: true}
		for _, o := range out {
			none.Checked = none.Checked && !o.Checked
		}
		out = append(out, none)
	}
	return out
}

// reviewMode reads the newsroom's choice of reviews or comments.
func (s *Server) reviewMode(ctx context.Context) (review.Mode, error) {
	v, err := s.cfg.Store.Setting(ctx, review.SettingMode, string(review.ModeReviews))
	if err != nil {
		return review.ModeReviews, fmt.Errorf("read the reviews mode: %w", err)
	}
	return review.ParseMode(v), nil
}

// reviewTexts is the catalog of lang that words the reviews block as mode wants it.
func reviewTexts(lang string, mode review.Mode) *i18n.Catalog {
	if mode == review.ModeComments {
		return i18n.LookupVariant(lang, i18n.VariantComments)
	}
	return i18n.Lookup(lang)
}

func (s *Server) reviewsBlock(r *http.Request, a content.Article, form reviewForm) (reviewsBlock, error) {
	ctx := r.Context()
	mode, err := s.reviewMode(ctx)
	if err != nil {
		return reviewsBlock{}, err
	}
	cat := reviewTexts(a.Language, mode)
	optional := !mode.RatingRequired()
	rb := reviewsBlock{Form: form, Optional: optional, Ratings: ratingOptions(cat, form.Rating, optional), T: cat}
	if s.cfg.Reviews == nil {
		return rb, nil
	}
	rb.Enabled = true
	n := 1
	if v := r.URL.Query().Get("reviews"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > maxPage {
			return rb, fmt.Errorf("reviews page %q: %w", v, errBadRequest)
		}
		n = p
	}
	list, stats, err := s.cfg.Reviews.Approved(ctx, a.ID, reviewsPerPage+1, (n-1)*reviewsPerPage)
	if err != nil {
		return rb, err
	}
	rb.Count = stats.Count
	switch avg := math.Round(stats.Average*10) / 10; {
	case stats.Rated == 0:
	case stats.Rated < stats.Count: // comments, some without a rating: say over how many
		rb.Average = cat.T("average_of_rated", avg, stats.Rated)
	default:
		rb.Average = cat.T("average_rating", avg)
	}
	path := content.ArticlePath(a.Language, a.Section.Slug, a.Slug)
	list, more := firstPage(list, reviewsPerPage)
	rb.Pager = pageLinks(cat.T("reviews_pagination"), n, more,
		func(n int) string { return path + "?reviews=" + strconv.Itoa(n) + "#reviews" }, cat.T("newer_reviews"), cat.T("older_reviews"))
	rb.Approved = list
	if rb.Closed, err = s.cfg.Reviews.Closed(ctx, a); err != nil {
		return rb, err
	}
	if !rb.Closed {
		if rb.Token, err = s.cfg.Reviews.FormToken(ctx, a.ID); err != nil {
			return rb, err
		}
		rb.Action = path + "/reviews"
	}
	switch r.URL.Query().Get("review") {
	case "thanks":
		rb.Notice = cat.T("review_thanks")
	case "published":
		rb.Notice = cat.T("review_published")
	}
	return rb, nil
}

// postReview takes a review from the public form. Without JavaScript it redirects back
// to the story with a notice; with JavaScript (Accept: application/json) it answers JSON.
func (s *Server) postReview(w http.ResponseWriter, r *http.Request) {
	lang, slug := r.PathValue("lang"), r.PathValue("slug")
	wantJSON := strings.Contains(r.Header.Get("Accept"), "application/json")
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10) // a review is at most 4,000 characters
	if s.cfg.Reviews == nil {
		s.notFound(w, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.reviewAnswer(w, r, wantJSON, http.StatusRequestEntityTooLarge, lang, "review_too_long", nil)
			return
		}
		s.fail(w, r, fmt.Errorf("review form: %v: %w", err, errBadRequest))
		return
	}
	if _, err := s.base(r, lang); err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.cfg.Store.PublicArticle(r.Context(), lang, slug, s.cfg.Now())
	if err == nil && a.Section.Slug != r.PathValue("section") {
		err = fmt.Errorf("story %s is not in section %s: %w", slug, r.PathValue("section"), content.ErrNotFound)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	mode, err := s.reviewMode(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cat := reviewTexts(lang, mode)
	// No rating (absent, empty or "0") is 0, which comments accept and reviews refuse;
	// anything else that is not a number is refused in both modes.
	rating, err := strconv.Atoi(r.PostFormValue("rating"))
	if v := r.PostFormValue("rating"); err != nil && v != "" {
		rating = -1
	}
	form := reviewForm{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Rating: r.PostFormValue("rating"),
		Text: r.PostFormValue("text")}
	res, err := s.cfg.Reviews.Submit(r.Context(), review.Post{Article: a, IP: s.cfg.ClientIP.Of(r), Token: r.PostFormValue("token"),
		Honeypot: r.PostFormValue("website"), Input: review.Input{Name: form.Name, Email: form.Email, Rating: rating, Text: form.Text}},
		cat.T)
	var rle *review.RateLimitError
	var fe *content.FieldError
	switch {
	case errors.As(err, &rle):
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(rle.RetryAfter.Seconds()))))
		s.reviewAnswer(w, r, wantJSON, http.StatusTooManyRequests, lang, "review_too_many", nil)
	case errors.Is(err, review.ErrClosed):
		s.reviewAnswer(w, r, wantJSON, http.StatusForbidden, lang, "reviews_closed", nil)
	case errors.Is(err, review.ErrBadToken):
		form.Message = cat.T("review_err_token")
		s.reviewRetry(w, r, wantJSON, http.StatusBadRequest, form)
	case errors.As(err, &fe):
		form.Errors, form.Message = fe.Fields, cat.T("review_fix")
		s.reviewRetry(w, r, wantJSON, http.StatusUnprocessableEntity, form)
	case err != nil:
		s.fail(w, r, err)
	default:
		key, q := "review_thanks", "thanks"
		if res.Status == review.StatusApproved {
			key, q = "review_published", "published"
		}
		if wantJSON {
			writeJSON(w, http.StatusCreated, map[string]any{"status": "ok", "message": cat.T(key)})
			return
		}
		http.Redirect(w, r, content.ArticlePath(lang, a.Section.Slug, a.Slug)+"?review="+q+"#reviews", http.StatusSeeOther)
	}
}

// reviewRetry shows the form again with what the reader typed and the errors.
func (s *Server) reviewRetry(w http.ResponseWriter, r *http.Request, wantJSON bool, status int, form reviewForm) {
	if wantJSON {
		writeJSON(w, status, map[string]any{"status": "error", "message": form.Message, "fields": form.Errors})
		return
	}
	s.articlePage(w, r, status, form)
}

// reviewAnswer answers a refused post with a short page (or JSON) in the reader's language.
func (s *Server) reviewAnswer(w http.ResponseWriter, r *http.Request, wantJSON bool, status int, lang, key string, fields map[string]string) {
	mode, err := s.reviewMode(r.Context())
	if err != nil { // an answer that is a refusal already: said in the default words
		s.log.Warn("review_mode_unread", "err", err)
	}
	cat := reviewTexts(lang, mode)
	if wantJSON {
		writeJSON(w, status, map[string]any{"status": "error", "message": cat.T(key), "fields": fields})
		return
	}
	p := page{Lang: lang, T: cat, SiteName: cat.T("powered_by"), Title: cat.T(key), NoIndex: true, CSS: s.css, JS: s.js,
		Demo: s.cfg.Demo, Year: s.cfg.Now().In(s.cfg.Location).Year()}
	if full, err := s.base(r, lang); err == nil {
		full.Title, full.NoIndex = p.Title, true
		p = full
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, status, "error", struct {
		page
		Heading, Intro string
	}{p, cat.T(key), ""})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
