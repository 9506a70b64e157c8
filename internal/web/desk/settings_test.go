package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/review"
)

// TestReviewsModeSetting: an admin chooses comments or reviews on the settings page; a
// value that is neither is refused with a 422 that says why and changes nothing; a form
// without the choice keeps it; the story page follows at once.
func TestReviewsModeSetting(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	admin := s.client(t)
	admin.login("admin@x.test")
	mode := func() string {
		t.Helper()
		v, err := s.st.Setting(ctx, review.SettingMode, "unset")
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	save := func(m string, set bool) (int, string) {
		t.Helper()
		f := url.Values{"close_after_days": {"0"}}
		if set {
			f.Set("reviews_mode", m)
		}
		st, body, _ := admin.post("/newsroom/settings", f)
		return st, body
	}
	if st, page := admin.get("/newsroom/settings"); st != http.StatusOK || !strings.Contains(page, `value="reviews" checked`) ||
		strings.Contains(page, `value="comments" checked`) {
		t.Fatalf("settings page %d: reviews is not the default", st)
	}
	if st, _ := save("comments", true); st != http.StatusSeeOther || mode() != "comments" {
		t.Fatalf("save comments: %d, mode %q", st, mode())
	}
	if _, page := admin.get("/newsroom/settings"); !strings.Contains(page, `value="comments" checked`) {
		t.Error("the settings page does not show comments chosen")
	}
	for _, bad := range []string{"", "Comments", "both"} {
		if st, body := save(bad, true); st != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose reviews or comments") {
			t.Errorf("mode %q: %d", bad, st)
		}
	}
	if st, _ := save("", false); st != http.StatusSeeOther || mode() != "comments" {
		t.Errorf("a form without the choice: %d, mode %q", st, mode())
	}
	if _, page := admin.get("/en/politics/washington-talks-single-customs-check"); !strings.Contains(page, ">Leave a comment</h3>") {
		t.Error("the story page does not ask for a comment")
	}
	editor := s.client(t)
	editor.login("editor@x.test")
	if st, _, _ := editor.post("/newsroom/settings", url.Values{"close_after_days": {"0"}, "reviews_mode": {"reviews"}}); st != http.StatusForbidden || mode() != "comments" {
		t.Errorf("an editor changed the mode: %d, %q", st, mode())
	}
	if st, _ := save("reviews", true); st != http.StatusSeeOther || mode() != "reviews" {
		t.Errorf("back to reviews: %d, %q", st, mode())
	}
}
