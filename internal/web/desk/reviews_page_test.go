package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

var (
	reviewIDRe = regexp.MustCompile(`name="id" value="(\d+)"`)
	olderRe    = regexp.MustCompile(`<a href="([^"]+)" rel="next">Older reviews</a>`)
	newerRe    = regexp.MustCompile(`<a href="([^"]+)" rel="prev">Newer reviews</a>`)
)

// TestModerationPages floods the moderation list with more reviews than one page holds and
// walks it with the "older" links: every review is reachable exactly once, the state
// filter is kept, and a moderation action brings the moderator back to the same page.
func TestModerationPages(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ctx := context.Background()
		a, err := s.st.PublicArticle(ctx, "en", "washington-talks-single-customs-check", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		const spam, pending = 260, 3 // more than the 200 the list once stopped at
		want := map[string]bool{}
		start := time.Now().Add(-time.Hour)
		err = s.st.WithTx(ctx, func(tx *store.Tx) error {
			for i := range spam + pending {
				status := "spam"
				if i >= spam {
					status = "pending"
				}
				id, err := tx.CreateReview(ctx, review.Review{ArticleID: a.ID, Name: "Flood " + strconv.Itoa(i), Email: "f@x.test",
					Rating: 1, Text: "Flood review " + strconv.Itoa(i) + ".", Status: status, SpamScore: 9,
					CreatedAt: start.Add(time.Duration(i%7) * time.Second)}) // equal times too: the order must still be total
				if err != nil {
					return err
				}
				if status == "spam" {
					want[strconv.FormatInt(id, 10)] = true
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ed := s.client(t)
		ed.get("/newsroom/login")
		sessionFor(t, s, ed, "editor")

		seen := map[string]bool{}
		next, pages := "/newsroom/reviews?status=spam", 0
		var second string
		for next != "" {
			pages++
			if pages > 10 {
				t.Fatal("the older links do not end")
			}
			st, body := ed.get(next)
			if st != http.StatusOK {
				t.Fatalf("%s = %d", next, st)
			}
			if pages == 2 {
				second = next
			}
			ids := reviewIDRe.FindAllStringSubmatch(body, -1)
			if len(ids) == 0 || len(ids) > 50 {
				t.Errorf("%s: %d reviews on the page", next, len(ids))
			}
			for _, m := range ids {
				if seen[m[1]] {
					t.Errorf("review %s on two pages", m[1])
				}
				seen[m[1]] = true
			}
			if pages > 1 && !newerRe.MatchString(body) {
				t.Errorf("%s: no link to newer reviews", next)
			}
			if pages == 1 && newerRe.MatchString(body) {
				t.Error("the first page links to newer reviews")
			}
			next = ""
			if m := olderRe.FindStringSubmatch(body); m != nil {
				next = htmlUnescape(m[1])
				if !strings.Contains(next, "status=spam") {
					t.Errorf("older link %q drops the state filter", next)
				}
			}
		}
		if pages != 6 || len(seen) != spam {
			t.Errorf("%d pages, %d of %d reviews reached", pages, len(seen), spam)
		}
		for id := range want {
			if !seen[id] {
				t.Errorf("review %s not reachable", id)
			}
		}

		// An action on page 2 comes back to page 2 of the same state, with a fixed notice.
		if second == "" {
			t.Fatal("no second page")
		}
		_, body := ed.get(second)
		first := reviewIDRe.FindStringSubmatch(body)[1]
		st, _, h := ed.post("/newsroom/reviews", url.Values{"id": {first}, "action": {"reject"}, "status": {"spam"}, "page": {"2"}})
		if loc := h.Get("Location"); st != http.StatusSeeOther || !strings.Contains(loc, "status=spam") || !strings.Contains(loc, "page=2") {
			t.Fatalf("bulk action = %d to %q", st, loc)
		}
		if _, body := ed.get(h.Get("Location")); !strings.Contains(body, "1 review(s) changed.") {
			t.Error("no notice after the action")
		}

		for _, bad := range []string{"0", "-1", "abc", "99999999999"} {
			if st, _ := ed.get("/newsroom/reviews?status=spam&page=" + bad); st != http.StatusBadRequest {
				t.Errorf("page=%s: %d, want 400", bad, st)
			}
		}
	})
}

// TestQueryTextNotShown checks that newsroom pages do not print text from the address: a
// link with a made-up notice or filter shows no part of it.
func TestQueryTextNotShown(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	ed := s.client(t)
	ed.get("/newsroom/login")
	sessionFor(t, s, ed, "admin")
	const bait = "Your session expired call 555 0100"
	for _, tc := range []struct{ path, notice string }{
		{"/newsroom/reviews?done=" + url.QueryEscape(bait), ""},
		{"/newsroom/reviews?done=moderated&n=" + url.QueryEscape(bait), "Reviews changed."},
		{"/newsroom/reviews?done=moderated&n=7", "7 review(s) changed."},
		{"/newsroom/reviews?done=renamed", "The display name was changed."},
		{"/newsroom/reviews?status=" + url.QueryEscape(bait), ""},
		{"/newsroom/?status=" + url.QueryEscape(bait), ""},
		{"/newsroom/?notice=" + url.QueryEscape(bait), ""},
		{"/newsroom/briefs?notice=" + url.QueryEscape(bait), ""},
		{"/newsroom/settings?notice=" + url.QueryEscape(bait), ""},
		{"/newsroom/wire?retried=" + url.QueryEscape(bait), ""},
		{"/newsroom/images?uploaded=" + url.QueryEscape(bait), ""},
	} {
		_, body := ed.get(tc.path)
		if strings.Contains(body, "555 0100") {
			t.Errorf("%s shows the text from the address", tc.path)
		}
		if tc.notice != "" && !strings.Contains(body, tc.notice) {
			t.Errorf("%s: no notice %q", tc.path, tc.notice)
		}
	}
}
