package importer_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// storedPages are the site's pages, by language/slug.
func storedPages(t *testing.T, st *store.Store) map[string]content.Page {
	t.Helper()
	all, err := st.NewsroomPages(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]content.Page{}
	for _, p := range all {
		out[p.Language+"/"+p.Slug] = p
	}
	return out
}

// polylang is the terms of a post in lang, in the translation group group.
func polylang(lang, group string) string {
	return `<category domain="language" nicename="` + lang + `"><![CDATA[` + lang + `]]></category>` +
		`<category domain="post_translations" nicename="` + group + `"><![CDATA[` + group + `]]></category>`
}

// TestImportWordPressPages: WordPress pages become the site's pages — in their Polylang
// language, linked as translations, a draft a draft, the slug kept, the body converted (its
// h1 an h2 under the page's title) — listed in the report; their old URLs lead to them
// while published; importing again changes nothing, and a changed page is updated in place.
func TestImportWordPressPages(t *testing.T) {
	items := []lagoonItem{
		{id: "301", typ: "page", status: "publish", title: "About the lagoon", slug: "about",
			body: "<h1>Who we are</h1><p>We <strong>row</strong> boats.</p>", terms: polylang("en", "pll_about")},
		{id: "311", typ: "page", status: "publish", title: "О лагуне", slug: "o-lagune",
			body: "<p>Мы гребём.</p>", terms: polylang("ru", "pll_about")},
		{id: "302", typ: "page", status: "draft", title: "<![CDATA[Contacts &amp; <em>hours</em>]]>", slug: "contacts", body: "<p>Call us.</p>"},
		{id: "304", typ: "page", status: "trash", title: "Old page", slug: "old"},
		{id: "303", status: "publish", title: "A post", slug: "a-post", body: "<p>Text.</p>"},
	}
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rep, err := importText(t, st, "wordpress", lagoonWXR("", items...), testNow)
		if err != nil {
			t.Fatal(err)
		}
		want := `Pages: 3, imported as the site's pages: "About the lagoon", "О лагуне", "Contacts & hours" (draft)`
		if text := reportText(rep); !strings.Contains(text, want) || !strings.Contains(text, "in the trash") {
			t.Errorf("report lacks %q (or the trashed page):\n%s", want, text)
		}
		if count(rep, "page") != "3/0/0/1" || count(rep, "post") != "1/0/0/0" {
			t.Errorf("counts: page %s, post %s", count(rep, "page"), count(rep, "post"))
		}
		pages := storedPages(t, st)
		en, ru, draft := pages["en/about"], pages["ru/o-lagune"], pages["en/contacts"]
		if len(pages) != 3 || en.ID == 0 || ru.ID == 0 || draft.ID == 0 {
			t.Fatalf("pages: %v", keysOf(pages))
		}
		if en.Status != content.StatusPublished || ru.Status != content.StatusPublished || draft.Status != content.StatusDraft {
			t.Errorf("statuses: %s %s %s", en.Status, ru.Status, draft.Status)
		}
		if en.Title != "About the lagoon" || draft.Title != "Contacts & hours" || ru.Title != "О лагуне" {
			t.Errorf("titles: %q %q %q", en.Title, draft.Title, ru.Title)
		}
		if !strings.Contains(en.BodyMD, "**row**") || !strings.Contains(en.BodyHTML, "<h2") || strings.Contains(en.BodyHTML, "<h1") ||
			!strings.Contains(en.BodyHTML, "<strong>row</strong>") {
			t.Errorf("body: %q\n%q", en.BodyMD, en.BodyHTML)
		}
		if en.GroupID == 0 || en.GroupID != ru.GroupID || draft.GroupID != 0 {
			t.Errorf("groups: en %d, ru %d, contacts %d", en.GroupID, ru.GroupID, draft.GroupID)
		}
		if !en.PublishedAt.Equal(time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)) || !draft.PublishedAt.IsZero() {
			t.Errorf("published at: %v, draft %v", en.PublishedAt, draft.PublishedAt)
		}
		for path, want := range map[string]string{"/?page_id=301": "/en/page/about", "/?page_id=311": "/ru/page/o-lagune", "/about": "/en/page/about"} {
			if got, err := st.LegacyTarget(ctx, path, testNow); err != nil || got != want {
				t.Errorf("old URL %s → %q, %v; want %s", path, got, err, want)
			}
		}
		if _, err := st.LegacyTarget(ctx, "/?page_id=302", testNow); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("a draft's old URL: %v, want not found", err)
		}

		again, err := importText(t, st, "wordpress", lagoonWXR("", items...), testNow.Add(48*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if count(again, "page") != "0/0/3/1" || again.Changed() {
			t.Errorf("again: page %s, changed %v", count(again, "page"), again.Changed())
		}
		changed := append([]lagoonItem(nil), items...)
		changed[0].title = "About our lagoon"
		third, err := importText(t, st, "wordpress", lagoonWXR("", changed...), testNow.Add(72*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		after := storedPages(t, st)
		if count(third, "page") != "0/1/2/1" || len(after) != 3 || after["en/about"].ID != en.ID ||
			after["en/about"].Title != "About our lagoon" || after["en/about"].GroupID != ru.GroupID {
			t.Errorf("changed page: %s, %v", count(third, "page"), after["en/about"])
		}
	})
}

// TestImportGhostPages: a Ghost export's pages become the site's pages in the import's
// language, published or draft as they were, at their old /slug/; a second import adds
// none.
func TestImportGhostPages(t *testing.T) {
	doc := ghostExport(
		`{"id": "g9", "title": "Editorial policy", "slug": "policy", "type": "page", "status": "published",
		  "html": "<h2>Facts</h2><p>Facts <em>first</em>.</p>", "published_at": "2024-05-01T08:00:00.000Z", "created_at": "2024-04-30T08:00:00.000Z", "updated_at": "2024-05-02T08:00:00.000Z"}`,
		`{"id": "g10", "title": "Advertising", "slug": "advertising", "type": "page", "status": "draft",
		  "html": "<p>Rates soon.</p>", "created_at": "2024-04-30T08:00:00.000Z", "updated_at": "2024-05-02T08:00:00.000Z"}`,
		ghostPost("g1", "open-ghost", "public", "<p>Free.</p>"))
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		im := importer.New(st, importer.Options{Language: "az", Now: func() time.Time { return testNow }})
		rep, err := im.Ghost(ctx, strings.NewReader(doc), 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := `Pages: 2, imported as the site's pages: "Editorial policy", "Advertising" (draft)`; !strings.Contains(reportText(rep), want) {
			t.Errorf("report lacks %q:\n%s", want, reportText(rep))
		}
		pages := storedPages(t, st)
		policy, ads := pages["az/policy"], pages["az/advertising"]
		if policy.Status != content.StatusPublished || ads.Status != content.StatusDraft || len(pages) != 2 {
			t.Fatalf("pages: %v", pages)
		}
		if !strings.Contains(policy.BodyHTML, "<em>first</em>") || !strings.Contains(policy.BodyMD, "## Facts") {
			t.Errorf("body: %q", policy.BodyHTML)
		}
		if got, err := st.LegacyTarget(ctx, "/policy", testNow); err != nil || got != "/az/page/policy" {
			t.Errorf("old URL /policy → %q, %v", got, err)
		}
		again, err := im.Ghost(ctx, strings.NewReader(doc), 0)
		if err != nil {
			t.Fatal(err)
		}
		if count(again, "page") != "0/0/2/0" || len(storedPages(t, st)) != 2 {
			t.Errorf("again: %s, %d pages", count(again, "page"), len(storedPages(t, st)))
		}
	})
}

func keysOf(m map[string]content.Page) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// postmeta is WXR custom fields, two strings a field.
func postmeta(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteString("<wp:postmeta><wp:meta_key>" + kv[i] + "</wp:meta_key><wp:meta_value><![CDATA[" + kv[i+1] + "]]></wp:meta_value></wp:postmeta>")
	}
	return b.String()
}

// TestImportNewsdeskPages: the pages of a Newsdesk export (the _newsdesk_* fields: language,
// Markdown, footer place, translation group, times) come back as they were.
func TestImportNewsdeskPages(t *testing.T) {
	created := time.Date(2024, 5, 1, 8, 0, 0, 123456000, time.UTC)
	us := func(t time.Time) string { return strconv.FormatInt(t.UnixMicro(), 10) }
	items := []lagoonItem{
		{id: "901", typ: "page", status: "publish", title: "About &lt;us&gt;", slug: "about", body: "<p>About us.</p>",
			terms: postmeta("_newsdesk_language", "en", "_newsdesk_status", "published", "_newsdesk_markdown", "About **us**.",
				"_newsdesk_in_footer", "0", "_newsdesk_position", "7", "_newsdesk_group", "5",
				"_newsdesk_created", us(created), "_newsdesk_published", us(created.Add(time.Hour)), "_newsdesk_updated", us(created.Add(2*time.Hour)),
				"_newsdesk_legacy_path", "/about-us")},
		{id: "902", typ: "page", status: "draft", title: "О нас", slug: "o-nas", body: "<p>О нас.</p>",
			terms: postmeta("_newsdesk_language", "ru", "_newsdesk_status", "draft", "_newsdesk_markdown", "О **нас**.",
				"_newsdesk_in_footer", "1", "_newsdesk_position", "2", "_newsdesk_group", "5", "_newsdesk_created", us(created), "_newsdesk_published", "0")},
	}
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		if _, err := importText(t, st, "wordpress", lagoonWXR("", items...), testNow); err != nil {
			t.Fatal(err)
		}
		pages := storedPages(t, st)
		en, ru := pages["en/about"], pages["ru/o-nas"]
		if en.Title != "About <us>" || en.BodyMD != "About **us**." || en.InFooter || en.Position != 7 || en.Status != content.StatusPublished {
			t.Errorf("en: %+v", en)
		}
		if ru.BodyMD != "О **нас**." || !ru.InFooter || ru.Position != 2 || ru.Status != content.StatusDraft || !ru.PublishedAt.IsZero() {
			t.Errorf("ru: %+v", ru)
		}
		if en.GroupID == 0 || en.GroupID != ru.GroupID {
			t.Errorf("groups: %d, %d", en.GroupID, ru.GroupID)
		}
		if !en.CreatedAt.Equal(created) || !en.PublishedAt.Equal(created.Add(time.Hour)) || !en.UpdatedAt.Equal(created.Add(2*time.Hour)) {
			t.Errorf("times: %v %v %v", en.CreatedAt, en.PublishedAt, en.UpdatedAt)
		}
		if got, err := st.LegacyTarget(context.Background(), "/about-us", testNow); err != nil || got != "/en/page/about" {
			t.Errorf("kept old URL → %q, %v", got, err)
		}
	})
}
