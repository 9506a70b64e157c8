package web

import (
	"time"

	"github.com/newsdesk/newsdesk/internal/i18n"
	"github.com/newsdesk/newsdesk/internal/review"
)

// The article page's reviews and their form, written by htmlWriter (writer.go).

// reviewSizeHint is about the size of one review as reviewList writes it, and
// reviewFormSizeHint of the review form (2.1–2.3 KB in our languages).
const (
	reviewSizeHint     = 600
	reviewFormSizeHint = 2560
)

// reviewList writes the approved reviews shown, one <li> a line. Every reader-supplied
// string is escaped; review.Render escapes the text and links its URLs.
func (w htmlWriter) reviewList(cat *i18n.Catalog, loc *time.Location, list []review.Public) {
	for _, rv := range list {
		n := min(max(rv.Rating, 0), 5)
		w.el(`<li class="review"><p class="review-head"><span class="review-name">`, rv.Name, `</span> `)
		if n > 0 { // comments imported from WordPress have no rating
			w.el(`<span class="stars" role="img" aria-label="`, cat.T("rating_n", n), `">`)
			w.el(``, stars(n), `</span> `)
		}
		w.time(cat, loc, rv.CreatedAt)
		w.raw(`</p><div class="review-text">`)
		w.html(review.Render(rv.Text))
		w.raw("</div></li>\n")
	}
}

// reviewForm writes the review form, with what the reader typed and the errors when it
// is shown again. It was a template: its values are escaped as the template escaped them.
func (w htmlWriter) reviewForm(rb *reviewsBlock) {
	T, f := rb.T, &rb.Form
	w.raw(`<form method="post" action="`)
	w.tmplURL(rb.Action)
	w.raw(`" class="review-form" id="review-form" aria-labelledby="leave-review">` + "\n")
	if f.Message != "" {
		w.tmplEl(`<p class="review-error" role="alert">`, f.Message, `</p>`)
	}
	w.tmplEl("\n"+`<p class="review-live" aria-live="polite"></p>`+"\n"+`<input type="hidden" name="token" value="`, rb.Token, `">`+"\n")
	w.tmplEl(`<div class="hp" aria-hidden="true"><label for="review-website">`, T.T("review_honeypot"),
		`</label><input id="review-website" name="website" tabindex="-1" autocomplete="off"></div>`+"\n")
	w.tmplEl(`<p><label for="review-name">`, T.T("review_name"), `</label>`+"\n")
	w.tmplEl(`<input id="review-name" name="name" required maxlength="80" autocomplete="name" value="`, f.Name, `">`+"\n")
	w.fieldError(f.Errors["name"])
	w.tmplEl(`</p>`+"\n"+`<p><label for="review-email">`, T.T("review_email"), `</label>`+"\n")
	w.tmplEl(`<input id="review-email" name="email" type="email" maxlength="254" autocomplete="email" value="`, f.Email, `">`+"\n")
	w.fieldError(f.Errors["email"])
	w.tmplEl(`</p>`+"\n"+`<fieldset class="rating"><legend>`, T.T("review_rating"), `</legend>`+"\n")
	for _, r := range rb.Ratings {
		w.raw(`<label class="rating-option"><input type="radio" name="rating" value="`)
		w.int(r.Value)
		w.raw(`"`)
		if !rb.Optional {
			w.raw(` required`)
		}
		if r.Checked {
			w.raw(` checked`)
		}
		if r.Value == 0 { // "No rating" (comments): said as it is shown
			w.tmplEl(`> <span>`, r.Label, `</span></label>`+"\n")
			continue
		}
		w.tmplEl(`> <span aria-hidden="true">`, r.Stars, `</span>`)
		w.tmplEl(`<span class="visually-hidden">`, r.Label, `</span></label>`+"\n")
	}
	w.fieldError(f.Errors["rating"])
	w.tmplEl(`</fieldset>`+"\n"+`<p><label for="review-text">`, T.T("review_text"), `</label>`+"\n")
	w.tmplEl(`<textarea id="review-text" name="text" rows="5" required minlength="10" maxlength="4000" aria-describedby="review-hint">`,
		f.Text, `</textarea>`+"\n")
	w.tmplEl(`<span id="review-hint" class="hint">`, T.T("review_hint"), `</span>`+"\n")
	w.fieldError(f.Errors["text"])
	w.tmplEl(`</p>`+"\n"+`<p><button type="submit">`, T.T("review_submit"), `</button></p>`+"\n"+`</form>`)
}

// fieldError writes a field's error, if it has one.
func (w htmlWriter) fieldError(msg string) {
	if msg != "" {
		w.tmplEl(`<span class="field-error">`, msg, `</span>`)
	}
}
