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

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
)

// readerCanary is in the address of every reader in TestNoReaderEmailOutsideModeration, so
// that any page that shows an address, or a part of one, is caught.
const readerCanary = "canary-reader-7qz"

// moderationListRe is the one element allowed to show readers' addresses: the table of
// reviews on /newsroom/reviews.
var moderationListRe = regexp.MustCompile(`(?s)<table id="review-list">.*?</table>`)

// badgeRe is the moderation badge in the navigation.
var badgeRe = regexp.MustCompile(`title="reviews waiting for moderation">([^<]*) pending</span>`)

// TestNoReaderEmailOutsideModeration renders every GET page of the newsroom route table as
// an admin, with pending reviews from distinctive addresses, and checks that no address
// appears anywhere but in the moderation list, and that the navigation's badge is the
// number of pending reviews.
func TestNoReaderEmailOutsideModeration(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	ctx := context.Background()
	svc, admin, a := publishedStory(t, s, "Reviewed story", "First.\n\nSecond.")
	var err error
	if a, err = svc.Update(ctx, admin, a.ID, a.Version, newsroom.ArticleInput{Section: "politics", Headline: "Reviewed story",
		Standfirst: "Stand.", Body: "First, changed.\n\nSecond."}); err != nil {
		t.Fatal(err)
	}
	b, err := svc.CreateBrief(ctx, admin, newsroom.BriefInput{Language: "en", Section: "politics", Text: "A brief."})
	if err != nil {
		t.Fatal(err)
	}
	const pending = 4
	var ids []int64
	for i, status := range []string{"pending", "pending", "pending", "pending", "approved", "spam", "rejected"} {
		err := s.st.WithTx(ctx, func(tx *store.Tx) error {
			id, err := tx.CreateReview(ctx, review.Review{ArticleID: a.ID, Name: "Reader " + strconv.Itoa(i),
				Email: readerCanary + strconv.Itoa(i) + "@mail.example", Rating: 4, Text: "A careful review number " + strconv.Itoa(i) + ".",
				Status: status, SpamScore: 1, CreatedAt: time.Now()})
			ids = append(ids, id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	c := s.client(t)
	c.get("/newsroom/login")
	sessionFor(t, s, c, "admin")
	// Trusting an address writes to the audit log: that page must not show it either.
	if st, _, _ := c.post("/newsroom/reviews", url.Values{"id": {strconv.FormatInt(ids[4], 10)}, "action": {"trust"}, "status": {"approved"}}); st != http.StatusSeeOther {
		t.Fatalf("trust = %d", st)
	}

	id, brief := strconv.FormatInt(a.ID, 10), strconv.FormatInt(b.ID, 10)
	var paths []string
	for _, rt := range s.site.Desk.Routes() {
		if rt.Method != "GET" || rt.Pattern == "/newsroom/events" { // an event stream, open for ten minutes: dashboard_test.go reads it
			continue
		}
		p := strings.NewReplacer("{$}", "", "{file}", "none.css").Replace(rt.Pattern)
		if strings.HasPrefix(rt.Pattern, "/newsroom/briefs/") {
			p = strings.Replace(p, "{id}", brief, 1)
		}
		p = strings.Replace(p, "{id}", id, 1)
		if strings.HasSuffix(p, "/diff") {
			p += "?from=1&to=3"
		}
		paths = append(paths, p)
	}
	if len(paths) < 15 {
		t.Fatalf("only %d GET routes: %v", len(paths), paths)
	}
	for _, status := range []string{"approved", "rejected", "spam", "nonsense"} {
		paths = append(paths, "/newsroom/reviews?status="+status)
	}
	paths = append(paths, "/newsroom/no-such-page", "/newsroom/search?q=review", "/newsroom/?q=review")

	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			st, body := c.get(p)
			if st >= 500 {
				t.Fatalf("status %d", st)
			}
			outside := body
			if strings.HasPrefix(p, "/newsroom/reviews") {
				outside = moderationListRe.ReplaceAllString(body, "")
			}
			for _, leak := range []string{readerCanary, "mail.example"} {
				if i := strings.Index(outside, leak); i >= 0 {
					t.Errorf("%q shown outside the moderation list: …%s…", leak, outside[max(0, i-200):min(len(outside), i+100)])
				}
			}
			if !strings.Contains(body, `<nav aria-label="Newsroom">`) {
				return // not a page with the navigation (CSV, the sign-in page)
			}
			m := badgeRe.FindStringSubmatch(body)
			if m == nil || m[1] != strconv.Itoa(pending) {
				t.Errorf("moderation badge = %q, want %d pending", m, pending)
			}
		})
	}

	// The moderation list does show the addresses (it is where moderators need them).
	_, body := c.get("/newsroom/reviews")
	list := moderationListRe.FindString(body)
	for i := range pending {
		if !strings.Contains(list, readerCanary+strconv.Itoa(i)+"@mail.example") {
			t.Errorf("address of pending review %d missing from the moderation list", i)
		}
	}
}

// publishedStory publishes a story as the test admin, through the service.
func publishedStory(t *testing.T, s *site, headline, body string) (*newsroom.Service, account.User, content.Article) {
	t.Helper()
	ctx := context.Background()
	admin, err := s.st.UserByEmail(ctx, "admin@x.test")
	if err != nil {
		t.Fatal(err)
	}
	svc := newsroom.New(s.st, nil, nil)
	a, err := svc.Create(ctx, admin, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: headline,
		Standfirst: "Stand.", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if a, _, err = svc.Publish(ctx, admin, a.ID); err != nil {
		t.Fatal(err)
	}
	return svc, admin, a
}
