package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/review"
)

// TestReaderReviewApproved: a reader leaves a review under a story (the form submits in
// place with JavaScript), an editor approves it in the moderation queue, and the reader
// then sees it under the story.
func TestReaderReviewApproved(t *testing.T) {
	chromium := chromiumPath(t)
	s := startSite(t)
	s.addUser(t, editorEmail, "Omar Editor", account.RoleEditor, editorPass)
	b := newBrowser(t, chromium, s.url)
	const story = "/en/politics/washington-talks-single-customs-check"
	const text = "A clear account of the customs talks; the quotations make the positions easy to follow."

	if !t.Run("reader leaves a review", func(t *testing.T) {
		b.t = t
		b.open(story, "#review-form")
		time.Sleep(review.MinFillTime + 500*time.Millisecond) // a person takes longer than this to write
		b.do("fill the review form",
			chromedp.SendKeys(chromedp.ID("review-name"), "Kamala R."),
			chromedp.SendKeys(chromedp.ID("review-email"), "kamala@example.test"),
			chromedp.Click(chromedp.CSS(`input[name=rating][value="4"]`)),
			chromedp.SendKeys(chromedp.ID("review-text"), text),
			chromedp.Click(button("Send review")),
			chromedp.WaitVisible(chromedp.CSS(".review-live:not(:empty)")),
		)
		msg := get(b, "read the answer", chromedp.Text(chromedp.CSS(".review-live")))
		if !strings.Contains(msg, "awaits moderation") {
			t.Fatalf("answer in place reads %q", msg)
		}
		// The notice and the reset come in one step of the page's script: once the notice
		// shows, the form is empty and the notice has the focus.
		if fresh := get(b, "look at the form after sending", chromedp.Evaluate[bool](
			`document.getElementById("review-text").value === "" && document.getElementById("review-name").value === "" &&
			 !document.querySelector("input[name=rating]:checked") && document.activeElement === document.querySelector(".review-live")`)); !fresh {
			t.Errorf("after sending, the form was not reset with the focus on the notice")
		}
		if where := get(b, "read the address", chromedp.Location()); !strings.HasSuffix(where, story) {
			t.Errorf("the form left the story: %s", where)
		}
	}) {
		return
	}
	if !t.Run("editor approves it", func(t *testing.T) {
		b.t = t
		b.signIn(editorEmail, editorPass)
		b.open("/newsroom/reviews", "#bulk")
		b.do("select and approve",
			chromedp.Click(chromedp.CSS(`#bulk input[type=checkbox][name=id]`)),
			chromedp.Click(button("Approve")),
			chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
		)
		b.signOut()
	}) {
		return
	}
	t.Run("reader sees the review", func(t *testing.T) {
		b.t = t
		b.open(story+"?reviews=1", ".review-list") // a fresh URL: the first visit is in the browser cache for a minute
		shown := get(b, "read the reviews", chromedp.Text(chromedp.CSS(".review-list")))
		if !strings.Contains(shown, text) || !strings.Contains(shown, "Kamala R.") || strings.Contains(shown, "kamala@example.test") {
			t.Errorf("reviews shown: %q", shown)
		}
		if p := b.consoleProblems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})
}
