package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

// reviewItemRe finds one shown review: its <li> up to the end of its text.
var reviewItemRe = regexp.MustCompile(`(?s)<li class="review">.*?</li>`)

// shownReview returns the <li> of the shown review whose text contains text ("" if none).
func shownReview(page, text string) string {
	for _, li := range reviewItemRe.FindAllString(page, -1) {
		if strings.Contains(li, text) {
			return li
		}
	}
	return ""
}

// TestCommentsSetting switches the newsroom's setting to comments and back, with the page
// cache on: the cached story page changes on the very next request (form, heading,
// optional rating); a comment without a rating is accepted and, once approved, shown
// without stars, while one with stars keeps them; in reviews mode the same post without a
// rating is refused with a 422 that says why. The comments-mode pages pass the HTML checker.
func TestCommentsSetting(t *testing.T) {
	var validateOnce sync.Once
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		// Each post comes from an address of its own, so that no rate limit gets in the way.
		s := newCachedSite(t, dsn, config.Config{TrustedProxyHeader: "X-Forwarded-For", TrustedProxies: "127.0.0.1,::1"})
		ctx := context.Background()
		posts := 0
		post := func(f url.Values, header ...string) (int, string) {
			t.Helper()
			posts++
			st, body, _ := send(t, noRedirect, "POST", s.srv.URL+leadEN+"/reviews", f,
				append([]string{"X-Forwarded-For", "10.9.0." + strconv.Itoa(posts)}, header...)...)
			return st, body
		}
		setMode := func(m review.Mode) {
			t.Helper()
			if err := s.site.Newsroom.SaveSettings(ctx, s.user, map[string]string{review.SettingMode: string(m)}); err != nil {
				t.Fatal(err)
			}
		}
		// postJSON sends the story's form as its script does and returns the answer.
		postJSON := func(rating, text string) (int, map[string]any) {
			t.Helper()
			_, page := s.get(t, leadEN)
			f := form(tokenIn(page), "Rasim", "", rating, text)
			if rating == "-" {
				f.Del("rating")
			}
			st, body := post(f, "Accept", "application/json")
			var ans map[string]any
			if err := json.Unmarshal([]byte(body), &ans); err != nil {
				t.Fatalf("answer %d %q: %v", st, body, err)
			}
			return st, ans
		}
		approveAll := func() {
			t.Helper()
			for _, rv := range reviewsOf(t, s.st, storyPaths(t, s.st)[leadEN]) {
				if _, err := s.site.Reviews.Moderate(ctx, s.user, []int64{rv.ID}, review.StatusApproved); err != nil {
					t.Fatal(err)
				}
			}
		}

		// The default: reviews, the rating required. The page is cached from here on.
		s.get(t, leadEN)
		_, page := s.get(t, leadEN)
		if !strings.Contains(page, ">Leave a review</h3>") || !strings.Contains(page, `name="rating" value="5" required`) ||
			strings.Contains(page, "No rating") {
			t.Fatal("the default story page is not the review form with a required rating")
		}
		if st, ans := postJSON("-", "Sent without any rating at all, in reviews mode."); st != http.StatusUnprocessableEntity ||
			ans["message"] != "Your review was not sent: please correct the marked fields." ||
			ans["fields"].(map[string]any)["rating"] != "Choose a rating from 1 to 5." {
			t.Errorf("reviews mode, no rating: %d %v", st, ans)
		}

		setMode(review.ModeComments)
		hits := s.site.Pages.Stats().Hits
		_, page = s.get(t, leadEN)
		if s.site.Pages.Stats().Hits != hits {
			t.Error("the story page was served from the cache after the setting changed")
		}
		for _, want := range []string{`<h2 id="reviews-title">Comments</h2>`, ">Leave a comment</h3>", "<legend>Rating (optional)</legend>",
			`value="0" checked> <span>No rating</span>`, ">Send comment</button>", "No comments yet.", "Comments are read by an editor"} {
			if !strings.Contains(page, want) {
				t.Errorf("comments mode: the story page lacks %q", want)
			}
		}
		if regexp.MustCompile(`name="rating"[^>]* required`).MatchString(page) || strings.Contains(page, "Leave a review") {
			t.Error("comments mode: the rating is still required, or the page still asks for a review")
		}

		for _, tc := range []struct{ rating, text string }{
			{"-", "A comment without a rating, field left out."},
			{"0", "A comment with the No rating choice."},
			{"4", "A comment that gives four stars all the same."},
		} {
			if st, ans := postJSON(tc.rating, tc.text); st != http.StatusCreated || ans["message"] != "Thank you — your comment awaits moderation." {
				t.Errorf("comments mode, rating %q: %d %v", tc.rating, st, ans)
			}
		}
		if st, ans := postJSON("9", "A comment with a rating out of range."); st != http.StatusUnprocessableEntity ||
			ans["fields"].(map[string]any)["rating"] != "Choose a rating from 1 to 5, or no rating." {
			t.Errorf("comments mode, rating 9: %d %v", st, ans)
		}
		// Without JavaScript the refusal is the page again, in the comments' words.
		_, form0 := s.get(t, leadEN)
		f := form(tokenIn(form0), "", "", "", "Short")
		if st, body := post(f); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "Your comment was not sent") || !strings.Contains(body, `value="0" checked`) {
			t.Errorf("comments mode, form without JavaScript: %d", st)
		}

		approveAll()
		_, page = s.get(t, leadEN)
		for _, text := range []string{"field left out", "the No rating choice"} {
			if li := shownReview(page, text); li == "" || strings.Contains(li, "stars") {
				t.Errorf("comment %q shown as %q, want it shown without stars", text, li)
			}
		}
		if li := shownReview(page, "four stars"); !strings.Contains(li, `aria-label="4 of 5"`) {
			t.Errorf("the rated comment lost its stars: %q", li)
		}
		for _, want := range []string{"Comments: 3", "Average rating 4.0 of 5 (ratings: 1)", `"commentCount":3`} {
			if !strings.Contains(page, want) {
				t.Errorf("comments mode with comments: the page lacks %q", want)
			}
		}
		if strings.Contains(page, "AggregateRating") || strings.Contains(page, `"@type":"Review"`) {
			t.Error("comments are given as reviews or ratings in the JSON-LD")
		}
		t.Run("valid HTML", func(t *testing.T) {
			validateOnce.Do(func() {
				validate.Dir(t)
				validate.HTML(t, map[string][]byte{"comments_story": []byte(page), "comments_refused": []byte(func() string {
					_, fresh := s.get(t, leadEN)
					_, body := post(form(tokenIn(fresh), "", "", "7", "x"))
					return body
				}())})
			})
		})

		// Back to reviews: the page asks for reviews again; the comments stay, unrated.
		setMode(review.ModeReviews)
		_, page = s.get(t, leadEN)
		if !strings.Contains(page, ">Leave a review</h3>") || !strings.Contains(page, "Reviews: 3") || strings.Contains(page, "commentCount") {
			t.Error("back in reviews mode, the page does not ask for reviews")
		}
		if li := shownReview(page, "field left out"); li == "" || strings.Contains(li, "stars") {
			t.Errorf("back in reviews mode, the unrated comment is shown as %q", li)
		}
	})
}
