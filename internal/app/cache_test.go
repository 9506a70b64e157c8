package app_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// cachedSite is the demo edition served with the page cache on.
type cachedSite struct {
	*demoSite
	site *app.Site
	user newsroom.Actor
}

func newCachedSite(t *testing.T, dsn string, cfg config.Config) *cachedSite {
	t.Helper()
	ctx := context.Background()
	st := sitekit.Demo(t, dsn)
	cfg.TimeZone, cfg.Demo = "Asia/Baku", true
	if cfg.PageCacheMB == 0 {
		cfg.PageCacheMB = 16
	}
	srv, site := sitekit.Serve(t, cfg, st)
	u, err := st.UserByEmail(ctx, app.DemoLogin)
	if err != nil {
		t.Fatal(err)
	}
	return &cachedSite{demoSite: &demoSite{srv: srv, st: st}, site: site, user: u}
}

// shows fetches path and reports whether its body contains text.
func (s *cachedSite) shows(t *testing.T, path, text string) bool {
	t.Helper()
	_, body := s.get(t, path)
	return strings.Contains(body, text)
}

// expect checks for each path that it shows (or does not show) text right now.
func (s *cachedSite) expect(t *testing.T, step, text string, want bool, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if got := s.shows(t, p, text); got != want {
			t.Errorf("%s: %s shows %q = %v, want %v", step, p, text, got, want)
		}
	}
}

// TestPageCacheInvalidation changes content through the newsroom and checks, through
// real HTTP, that the very next request for every page that shows it has the change,
// while pages that do not show it stay cached.
func TestPageCacheInvalidation(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newCachedSite(t, dsn, config.Config{})
		ctx := context.Background()
		svc := s.site.Newsroom
		today := time.Now().In(mustLoc(t)).Format(time.DateOnly)
		pages := []string{"/en/", "/en/politics/", "/en/economy/", leadEN, "/en/feed/rss.xml", "/rss.xml",
			"/en/politics/feed/atom.xml", "/sitemaps/stories-1.xml", "/news-sitemap.xml", "/en/tag/cache-test",
			"/en/politics/briefs/", "/en/politics/briefs/" + today}
		warm := func() {
			for _, p := range pages {
				s.get(t, p)
			}
		}
		warm()
		before := s.site.Pages.Stats()
		warm()
		if after := s.site.Pages.Stats(); after.Hits-before.Hits < int64(len(pages))-1 { // the tag page is a 404 yet
			t.Fatalf("second round: %d hits of %d pages", after.Hits-before.Hits, len(pages))
		}

		// Publish a story: every list it enters shows it on the next request.
		a, err := svc.Create(ctx, s.user, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Cache test headline one",
			Standfirst: "A standfirst.", Body: "Body text of the cache test story, long enough.", Byline: "Cache Tester", Tags: []string{"Cache test"}})
		if err != nil {
			t.Fatal(err)
		}
		s.expect(t, "draft", "Cache test headline one", false, "/en/", "/en/politics/")
		if _, _, err := svc.Publish(ctx, s.user, a.ID); err != nil {
			t.Fatal(err)
		}
		a, _ = svc.Get(ctx, s.user, a.ID)
		path := "/en/politics/" + a.Slug
		s.expect(t, "publish", "Cache test headline one", true, "/en/", "/en/politics/", path, "/en/feed/rss.xml",
			"/rss.xml", "/en/politics/feed/atom.xml", "/en/tag/cache-test", "/news-sitemap.xml")
		s.expect(t, "publish", a.Slug, true, "/sitemaps/stories-1.xml")
		// A page that does not show it was not purged: the economy front is still a hit.
		h := s.site.Pages.Stats().Hits
		s.get(t, "/en/economy/")
		if s.site.Pages.Stats().Hits != h+1 {
			t.Errorf("publishing in politics purged the economy front")
		}

		// Update the headline; then correct; then move it to another section.
		a, err = svc.Update(ctx, s.user, a.ID, a.Version, newsroom.ArticleInput{Language: "en", Section: "politics",
			Headline: "Cache test headline two", Standfirst: "A standfirst.", Body: "Body text of the cache test story, long enough.",
			Byline: "Cache Tester", Tags: []string{"Cache test"}, Slug: a.Slug})
		if err != nil {
			t.Fatal(err)
		}
		s.expect(t, "update", "Cache test headline two", true, "/en/", "/en/politics/", path, "/en/feed/rss.xml", "/en/tag/cache-test")
		s.expect(t, "update", "Cache test headline one", false, "/en/", "/en/politics/", path, "/en/feed/rss.xml", "/en/tag/cache-test")
		if a, err = svc.Correct(ctx, s.user, a.ID, "An earlier version misspelt the cache."); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "correct", "misspelt the cache", true, path)
		if a, err = svc.Update(ctx, s.user, a.ID, a.Version, newsroom.ArticleInput{Language: "en", Section: "economy",
			Headline: "Cache test headline two", Standfirst: "A standfirst.", Body: "Body text of the cache test story, long enough.",
			Byline: "Cache Tester", Slug: a.Slug}); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "move", "Cache test headline two", false, "/en/politics/", "/en/tag/cache-test", "/en/politics/feed/atom.xml")
		s.expect(t, "move", "Cache test headline two", true, "/en/economy/", "/en/economy/"+a.Slug)
		if resp, _ := s.get(t, path); resp.StatusCode != http.StatusMovedPermanently {
			t.Errorf("old section URL after the move = %d, want 301", resp.StatusCode)
		}

		// A brief: the section front, its archive and day page and the stories of the
		// section show it; editing it changes all of them at once.
		b, err := svc.CreateBrief(ctx, s.user, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Brief about the cache, first wording."})
		if err != nil {
			t.Fatal(err)
		}
		briefPages := []string{"/en/politics/", "/en/politics/briefs/", "/en/politics/briefs/" + today, leadEN, "/en/"}
		s.expect(t, "brief", "first wording", true, briefPages...)
		if _, err := svc.UpdateBrief(ctx, s.user, b.ID, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Brief about the cache, second wording."}); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "brief edit", "second wording", true, briefPages...)
		s.expect(t, "brief edit", "first wording", false, briefPages...)

		// A review approved by a moderator shows at once.
		lead, err := s.st.PublicArticle(ctx, "en", strings.TrimPrefix(leadEN, "/en/politics/"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var rid int64
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
			rid, err = tx.CreateReview(ctx, review.Review{ArticleID: lead.ID, Name: "Reader", Rating: 4,
				Text: "A review that waits for the cache test.", Status: "pending", CreatedAt: time.Now()})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "pending review", "waits for the cache test", false, leadEN)
		if _, err := s.site.Reviews.Moderate(ctx, s.user, []int64{rid}, review.StatusApproved); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "approved review", "waits for the cache test", true, leadEN)
		if _, err := s.site.Reviews.Delete(ctx, s.user, []int64{rid}); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "deleted review", "waits for the cache test", false, leadEN)

		// Unpublish: 410 at once, gone from every list.
		if _, err := svc.Unpublish(ctx, s.user, a.ID, "test"); err != nil {
			t.Fatal(err)
		}
		if resp, _ := s.get(t, "/en/economy/"+a.Slug); resp.StatusCode != http.StatusGone {
			t.Errorf("unpublished story = %d, want 410", resp.StatusCode)
		}
		s.expect(t, "unpublish", "Cache test headline two", false, "/en/", "/en/economy/", "/en/feed/rss.xml", "/rss.xml")
	})
}

func mustLoc(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Asia/Baku")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestHTTPCaching checks validators, 304s, compression and the cache headers.
func TestHTTPCaching(t *testing.T) {
	s := newCachedSite(t, filepath.Join(t.TempDir(), "site.db"), config.Config{})
	resp, body := s.get(t, leadEN, "Accept-Encoding", "identity") // Go's client asks for gzip by itself
	// An HTML page is revalidated by its ETag alone (cache.Build).
	etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if !strings.HasPrefix(etag, `"`) || lm != "" {
		t.Fatalf("ETag %q, Last-Modified %q", etag, lm)
	}
	lm = time.Now().UTC().Format(http.TimeFormat) // a client's date, not before the page was made
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "public") || !strings.Contains(cc, "stale-while-revalidate=") {
		t.Errorf("Cache-Control = %q", cc)
	}
	if sk := resp.Header.Get("Surrogate-Key"); sk != "" {
		t.Errorf("Surrogate-Key %q without a CDN to purge (--purge-url)", sk)
	}
	if v := resp.Header.Get("Vary"); v != "Accept-Encoding" {
		t.Errorf("Vary = %q", v)
	}
	for _, tc := range []struct {
		name   string
		header []string
		want   int
	}{
		{"If-None-Match", []string{"If-None-Match", etag}, 304},
		{"If-None-Match weak", []string{"If-None-Match", "W/" + etag}, 304},
		{"If-None-Match list", []string{"If-None-Match", `"x", ` + etag}, 304},
		{"If-None-Match other", []string{"If-None-Match", `"other"`}, 200},
		{"If-Modified-Since", []string{"If-Modified-Since", lm}, 304},
		{"If-Modified-Since old", []string{"If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"}, 200},
		{"If-None-Match wins", []string{"If-None-Match", `"other"`, "If-Modified-Since", lm}, 200},
		{"garbage", []string{"If-Modified-Since", "yesterday"}, 200},
	} {
		resp, _ := s.get(t, leadEN, tc.header...)
		if resp.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
	}
	// gzip: the same bytes, compressed (the transport must not decompress for us).
	for _, path := range []string{leadEN, "/en/feed/rss.xml", "/sitemap.xml"} {
		req, _ := http.NewRequest("GET", s.srv.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		r, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(r.Body)
		r.Body.Close()
		_, plain := s.get(t, path, "Accept-Encoding", "identity")
		if path == leadEN && plain != body {
			t.Errorf("two plain answers differ")
		}
		if len(plain) < 512 {
			continue
		}
		if r.Header.Get("Content-Encoding") != "gzip" || r.Header.Get("ETag") == etag {
			t.Errorf("%s gzip: Content-Encoding %q, ETag %q", path, r.Header.Get("Content-Encoding"), r.Header.Get("ETag"))
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(zr)
		if string(got) != plain {
			t.Errorf("%s: gunzipped body differs from the plain one", path)
		}
	}
	// brotli, when the client prefers it.
	breq, _ := http.NewRequest("GET", s.srv.URL+leadEN, nil)
	breq.Header.Set("Accept-Encoding", "gzip, deflate, br")
	br, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(breq)
	if err != nil {
		t.Fatal(err)
	}
	braw, _ := io.ReadAll(br.Body)
	br.Body.Close()
	bplain, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(braw)))
	if br.Header.Get("Content-Encoding") != "br" || string(bplain) != body {
		t.Errorf("brotli: Content-Encoding %q, decoded body equal: %v", br.Header.Get("Content-Encoding"), string(bplain) == body)
	}
	// HEAD: headers, no body.
	req, _ := http.NewRequest("HEAD", s.srv.URL+leadEN, nil)
	req.Header.Set("Accept-Encoding", "identity")
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	if r.StatusCode != 200 || r.Header.Get("ETag") != etag {
		t.Errorf("HEAD: %d %q", r.StatusCode, r.Header.Get("ETag"))
	}
	// Pages that are personal or not cacheable say so.
	for path, want := range map[string]string{"/newsroom/login": "no-store", "/search?q=tea": "private",
		leadEN + "?review=thanks": "no-store", "/en/no-such-section/": "no-store"} {
		resp, _ := s.get(t, path)
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, want) {
			t.Errorf("%s: Cache-Control %q, want %q", path, cc, want)
		}
		if resp.Header.Get("Surrogate-Key") != "" && resp.StatusCode != 200 {
			t.Errorf("%s: Surrogate-Key on an uncached answer", path)
		}
	}
	// The public page is the same for every visitor: no cookie, no visitor's data.
	resp2, body2 := s.get(t, leadEN, "Cookie", "nd_session=abc", "Accept-Language", "ru")
	if body2 != body || resp2.Header.Get("Set-Cookie") != "" {
		t.Errorf("the cached page differs by visitor or sets a cookie")
	}
}

// TestPageCacheSingleflight: concurrent misses of one page render it once.
func TestPageCacheSingleflight(t *testing.T) {
	s := newCachedSite(t, filepath.Join(t.TempDir(), "site.db"), config.Config{})
	path := "/en/politics/"
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(s.srv.URL + path)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("status %d", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	if st := s.site.Pages.Stats(); st.Entries != 1 {
		t.Errorf("entries = %d, want 1", st.Entries)
	}
}

// TestPurgeHook: a change posts its keys to --purge-url.
func TestPurgeHook(t *testing.T) {
	got := make(chan []string, 10)
	calls := 0
	var mu sync.Mutex
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first { // the first attempt fails: the hook must retry
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		var body struct {
			Keys []string `json:"keys"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || r.Method != "POST" {
			t.Errorf("hook got %s %v", r.Method, err)
		}
		got <- body.Keys
	}))
	defer hook.Close()
	s := newCachedSite(t, filepath.Join(t.TempDir(), "site.db"), config.Config{PurgeURL: hook.URL})
	// With a CDN to purge, pages name their keys, each once.
	resp, _ := s.get(t, leadEN)
	sk := strings.Fields(resp.Header.Get("Surrogate-Key"))
	if !slices.ContainsFunc(sk, func(k string) bool { return strings.HasPrefix(k, "rv") }) || len(sk) == 0 || !strings.HasPrefix(sk[0], "a") {
		t.Errorf("Surrogate-Key = %q", sk)
	}
	for i, k := range sk {
		if slices.Contains(sk[:i], k) {
			t.Errorf("Surrogate-Key names %s twice: %q", k, sk)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.site.PurgeHook.Run(ctx)
	b, err := s.site.Newsroom.CreateBrief(ctx, s.user, newsroom.BriefInput{Language: "en", Section: "politics", Text: "A brief for the purge hook test."})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case keys := <-got:
		want := map[string]bool{"briefs:" + itoa(b.Section.ID) + ":en": false, "home:en": false, "b" + itoa(b.ID): false}
		for _, k := range keys {
			if _, ok := want[k]; ok {
				want[k] = true
			}
		}
		for k, ok := range want {
			if !ok {
				t.Errorf("purge hook keys %v lack %s", keys, k)
			}
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the purge hook was not called")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestFragmentsFollowChanges serves with the page cache off, where pages are rendered per
// request but the briefs column and the masthead are kept as fragments: a brief, a new
// section and a setting show on the very next request.
func TestFragmentsFollowChanges(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newCachedSite(t, dsn, config.Config{PageCacheMB: -1})
		if s.site.Pages != nil {
			t.Fatal("the page cache is on")
		}
		ctx, svc := context.Background(), s.site.Newsroom
		s.expect(t, "before", "Fragment brief", false, leadEN)
		b, err := svc.CreateBrief(ctx, s.user, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Fragment brief, first wording."})
		if err != nil {
			t.Fatal(err)
		}
		s.expect(t, "brief", "Fragment brief, first wording.", true, leadEN)
		if _, err := svc.UpdateBrief(ctx, s.user, b.ID, newsroom.BriefInput{Language: "en", Section: "politics", Text: "Fragment brief, second wording."}); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "brief edit", "second wording", true, leadEN)
		s.expect(t, "brief edit", "first wording", false, leadEN)

		s.expect(t, "before", "Fragment Desk", false, leadEN, "/en/")
		err = s.st.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.CreateSection(ctx, store.SectionInput{Key: "fragments", Position: 99,
				Names: map[string]string{"en": "Fragment Desk"}, Slugs: map[string]string{"en": "fragment-desk"}})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		s.expect(t, "new section", "Fragment Desk", true, leadEN, "/en/")

		s.expect(t, "before", `class="agency-meta"`, false, leadEN)
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetSetting(ctx, "show_agency_meta", "1") }); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "setting", `class="agency-meta"`, true, leadEN)
	})
}
