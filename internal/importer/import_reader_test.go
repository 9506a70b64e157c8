package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// importText imports an export given as text, at the time now.
func importText(t *testing.T, st *store.Store, format, doc string, now time.Time) (*importer.Report, error) {
	t.Helper()
	im := importer.New(st, importer.Options{Now: func() time.Time { return now }})
	if format == "ghost" {
		return im.Ghost(context.Background(), strings.NewReader(doc), 0)
	}
	return im.WordPress(context.Background(), strings.NewReader(doc), 0)
}

func reportText(rep *importer.Report) string {
	var b bytes.Buffer
	rep.WriteText(&b)
	return b.String()
}

// lagoonItem is one item of the WXR exports of these tests.
type lagoonItem struct {
	id, typ, status, title, slug, body, password, date, gmt, terms string
}

// lagoonWXR writes a WXR export (WordPress.com's https namespace) of items; pubDate "" leaves
// the channel without one.
func lagoonWXR(pubDate string, items ...lagoonItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="https://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="https://wordpress.org/export/1.2/">
<channel><title>Lagoon Notes</title><link>https://lagoon.example</link>`)
	if pubDate != "" {
		b.WriteString("<pubDate>" + pubDate + "</pubDate>")
	}
	b.WriteString(`<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://lagoon.example</wp:base_site_url>
<wp:author><wp:author_login>keeper</wp:author_login><wp:author_display_name>Lock Keeper</wp:author_display_name></wp:author>
`)
	for _, it := range items {
		if it.typ == "" {
			it.typ = "post"
		}
		if it.date == "" {
			it.date, it.gmt = "2024-05-01 10:00:00", "2024-05-01 08:00:00"
		}
		if it.terms == "" {
			it.terms = `<category domain="category" nicename="boats"><![CDATA[Boats]]></category>`
		}
		fmt.Fprintf(&b, `<item><title>%s</title><link>https://lagoon.example/?p=%s</link><dc:creator>keeper</dc:creator>
<content:encoded><![CDATA[%s]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>%s</wp:post_id><wp:post_date>%s</wp:post_date><wp:post_date_gmt>%s</wp:post_date_gmt>
<wp:post_name>%s</wp:post_name><wp:status>%s</wp:status><wp:post_type>%s</wp:post_type>
<wp:post_password>%s</wp:post_password>%s</item>
`, it.title, it.id, it.body, it.id, it.date, it.gmt, it.slug, it.status, it.typ, it.password, it.terms)
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// ghostExport writes a Ghost export of posts (JSON objects) in the db/meta/data wrapper.
func ghostExport(posts ...string) string {
	return `{"db": [{"meta": {"exported_on": 1725350400000, "version": "5.90.0"}, "data": {
"settings": [{"key": "title", "value": "Lagoon Ghost"}, {"key": "url", "value": "https://ghost.lagoon.example"}],
"users": [], "tags": [], "posts_tags": [], "posts_authors": [],
"posts": [` + strings.Join(posts, ",\n") + `]}}]}`
}

func ghostPost(id, slug, visibility, html string) string {
	return fmt.Sprintf(`{"id": %q, "title": "Ghost %s", "slug": %q, "html": %q, "type": "post", "status": "published",
"visibility": %q, "created_at": "2024-06-01T10:00:00.000Z", "updated_at": "2024-06-01T10:00:00.000Z", "published_at": "2024-06-01T10:00:00.000Z"}`,
		id, slug, slug, html, visibility)
}

// TestImportProtectedStaysOffThePublicSite imports a password-protected WordPress post and
// Ghost posts for members: each is a draft, listed in the report, and found nowhere the
// public looks (page, lists, feeds, sitemap, search, wire, old URL) until an editor
// publishes it.
func TestImportProtectedStaysOffThePublicSite(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		wxr := lagoonWXR("", lagoonItem{id: "201", status: "publish", title: "Open lock news", slug: "open-lock-news", body: "<p>Everyone may read this.</p>"},
			lagoonItem{id: "202", status: "publish", title: "Keepers only", slug: "keepers-only", body: "<p>The zqxpassword figures.</p>", password: "reeds"},
			lagoonItem{id: "203", status: "future", title: "Keepers later", slug: "keepers-later", body: "<p>Later zqxpassword.</p>", password: "reeds"})
		rep, err := importText(t, st, "wordpress", wxr, testNow)
		if err != nil {
			t.Fatal(err)
		}
		ghost := ghostExport(ghostPost("g1", "open-ghost", "public", "<p>Free to all.</p>"),
			ghostPost("g2", "members-ghost", "members", "<p>zqxmembers text.</p>"),
			ghostPost("g3", "paid-ghost", "paid", "<p>zqxmembers paid text.</p>"),
			ghostPost("g4", "tiers-ghost", "tiers", "<p>zqxmembers tier text.</p>"),
			ghostPost("g5", "preview-ghost", "public", "<p>Teaser.</p><!--members-only--><p>zqxmembers rest.</p>"))
		grep, err := importText(t, st, "ghost", ghost, testNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Protected: kept as drafts (2):", `post 202 "Keepers only": password-protected (was publish)`,
			`post 203 "Keepers later": password-protected (was future)`} {
			if !strings.Contains(reportText(rep), want) {
				t.Errorf("WordPress report lacks %q:\n%s", want, reportText(rep))
			}
		}
		for _, want := range []string{"Protected: kept as drafts (4):", `post g2 "Ghost members-ghost": for members only (Ghost visibility "members")`,
			`(Ghost visibility "paid")`, `(Ghost visibility "tiers")`, `post g5 "Ghost preview-ghost": has members-only content`} {
			if !strings.Contains(reportText(grep), want) {
				t.Errorf("Ghost report lacks %q:\n%s", want, reportText(grep))
			}
		}
		if _, err := st.Reindex(ctx, nil); err != nil {
			t.Fatal(err)
		}
		all := articles(t, st)
		protected := []string{"keepers-only", "keepers-later", "members-ghost", "paid-ghost", "tiers-ghost", "preview-ghost"}
		for _, slug := range protected {
			if a := all["en/"+slug]; a.Status != content.StatusDraft {
				t.Errorf("%s: status %q, want a draft", slug, a.Status)
			}
			if _, err := st.PublicArticle(ctx, "en", slug, testNow); !errors.Is(err, content.ErrNotFound) {
				t.Errorf("%s: public page: %v", slug, err)
			}
		}
		// What the public lists, feeds and sitemap show, by story id.
		shown := map[string][]int64{}
		list, err := st.PublicArticles(ctx, content.ListQuery{Language: "en", Limit: 100}, testNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			shown["list"] = append(shown["list"], a.ID)
		}
		feed, err := st.FeedArticles(ctx, content.FeedQuery{Language: "en", Limit: 100}, testNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range feed {
			shown["feed"] = append(shown["feed"], a.ID)
		}
		sm, err := st.SitemapArticles(ctx, 0, 100, time.Time{}, testNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range sm {
			shown["sitemap"] = append(shown["sitemap"], e.ID)
		}
		wantIDs := []int64{all["en/open-ghost"].ID, all["en/open-lock-news"].ID}
		slices.Sort(wantIDs)
		want := fmt.Sprint(wantIDs)
		for where, ids := range shown {
			slices.Sort(ids)
			if got := fmt.Sprint(ids); got != want {
				t.Errorf("%s shows stories %s, want the public ones %s", where, got, want)
			}
		}
		if len(shown) != 3 {
			t.Errorf("shown: %v", shown)
		}
		for _, word := range []string{"zqxpassword", "zqxmembers"} {
			res, err := st.Search(ctx, search.Request{Query: search.ParseQuery(word), Now: testNow})
			if err != nil || len(res.Hits) != 0 {
				t.Errorf("search %s: %v %+v", word, err, res.Hits)
			}
		}
		wire, err := st.WireUnversioned(ctx, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(wire) != 2 {
			t.Errorf("%d stories for the wire, want the 2 public ones", len(wire))
		}
		for _, path := range []string{"/?p=202", "/keepers-only", "/members-ghost", "/preview-ghost"} {
			if got, err := st.LegacyTarget(ctx, path, testNow); !errors.Is(err, content.ErrNotFound) {
				t.Errorf("old URL %s leads to %q (%v)", path, got, err)
			}
		}

		// An editor publishes one; importing the file again leaves it published.
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.SetStatus(ctx, all["en/keepers-only"].ID, content.StatusPublished, testNow)
		}); err != nil {
			t.Fatal(err)
		}
		again, err := importText(t, st, "wordpress", wxr, testNow.Add(time.Hour))
		if err != nil || again.Changed() {
			t.Fatalf("second import: %v %v", err, again.Counts)
		}
		if a := articles(t, st)["en/keepers-only"]; a.Status != content.StatusPublished {
			t.Errorf("published by an editor, then %s after a re-import", a.Status)
		}
	})
}
