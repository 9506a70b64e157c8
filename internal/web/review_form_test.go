package web

import (
	"bytes"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/review"
)

// TestCommentsForm: in comments mode the form asks for a comment, in each language, and
// its rating is optional: no radio is required, and "No rating" is chosen unless the
// reader chose stars (a form shown again keeps them). In reviews mode every radio is
// required and there is no "No rating".
func TestCommentsForm(t *testing.T) {
	form := func(mode review.Mode, lang, chosen string) string {
		cat := reviewTexts(lang, mode)
		optional := !mode.RatingRequired()
		rb := reviewsBlock{Enabled: true, Optional: optional, Action: "/" + lang + "/politics/a/reviews", Token: "t", T: cat,
			Ratings: ratingOptions(cat, chosen, optional), Form: reviewForm{Rating: chosen}}
		var buf bytes.Buffer
		htmlWriter{&buf}.reviewForm(&rb)
		return buf.String()
	}
	for _, tc := range []struct {
		lang, submit, legend, none string
	}{
		{"en", "Send comment", "Rating (optional)", "No rating"},
		{"ru", "Отправить комментарий", "Оценка (необязательно)", "Без оценки"},
		{"az", "Şərhi göndər", "Qiymət (istəyə bağlı)", "Qiymətsiz"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			html := form(review.ModeComments, tc.lang, "")
			for _, want := range []string{tc.submit, tc.legend, `value="0" checked> <span>` + tc.none + `</span>`} {
				if !strings.Contains(html, want) {
					t.Errorf("comments form lacks %q:\n%s", want, html)
				}
			}
			if strings.Contains(html, "required checked") || strings.Contains(html, `name="rating" value="5" required`) {
				t.Errorf("comments form requires a rating:\n%s", html)
			}
			if again := form(review.ModeComments, tc.lang, "4"); !strings.Contains(again, `value="4" checked>`) || strings.Contains(again, `value="0" checked`) {
				t.Errorf("comments form shown again with 4 stars:\n%s", again)
			}
			reviews := form(review.ModeReviews, tc.lang, "")
			if strings.Count(reviews, `name="rating"`) != 5 || strings.Count(reviews, "required>") < 5 || strings.Contains(reviews, tc.none) {
				t.Errorf("reviews form:\n%s", reviews)
			}
		})
	}
}
