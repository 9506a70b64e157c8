package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

var feedPaths = []string{"/rss.xml", "/atom.xml", "/feed.json", "/en/feed/rss.xml", "/ru/feed/atom.xml",
	"/en/politics/feed/rss.xml", "/en/politics/feed/atom.xml", "/en/politics/feed/feed.json", "/en/tag/diplomacy/feed/rss.xml"}

func TestFeedsParse(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		parser := gofeed.NewParser()
		for _, p := range feedPaths {
			resp, body := s.get(t, p)
			if resp.StatusCode != 200 {
				t.Errorf("GET %s = %d", p, resp.StatusCode)
				continue
			}
			f, err := parser.ParseString(body)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if f.Title == "" || f.Link == "" || len(f.Items) == 0 || len(f.Items) > 50 {
				t.Errorf("%s: title %q link %q %d items", p, f.Title, f.Link, len(f.Items))
			}
			seen := map[string]bool{}
			var prev time.Time
			for i, it := range f.Items {
				if it.Title == "" || it.Link == "" || it.GUID == "" || it.PublishedParsed == nil || it.Content == "" && it.Description == "" {
					t.Errorf("%s item %d incomplete: %+v", p, i, it)
				}
				if seen[it.GUID] {
					t.Errorf("%s: GUID %s repeated", p, it.GUID)
				}
				seen[it.GUID] = true
				if !strings.HasPrefix(it.Link, s.srv.URL+"/") {
					t.Errorf("%s: link %s not absolute", p, it.Link)
				}
				if it.PublishedParsed != nil {
					if i > 0 && it.PublishedParsed.After(prev) {
						t.Errorf("%s: not newest first at %d", p, i)
					}
					prev = *it.PublishedParsed
				}
			}
		}
		// Each HTML page links its feeds.
		_, body := s.get(t, "/en/politics/")
		if !strings.Contains(body, `rel="alternate" type="application/rss`) || !strings.Contains(body, "/en/politics/feed/rss.xml") {
			t.Error("section page does not link its feed")
		}
		for _, p := range []string{"/xx/feed/rss.xml", "/en/politics/feed/rss.php", "/en/nope/feed/rss.xml", "/en/tag/nope/feed/atom.xml"} {
			if resp, _ := s.get(t, p); resp.StatusCode != 404 {
				t.Errorf("GET %s = %d, want 404", p, resp.StatusCode)
			}
		}
	})
}

func TestJSONFeedRequiredFields(t *testing.T) {
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	_, body := s.get(t, "/feed.json")
	var f map[string]any
	if err := json.Unmarshal([]byte(body), &f); err != nil {
		t.Fatal(err)
	}
	if f["version"] != "https://jsonfeed.org/version/1.1" || f["title"] == "" || f["feed_url"] != s.srv.URL+"/feed.json" {
		t.Errorf("feed top level: %v %v %v", f["version"], f["title"], f["feed_url"])
	}
	items, _ := f["items"].([]any)
	if len(items) == 0 {
		t.Fatal("no items")
	}
	for _, it := range items {
		m := it.(map[string]any)
		if m["id"] == "" || (m["content_html"] == "" && m["content_text"] == nil) || m["url"] == "" || m["date_published"] == "" {
			t.Errorf("item lacks a required field: %v", m)
		}
		if _, err := time.Parse(time.RFC3339, m["date_published"].(string)); err != nil {
			t.Errorf("date_published %v", m["date_published"])
		}
	}
}

func TestConditionalGetAndInvalidation(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newDemoSite(t, dsn)
		resp, first := s.get(t, "/en/feed/rss.xml")
		etag, lm := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if etag == "" || lm == "" {
			t.Fatalf("no ETag or Last-Modified: %v", resp.Header)
		}
		if resp, _ := s.get(t, "/en/feed/rss.xml", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match = %d", resp.StatusCode)
		}
		if resp, _ := s.get(t, "/en/feed/rss.xml", "If-Modified-Since", lm); resp.StatusCode != http.StatusNotModified {
			t.Errorf("If-Modified-Since = %d", resp.StatusCode)
		}
		// Publishing changes the feed at once; drafts, embargoed and scheduled stories never show.
		ctx := context.Background()
		ed := account.User{Email: "feeds@x.test", Name: "Feed Editor", Role: account.RoleEditor, CreatedAt: time.Now()}
		if err := s.st.WithTx(ctx, func(tx *store.Tx) error { var err error; ed.ID, err = tx.CreateUser(ctx, ed); return err }); err != nil {
			t.Fatal(err)
		}
		svc := newsroom.New(s.st, nil, nil)
		mk := func(h string) int64 {
			a, err := svc.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: h, Body: "Body."})
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		pub, draft, emb, sched := mk("Freshly published feed story"), mk("Draft feed story"), mk("Embargoed feed story"), mk("Scheduled feed story")
		if _, _, err := svc.Publish(ctx, ed, pub); err != nil {
			t.Fatal(err)
		}
		in := newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Embargoed feed story", Body: "Body.", EmbargoUntil: time.Now().Add(time.Hour)}
		a, _ := svc.Get(ctx, ed, emb)
		if _, err := svc.Update(ctx, ed, emb, a.Version, in); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Publish(ctx, ed, emb); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Schedule(ctx, ed, sched, time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		_ = draft
		resp, second := s.get(t, "/en/feed/rss.xml", "If-None-Match", etag)
		if resp.StatusCode != 200 || second == first || !strings.Contains(second, "Freshly published feed story") {
			t.Errorf("feed after publishing: %d, changed %v", resp.StatusCode, second != first)
		}
		for _, p := range []string{"/en/feed/rss.xml", "/sitemaps/stories-1.xml", "/news-sitemap.xml", "/feed.json"} {
			_, body := s.get(t, p)
			for _, hidden := range []string{"Draft feed story", "Embargoed feed story", "Scheduled feed story", "draft-feed-story", "embargoed-feed-story", "scheduled-feed-story"} {
				if strings.Contains(body, hidden) {
					t.Errorf("%s shows %q", p, hidden)
				}
			}
		}
		// The GUID of a story stays when its headline and slug change.
		guid := func(body string) string {
			f, err := gofeed.NewParser().ParseString(body)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range f.Items {
				if strings.Contains(it.Title, "published feed story") {
					return it.GUID
				}
			}
			return ""
		}
		before := guid(second)
		a, _ = svc.Get(ctx, ed, pub)
		if _, err := svc.Update(ctx, ed, pub, a.Version, newsroom.ArticleInput{Language: "en", Section: "politics",
			Headline: "Renamed published feed story", Slug: "renamed-feed-story", Body: "Body."}); err != nil {
			t.Fatal(err)
		}
		_, third := s.get(t, "/en/feed/rss.xml")
		if after := guid(third); before == "" || after != before || !strings.Contains(third, "renamed-feed-story") {
			t.Errorf("GUID %q → %q after a headline change", before, after)
		}
	})
}

func TestSitemapsValidate(t *testing.T) {
	dir := validate.Dir(t)
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	check := func(path, xsd string) string {
		resp, body := s.get(t, path)
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("GET %s = %d %s", path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		validate.XMLSchema(t, filepath.Join(dir, "sitemap", xsd), []byte(body))
		return body
	}
	index := check("/sitemap.xml", "siteindex.xsd")
	if !strings.Contains(index, s.srv.URL+"/sitemaps/stories-1.xml") || !strings.Contains(index, "/sitemaps/sections.xml") {
		t.Errorf("index: %s", index)
	}
	stories := check("/sitemaps/stories-1.xml", "all.xsd")
	if !strings.Contains(stories, `hreflang="ru"`) || !strings.Contains(stories, "<lastmod>") {
		t.Error("story sitemap lacks hreflang alternates or lastmod")
	}
	check("/sitemaps/sections.xml", "all.xsd")
	news := check("/news-sitemap.xml", "all.xsd")
	if !strings.Contains(news, "<news:name>Caspian Wire</news:name>") || !strings.Contains(news, "<news:language>en</news:language>") {
		t.Error("news sitemap lacks publication name or language")
	}
	if resp, _ := s.get(t, "/sitemaps/stories-2.xml"); resp.StatusCode != 404 {
		t.Errorf("empty sitemap page = %d", resp.StatusCode)
	}
	for _, p := range []string{"/sitemaps/stories-0.xml", "/sitemaps/stories-01.xml", "/sitemaps/other.xml"} {
		if resp, _ := s.get(t, p); resp.StatusCode != 404 {
			t.Errorf("%s = %d", p, resp.StatusCode)
		}
	}
	_, atom := s.get(t, "/atom.xml")
	f := filepath.Join(t.TempDir(), "atom.xml")
	if err := os.WriteFile(f, []byte(atom), 0o600); err != nil {
		t.Fatal(err)
	}
	validate.RelaxNG(t, filepath.Join(dir, "feeds", "atom.rng"), []byte(atom))
}
