package importer_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// wxrMeta is a wp:postmeta or wp:authormeta element.
type wxrMeta struct {
	Key   string `xml:"meta_key"`
	Value string `xml:"meta_value"`
}

// wxrFile is what the export tests read of an exported file.
type wxrFile struct {
	Authors []struct {
		Login string    `xml:"author_login"`
		Name  string    `xml:"author_display_name"`
		Meta  []wxrMeta `xml:"authormeta"`
	} `xml:"channel>author"`
	Items []struct {
		Title    string    `xml:"title"`
		Link     string    `xml:"link"`
		Body     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
		PostID   string    `xml:"post_id"`
		Name     string    `xml:"post_name"`
		Status   string    `xml:"status"`
		Order    string    `xml:"menu_order"`
		PostType string    `xml:"post_type"`
		Date     string    `xml:"post_date_gmt"`
		Meta     []wxrMeta `xml:"postmeta"`
	} `xml:"channel>item"`
}

// meta returns the values under key, in order.
func meta(ms []wxrMeta, key string) []string {
	var out []string
	for _, m := range ms {
		if m.Key == key {
			out = append(out, m.Value)
		}
	}
	return out
}

// draftPage adds to st a draft page linked to no other, out of the footer, with a title and
// body that need escaping.
func draftPage(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		_, err := tx.CreatePage(ctx, content.Page{Language: "en", Slug: "advertising", Title: "Advertising & <rates>",
			BodyMD: "Rates ]]> on request.", BodyHTML: "<p>Rates ]]&gt; on request.</p>\n", Status: content.StatusDraft,
			Position: 7, CreatedAt: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportPagesAndProfiles: the export writes every page — published or draft — as a
// WordPress page item with its title, slug, status, body, footer place, language and
// translation group (the pages of a group share one, a page of none has none), post ids
// apart from the stories' and briefs'; and every author with their profile (role, texts by
// language, links) as author metadata.
func TestExportPagesAndProfiles(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		richSite(t, st)
		draftPage(t, st)
		var file bytes.Buffer
		stats, err := importer.Export(ctx, st, &file, importer.ExportOptions{BaseURL: "https://news.example"})
		if err != nil {
			t.Fatal(err)
		}
		var f wxrFile
		if err := xml.Unmarshal(file.Bytes(), &f); err != nil {
			t.Fatalf("the export is not XML: %v", err)
		}
		pages, err := st.ExportPages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(pages) < 4 || stats.Pages != len(pages) {
			t.Fatalf("%d pages, the export counted %d", len(pages), stats.Pages)
		}

		ids := map[string]bool{}
		byLink := map[string]int{}
		for i, it := range f.Items {
			if ids[it.PostID] {
				t.Errorf("post id %s twice", it.PostID)
			}
			ids[it.PostID] = true
			if it.PostType == "page" {
				byLink[it.Link] = i
			}
		}
		groupOf := map[int64]string{} // a page group here → its value in the file
		for _, p := range pages {
			link := "https://news.example" + content.PagePath(p.Language, p.Slug)
			i, ok := byLink[link]
			if !ok {
				t.Errorf("page %s is not exported", link)
				continue
			}
			it := f.Items[i]
			status := map[content.Status]string{content.StatusPublished: "publish", content.StatusDraft: "draft"}[p.Status]
			footer := "0"
			if p.InFooter {
				footer = "1"
			}
			got := fmt.Sprintf("%q %s %s %s %q %q %v %v %v %v", it.Title, it.Name, it.Status, it.Order, it.Body,
				meta(it.Meta, "_newsdesk_markdown"), meta(it.Meta, "_newsdesk_language"), meta(it.Meta, "_newsdesk_status"),
				meta(it.Meta, "_newsdesk_in_footer"), meta(it.Meta, "_newsdesk_position"))
			want := fmt.Sprintf("%q %s %s %d %q %q %v %v %v %v", p.Title, p.Slug, status, p.Position, p.BodyHTML,
				[]string{p.BodyMD}, []string{p.Language}, []string{string(p.Status)}, []string{footer}, []string{strconv.Itoa(p.Position)})
			if got != want {
				t.Errorf("page %s exported as\n%s\nwant\n%s", link, got, want)
			}
			if p.Status == content.StatusDraft && it.Date != "0000-00-00 00:00:00" {
				t.Errorf("draft page %s has a publication date %s", link, it.Date)
			}
			g := meta(it.Meta, "_newsdesk_group")
			switch {
			case p.GroupID == 0 && len(g) != 0:
				t.Errorf("page %s of no group exported in group %v", link, g)
			case p.GroupID != 0 && len(g) != 1:
				t.Errorf("page %s of group %d exported in groups %v", link, p.GroupID, g)
			case p.GroupID != 0:
				if was, ok := groupOf[p.GroupID]; ok && was != g[0] {
					t.Errorf("page %s: its translations are in group %s, it in %s", link, was, g[0])
				}
				groupOf[p.GroupID] = g[0]
			}
		}
		if len(groupOf) == 0 {
			t.Error("no page with translations was checked")
		}
		if i, ok := byLink["https://news.example/en/page/advertising"]; !ok || len(meta(f.Items[i].Meta, "_newsdesk_group")) != 0 {
			t.Error("the draft page of no group is not exported as one")
		}

		authors, err := st.ExportAuthors(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Authors) != len(authors) {
			t.Fatalf("%d authors exported, %d here", len(f.Authors), len(authors))
		}
		profiles := 0
		for i, a := range authors {
			fa := f.Authors[i]
			p, err := st.AuthorProfile(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			var texts map[string]content.AuthorText
			var links []content.AuthorLink
			for _, v := range meta(fa.Meta, "_newsdesk_texts") {
				if err := json.Unmarshal([]byte(v), &texts); err != nil {
					t.Errorf("author %s: texts %q: %v", a.Slug, v, err)
				}
			}
			for _, v := range meta(fa.Meta, "_newsdesk_links") {
				if err := json.Unmarshal([]byte(v), &links); err != nil {
					t.Errorf("author %s: links %q: %v", a.Slug, v, err)
				}
			}
			if len(p.Texts) == 0 {
				p.Texts = nil
			}
			role := meta(fa.Meta, "_newsdesk_role")
			if fa.Login != p.Slug || fa.Name != p.Name || !reflect.DeepEqual(texts, p.Texts) || !reflect.DeepEqual(links, p.Links) ||
				(p.Role != "") != (len(role) == 1) || (p.Role != "" && role[0] != p.Role) {
				t.Errorf("author exported as %s %q %v %+v %+v, want %s %q %q %+v %+v", fa.Login, fa.Name, role, texts, links,
					p.Slug, p.Name, p.Role, p.Texts, p.Links)
			}
			if len(p.Texts) > 0 && len(p.Links) > 0 {
				profiles++
			}
		}
		if profiles == 0 {
			t.Error("no author with texts and links was checked")
		}
	})
}

// pagesSnapshot describes a site's pages without their ids: each with its fields, times, old
// paths and the pages of its translation group.
func pagesSnapshot(t *testing.T, st *store.Store) []string {
	t.Helper()
	pages, err := st.ExportPages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	groups := map[int64][]string{}
	for _, p := range pages {
		if p.GroupID != 0 {
			groups[p.GroupID] = append(groups[p.GroupID], content.PagePath(p.Language, p.Slug))
		}
	}
	ts := func(v time.Time) string { return v.UTC().Format(time.RFC3339Nano) }
	var out []string
	for _, p := range pages {
		g := groups[p.GroupID]
		sort.Strings(g)
		out = append(out, fmt.Sprintf("page %s %q %s footer=%v position=%d group=%v created=%s published=%s updated=%s old=%v md=%q html=%q",
			content.PagePath(p.Language, p.Slug), p.Title, p.Status, p.InFooter, p.Position, g, ts(p.CreatedAt), ts(p.PublishedAt),
			ts(p.UpdatedAt), p.LegacyURLs, p.BodyMD, p.BodyHTML))
	}
	sort.Strings(out)
	return out
}

// exportTo exports src and returns an empty database of the same kind and a function
// that imports the export into it.
func exportTo(t *testing.T, src *store.Store) (*store.Store, func()) {
	t.Helper()
	ctx := context.Background()
	var file bytes.Buffer
	if _, err := importer.Export(ctx, src, &file, importer.ExportOptions{BaseURL: "https://news.example"}); err != nil {
		t.Fatal(err)
	}
	kind := "sqlite"
	if src.Dialect() == "postgres" {
		kind = "postgres"
	}
	dst := testkit.Store(t, testkit.DSN(t, kind))
	return dst, func() {
		t.Helper()
		if _, err := importer.New(dst, importer.Options{}).WordPress(ctx, bytes.NewReader(file.Bytes()), int64(file.Len())); err != nil {
			t.Fatalf("import the export: %v", err)
		}
	}
}

// TestPagesRoundTrip: an export imported into an empty database gives back every page as
// it was — published and draft, in and out of the footer, with its place, translations,
// Markdown, body and times.
func TestPagesRoundTrip(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, src *store.Store) {
		richSite(t, src)
		draftPage(t, src)
		dst, imp := exportTo(t, src)
		imp()
		want, got := pagesSnapshot(t, src), pagesSnapshot(t, dst)
		if len(want) < 5 {
			t.Fatalf("only %d pages to carry over", len(want))
		}
		if strings.Join(want, "\n") != strings.Join(got, "\n") {
			t.Errorf("the round trip changed the pages:\n%s", diffLines(want, got))
		}
	})
}

// TestAuthorProfilesRoundTrip: an export imported into an empty database gives the authors
// of its stories their profiles back (role, texts by language, links); importing it again
// changes nothing, and keeps what the newsroom changed since.
func TestAuthorProfilesRoundTrip(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, src *store.Store) {
		ctx := context.Background()
		richSite(t, src)
		dst, imp := exportTo(t, src)
		imp()
		bylines := map[string]bool{}
		for _, a := range articles(t, src) {
			bylines[a.Author.Slug] = true
		}
		authors, err := src.ExportAuthors(ctx)
		if err != nil {
			t.Fatal(err)
		}
		profiles := 0
		for _, a := range authors {
			if !bylines[a.Slug] {
				continue
			}
			want, err := src.AuthorProfile(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := dst.AuthorProfileBySlug(ctx, a.Slug)
			if err != nil {
				t.Errorf("author %s: %v", a.Slug, err)
				continue
			}
			if got.Name != want.Name || got.Role != want.Role || !reflect.DeepEqual(got.Texts, want.Texts) || !reflect.DeepEqual(got.Links, want.Links) {
				t.Errorf("author %s came back as %q %q %+v %+v, want %q %q %+v %+v", a.Slug, got.Name, got.Role, got.Texts, got.Links,
					want.Name, want.Role, want.Texts, want.Links)
			}
			if len(want.Texts) > 0 && len(want.Links) > 0 {
				profiles++
			}
		}
		if profiles == 0 {
			t.Fatal("no author with texts and links was carried over")
		}

		// The newsroom edits a profile; the same file imported again keeps the edit.
		var edited content.AuthorProfile
		for _, a := range authors {
			if p, err := dst.AuthorProfileBySlug(ctx, a.Slug); err == nil && len(p.Links) > 0 {
				edited = p
				break
			}
		}
		edited.Role, edited.Links = "Edited role", []content.AuthorLink{{Label: "Mine", URL: "https://mine.example/"}}
		edited.Texts = map[string]content.AuthorText{"en": {Bio: "Edited bio."}}
		if err := dst.WithTx(ctx, func(tx *store.Tx) error { return tx.SaveAuthorProfile(ctx, edited) }); err != nil {
			t.Fatal(err)
		}
		imp()
		got, err := dst.AuthorProfile(ctx, edited.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Role != edited.Role || !reflect.DeepEqual(got.Links, edited.Links) || got.Texts["en"] != edited.Texts["en"] {
			t.Errorf("importing again changed an edited profile: %q %+v %+v", got.Role, got.Links, got.Texts)
		}
	})
}
