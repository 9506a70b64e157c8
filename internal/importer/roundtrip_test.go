package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/review"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// richSite fills st with the demo edition (three languages, translations, briefs) and what
// the demo lacks: reviews in every state, a changed slug, a draft, an embargoed story,
// closed reviews and a brief awaiting an editor.
func richSite(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	if err := app.SeedDemo(ctx, st, io.Discard); err != nil {
		t.Fatal(err)
	}
	all := articles(t, st)
	var some []importer.ExportArticle
	for _, k := range keys(all) {
		some = append(some, all[k])
	}
	if len(some) < 4 {
		t.Fatalf("demo edition has %d stories", len(some))
	}
	at := time.Date(2026, 10, 1, 9, 30, 15, 123456000, time.UTC)
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		for i, status := range []string{"approved", "pending", "spam", "rejected"} {
			if _, err := tx.CreateReview(ctx, review.Review{ArticleID: some[0].ID, Name: "Reader " + status, Email: status + "@example.net",
				Rating: i + 1, Text: "Demo review, " + status + " <b>not bold</b> & fine.", Status: status, CreatedAt: at.Add(time.Duration(i) * time.Minute)}); err != nil {
				return err
			}
		}
		if err := tx.ChangeSlug(ctx, some[1].ID, "a-renamed-story"); err != nil {
			return err
		}
		if err := tx.SetStatus(ctx, some[2].ID, content.StatusDraft, at); err != nil {
			return err
		}
		embargo := at.Add(24 * time.Hour)
		if err := tx.ChangeState(ctx, newsroom.StateChange{ID: some[3].ID, From: []content.Status{content.StatusPublished},
			To: content.StatusPublished, EmbargoUntil: &embargo, Action: "embargo"}); err != nil {
			return err
		}
		if err := tx.SetReviewsClosed(ctx, some[3].ID, true); err != nil {
			return err
		}
		_, err := tx.CreateBrief(ctx, content.Brief{Language: some[0].Language, Section: some[0].Section,
			Text: "Demo brief awaiting an editor.", Status: content.StatusSubmitted, PublishedAt: at})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot describes a site without its ids: every story with its URL, fields, tags, old
// slugs, translations and reviews; every brief; every section.
func snapshot(t *testing.T, st *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	secs, err := st.ExportSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secs {
		for lang, n := range s.Names {
			out = append(out, fmt.Sprintf("section %s %s %q %s", s.Key, lang, n.Name, n.Slug))
		}
	}
	all := articles(t, st)
	byID := map[int64]string{}
	groups := map[int64][]string{}
	for k, a := range all {
		byID[a.ID] = k
		groups[a.GroupID] = append(groups[a.GroupID], k)
	}
	ts := func(v time.Time) string { return v.UTC().Format(time.RFC3339Nano) }
	for k, a := range all {
		g := groups[a.GroupID]
		sort.Strings(g)
		out = append(out, fmt.Sprintf("story %s url=%s group=%v status=%s section=%s author=%s/%q byline=%q/%q dateline=%q headline=%q standfirst=%q lead=%v closed=%v urgency=%d slugline=%q signoff=%q created=%s published=%s updated=%s embargo=%s first=%s tags=%v old=%v",
			k, content.ArticlePath(a.Language, a.Section.Slug, a.Slug), g, a.Status, a.Section.Key, a.Author.Slug, a.Author.Name,
			a.Byline, a.BylineRole, a.Dateline, a.Headline, a.Standfirst, a.Lead, a.ReviewsClosed, a.Urgency, a.Slugline, a.Signoff,
			ts(a.CreatedAt), ts(a.PublishedAt), ts(a.UpdatedAt), ts(a.EmbargoUntil), ts(a.FirstPublishedAt), a.Tags, a.OldSlugs))
		out = append(out, fmt.Sprintf("body %s %q", k, a.BodyMD), fmt.Sprintf("html %s %q", k, a.BodyHTML))
		for _, r := range a.Reviews {
			out = append(out, fmt.Sprintf("review %s %q %s %d %q %s %s", k, r.Name, r.Email, r.Rating, r.Text, r.Status, ts(r.CreatedAt)))
		}
	}
	var after int64
	for {
		page, err := st.ExportBriefs(ctx, after, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range page {
			out = append(out, fmt.Sprintf("brief %s %s %q %s %s story=%s", b.Language, b.Section.Key, b.Text, b.Status, ts(b.PublishedAt), byID[b.ArticleID]))
			after = b.ID
		}
		if len(page) < 100 {
			break
		}
	}
	sort.Strings(out)
	return out
}

func TestExportImportRoundTrip(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, src *store.Store) {
		ctx := context.Background()
		richSite(t, src)
		var file bytes.Buffer
		stats, err := importer.Export(ctx, src, &file, importer.ExportOptions{BaseURL: "https://news.example"})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Articles < 4 || stats.Briefs < 2 || stats.Reviews != 4 {
			t.Errorf("export stats %+v", stats)
		}
		kind := "sqlite"
		if src.Dialect() == "postgres" {
			kind = "postgres"
		}
		dst := testkit.Store(t, testkit.DSN(t, kind))
		rep, err := importer.New(dst, importer.Options{}).WordPress(ctx, bytes.NewReader(file.Bytes()), int64(file.Len()))
		if err != nil {
			t.Fatalf("import the export: %v", err)
		}
		if rep.SkippedTotal != 0 || rep.WarningsTotal != 0 {
			var b bytes.Buffer
			rep.WriteText(&b)
			t.Errorf("the round trip skipped or warned:\n%s", b.String())
		}
		want, got := snapshot(t, src), snapshot(t, dst)
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("the round trip changed the site:\n%s", diffLines(want, got))
		}
		// Importing the same file again changes nothing.
		again, err := importer.New(dst, importer.Options{}).WordPress(ctx, bytes.NewReader(file.Bytes()), 0)
		if err != nil || again.Changed() {
			var b bytes.Buffer
			again.WriteText(&b)
			t.Errorf("second import of the export: %v, changed=%v\n%s", err, again.Changed(), b.String())
		}
	})
}

func diffLines(want, got []string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, s := range want {
		w[s] = true
	}
	for _, s := range got {
		g[s] = true
	}
	var b strings.Builder
	for _, s := range want {
		if !g[s] {
			b.WriteString("- " + s + "\n")
		}
	}
	for _, s := range got {
		if !w[s] {
			b.WriteString("+ " + s + "\n")
		}
	}
	return b.String()
}

// TestLegacyRedirects asks the real site, over HTTP, for the old WordPress URLs.
func TestLegacyRedirects(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		mustImport(t, st, "wordpress", "wxr12.xml", importer.Options{Language: "en"})
		get := oldSite(t, st)
		for _, c := range []struct {
			path, location string
			status         int
		}{
			{"/?p=101", "/en/economy/ferry-timetable-doubles", 301},
			{"/2026/03/01/ferry-timetable-doubles/", "/en/economy/ferry-timetable-doubles", 301},
			{"/2026/03/01/ferry-timetable-doubles", "/en/economy/ferry-timetable-doubles", 301},
			{"/2026/03/ferry-timetable-doubles/", "/en/economy/ferry-timetable-doubles", 301},
			{"/2026/03/01/ferry-timetable/", "/en/economy/ferry-timetable-doubles", 301},
			{"/2026/02/15/%d0%bf%d0%be%d1%80%d1%82/", "/en/economy/port", 301},
			{"/category/economy/", "/en/economy/", 301},
			{"/category/culture/", "/en/culture/", 301},
			{"/tag/ports/", "/en/tag/ports", 301},
			{"/?p=102", "", 200}, // a draft: the front page, as for any unknown query
			{"/?p=999", "", 200},
			{"/2026/03/01/not-a-story/", "", 404},
			{"/", "", 200},
			{"/en/economy/ferry-timetable-doubles", "", 200},
		} {
			status, loc := get(c.path)
			if status != c.status || loc != c.location {
				t.Errorf("GET %s: %d %q, want %d %q", c.path, status, loc, c.status, c.location)
			}
		}
	})
}
