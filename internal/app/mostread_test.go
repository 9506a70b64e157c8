package app_test

import (
	"context"
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

const browserUA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// TestMostRead: readers of story pages are counted by each instance — cached hits
// included, with the page cache on or off — but not HEADs, prefetches, crawlers, link
// previewers or scripts; the instances' counts meet in the database, and the home and
// story pages list the language's most read stories, which a withdrawn story leaves.
func TestMostRead(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := sitekit.Demo(t, dsn)
		if _, err := st.PruneReads(ctx, time.Now().Add(2*time.Hour)); err != nil { // the demo's own readers
			t.Fatal(err)
		}
		build := func(cacheMB int) (*app.Site, string) {
			var site *app.Site
			srv := testkit.Serve(t, func(baseURL string) (http.Handler, error) {
				var err error
				site, err = app.Build(config.Config{BaseURL: baseURL, TimeZone: "Asia/Baku", Demo: true, PageCacheMB: cacheMB, Media: t.TempDir()}, st, nil)
				if err != nil {
					return nil, err
				}
				return site.Handler, nil
			})
			return site, srv.URL
		}
		a, aURL := build(64) // two instances: one with its page cache, one without
		b, bURL := build(0)
		if _, body := fetch(t, aURL+"/en/"); strings.Contains(body, `class="most-read"`) {
			t.Error("the home page lists most read stories before any was read")
		}

		storyID := func(path string) int64 {
			t.Helper()
			a, err := st.PublicArticle(ctx, "en", path[strings.LastIndexByte(path, '/')+1:], time.Now())
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		first, second := leadEN, secondStoryEN(t, aURL)
		firstID, secondID := storyID(first), storyID(second)

		do := func(base, method, path string, header ...string) {
			t.Helper()
			req, err := http.NewRequest(method, base+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("User-Agent", browserUA)
			for i := 0; i+1 < len(header); i += 2 {
				if header[i+1] == "" {
					req.Header.Del(header[i])
				} else {
					req.Header.Set(header[i], header[i+1])
				}
			}
			resp, err := noRedirect.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s %s: %d", method, path, resp.StatusCode)
			}
		}
		for range 3 {
			do(aURL, "GET", first) // a miss, then hits
		}
		for range 2 {
			do(bURL, "GET", first)
		}
		for range 4 {
			do(aURL, "GET", second)
		}
		for _, h := range [][]string{
			{"User-Agent", ""},
			{"User-Agent", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
			{"User-Agent", "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"},
			{"User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36"},
			{"User-Agent", "curl/8.5.0"},
			{"Sec-Purpose", "prefetch"},
		} {
			for range 3 {
				do(aURL, "GET", second, h...)
				do(bURL, "GET", second, h...)
			}
		}
		for range 5 {
			do(aURL, "HEAD", second)
		}
		gotA, gotB := a.Reads.Take(), b.Reads.Take()
		if want := map[int64]int64{firstID: 3, secondID: 4}; !maps.Equal(gotA, want) {
			t.Errorf("instance A counted %v, want %v", gotA, want)
		}
		if want := map[int64]int64{firstID: 2}; !maps.Equal(gotB, want) {
			t.Errorf("instance B counted %v, want %v", gotB, want)
		}
		now := time.Now()
		for _, counts := range []map[int64]int64{gotA, gotB} {
			if err := st.AddReads(ctx, now, counts); err != nil {
				t.Fatal(err)
			}
		}
		// A third instance makes its lists afresh: the first story (5 readers) leads the
		// second (4), on the home page and under every story.
		_, cURL := build(64)
		for _, path := range []string{"/en/", second} {
			_, body := fetch(t, cURL+path)
			block := mostReadBlock(t, body)
			i, j := strings.Index(block, first), strings.Index(block, second)
			if i < 0 || j < 0 || i > j {
				t.Errorf("%s: most read block lists %q and %q out of order:\n%s", path, first, second, block)
			}
		}
		if _, body := fetch(t, cURL+"/ru/"); strings.Contains(body, `class="most-read"`) {
			t.Error("the Russian home page lists most read stories, though no Russian story was read")
		}
		// The first story is withdrawn: it leaves the list at once.
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.SetStatus(ctx, firstID, content.StatusUnpublished, time.Now())
		}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/en/", second} {
			if _, body := fetch(t, cURL+path); strings.Contains(mostReadBlock(t, body), first) {
				t.Errorf("%s: the withdrawn story is still in the most read block", path)
			}
		}
	})
}

// mostReadBlock is the "Most read" aside of a page.
func mostReadBlock(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `<aside class="most-read"`)
	if i < 0 {
		t.Fatalf("no most read block in the page")
	}
	j := strings.Index(body[i:], "</aside>")
	return body[i : i+j]
}

// secondStoryEN is the path of an English story other than leadEN, as the home page links it.
func secondStoryEN(t *testing.T, base string) string {
	t.Helper()
	_, body := fetch(t, base+"/en/economy/")
	i := strings.Index(body, `href="/en/economy/`)
	for i >= 0 {
		rest := body[i+len(`href="`):]
		path := rest[:strings.IndexByte(rest, '"')]
		if strings.Count(path, "/") == 3 && !strings.HasSuffix(path, "/") {
			return path
		}
		next := strings.Index(body[i+1:], `href="/en/economy/`)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	t.Fatal("no English economy story linked from its front")
	return ""
}
