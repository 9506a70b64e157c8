package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestRenamedTagRedirects: a renamed tag's old page and feeds answer 301 to its new
// address (also when the old page was in the cache), renaming it again moves the
// redirect, and renaming it back gives the old address its page again.
func TestRenamedTagRedirects(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		ctx := context.Background()
		old := s.storyIn(t, "published", "Zqxferry timetable")
		if r := s.fetch(t, "/en/tag/"+old); r.status != http.StatusOK { // now in the page cache
			t.Fatalf("the tag's page before the rename: %d", r.status)
		}
		id, _, err := s.st.TagBySlug(ctx, "en", old)
		if err != nil {
			t.Fatal(err)
		}
		rename := func(name string) {
			t.Helper()
			if err := s.svc.RenameTag(ctx, s.ed, id, name); err != nil {
				t.Fatalf("rename to %s: %v", name, err)
			}
		}
		moved := func(from, to string) {
			t.Helper()
			for _, p := range []string{"", "/feed/rss.xml"} {
				resp, _ := s.get(t, "/en/tag/"+from+p)
				if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/en/tag/"+to+p {
					t.Errorf("GET /en/tag/%s%s = %d → %q, want 301 → /en/tag/%s%s", from, p, resp.StatusCode, resp.Header.Get("Location"), to, p)
				}
			}
		}
		rename("Zqxferry schedule")
		moved(old, "zqxferry-schedule")
		if r := s.fetch(t, "/en/tag/zqxferry-schedule"); r.status != http.StatusOK || !strings.Contains(r.body, "Story Zqxferry timetable") {
			t.Errorf("the new address: %d", r.status)
		}
		rename("Zqxferry times")
		moved(old, "zqxferry-times")
		moved("zqxferry-schedule", "zqxferry-times")
		rename("Zqxferry timetable")
		if r := s.fetch(t, "/en/tag/"+old); r.status != http.StatusOK {
			t.Errorf("the old address after renaming back: %d, want the tag's page", r.status)
		}
		moved("zqxferry-times", old)
		if r := s.fetch(t, "/en/tag/zqxnever-a-tag"); r.status != http.StatusNotFound {
			t.Errorf("an unknown tag: %d", r.status)
		}
	})
}
