package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// publishStories files and publishes one English story per headline and returns their ids.
func publishStories(t *testing.T, svc *newsroom.Service, ed account.User, headlines ...string) []int64 {
	t.Helper()
	var ids []int64
	for _, h := range headlines {
		a, err := svc.Create(context.Background(), ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: h, Body: "Body."})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Publish(context.Background(), ed, a.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

// TestFrontPageOnHome: the home page's top stories follow the editors' choice at once
// through the page cache, drop a story whose pin runs out exactly then (the cached page
// does not outlive the pin), drop a withdrawn story, and go back to the newest leads when
// the choice is cleared.
func TestFrontPageOnHome(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		ctx := context.Background()
		home := func() []string {
			t.Helper()
			resp, body := s.get(t, "/en/")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("home page: %d", resp.StatusCode)
			}
			return sitekit.TopStories(body)
		}
		newest := home()
		if len(newest) == 0 || !slices.Equal(home(), newest) { // the second read comes from the cache
			t.Fatalf("the demo home page has top stories %q", newest)
		}
		ids := publishStories(t, s.svc, s.ed, "Chosen first", "Chosen second", "Chosen third")
		pinEnd := s.clock.now().Add(30 * time.Minute)
		picks := []content.FrontPick{{ArticleID: ids[1]}, {ArticleID: ids[2], PinnedUntil: pinEnd}, {ArticleID: ids[0]}}
		if _, err := s.svc.SetFront(ctx, s.ed, "en", picks); err != nil {
			t.Fatal(err)
		}
		if got, want := home(), []string{"Chosen second", "Chosen third", "Chosen first"}; !slices.Equal(got, want) {
			t.Fatalf("top stories right after the choice = %q, want %q", got, want)
		}
		s.clock.advance(29 * time.Minute)
		if got := home(); len(got) != 3 {
			t.Errorf("top stories before the pin ends = %q", got)
		}
		s.clock.advance(time.Minute)
		if got, want := home(), []string{"Chosen second", "Chosen first"}; !slices.Equal(got, want) {
			t.Errorf("top stories when the pin ends = %q, want %q", got, want)
		}
		if _, err := s.svc.Unpublish(ctx, s.ed, ids[1], "Withdrawn for the front page test."); err != nil {
			t.Fatal(err)
		}
		if got, want := home(), []string{"Chosen first"}; !slices.Equal(got, want) {
			t.Errorf("top stories after a withdrawal = %q, want %q", got, want)
		}
		if _, err := s.svc.SetFront(ctx, s.ed, "en", nil); err != nil {
			t.Fatal(err)
		}
		if got := home(); !slices.Equal(got, newest) {
			t.Errorf("top stories after clearing the choice = %q, want the newest leads %q", got, newest)
		}
	})
}

// TestFrontPageAPIPurgesHome: a PUT of the front page through the whole site's API is on
// the next request of the cached home page, while the other languages' home pages stay
// cached.
func TestFrontPageAPIPurgesHome(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newCachedSite(t, dsn, config.Config{})
		ctx := context.Background()
		ed := testkit.AddUser(t, s.st, account.User{Email: "front@x.test", Name: "Front Editor", Role: account.RoleEditor, CreatedAt: time.Now()})
		secret, err := account.NewSecret("ndt_")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateToken(ctx, ed.ID, "front", account.HashSecret(secret), time.Now())
			return err
		}); err != nil {
			t.Fatal(err)
		}
		ids := publishStories(t, s.site.Newsroom, ed, "API pick one", "API pick two")
		s.get(t, "/en/")
		s.get(t, "/ru/")
		before := s.site.Pages.Stats()
		js, _ := json.Marshal(map[string]any{"articles": []int64{ids[1], ids[0]}})
		req, _ := http.NewRequest("PUT", s.srv.URL+"/api/v1/newsroom/front/en", bytes.NewReader(js))
		req.Header.Set("Authorization", "Bearer "+secret)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("PUT front: %d", resp.StatusCode)
		}
		_, body := s.get(t, "/en/")
		if got, want := sitekit.TopStories(body), []string{"API pick two", "API pick one"}; !slices.Equal(got, want) {
			t.Errorf("top stories right after the PUT = %q, want %q", got, want)
		}
		s.get(t, "/ru/")
		if after := s.site.Pages.Stats(); after.Hits-before.Hits != 1 {
			t.Errorf("the Russian home page was not served from the cache after the English front changed (%d hits)", after.Hits-before.Hits)
		}
	})
}
