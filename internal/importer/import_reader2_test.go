package importer_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestImportDatelessPosts: a post without a date takes the file's dates (its modified
// date, the export's date) or the import's time, and importing again changes nothing.
func TestImportDatelessPosts(t *testing.T) {
	const zero = "0000-00-00 00:00:00"
	exported := time.Date(2024, 9, 3, 8, 15, 0, 0, time.UTC)
	items := []lagoonItem{
		{id: "401", status: "publish", title: "No date at all", slug: "no-date", body: "<p>Undated.</p>", date: zero, gmt: zero},
		{id: "402", status: "publish", title: "Empty GMT", slug: "empty-gmt", body: "<p>Undated too.</p>", date: zero, gmt: " "},
		{id: "403", status: "draft", title: "Undated draft", slug: "undated-draft", body: "<p>Draft.</p>", date: zero, gmt: zero},
	}
	cases := []struct {
		name, pubDate string
		want          time.Time
	}{
		{"the export's date", exported.Format(time.RFC1123Z), exported},
		{"the import's time", "", testNow},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testkit.EachStore(t, func(t *testing.T, st *store.Store) {
				wxr := lagoonWXR(c.pubDate, items...)
				if _, err := importText(t, st, "wordpress", wxr, testNow); err != nil {
					t.Fatal(err)
				}
				all := articles(t, st)
				for _, slug := range []string{"no-date", "empty-gmt"} {
					a := all["en/"+slug]
					if !a.PublishedAt.Equal(c.want) || !a.CreatedAt.Equal(c.want) || !a.UpdatedAt.Equal(c.want) {
						t.Errorf("%s: published %v, created %v, updated %v; want %v", slug, a.PublishedAt, a.CreatedAt, a.UpdatedAt, c.want)
					}
				}
				if d := all["en/undated-draft"]; !d.PublishedAt.IsZero() || !d.CreatedAt.Equal(c.want) || !d.UpdatedAt.Equal(c.want) {
					t.Errorf("draft: published %v, created %v, updated %v", d.PublishedAt, d.CreatedAt, d.UpdatedAt)
				}
				rep, err := importText(t, st, "wordpress", wxr, testNow.Add(48*time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				if rep.Changed() || count(rep, "post") != "0/0/3/0" {
					t.Errorf("second import: posts %s", count(rep, "post"))
				}
				for k, a := range articles(t, st) {
					if a.Version != 1 || !a.CreatedAt.Equal(all[k].CreatedAt) {
						t.Errorf("%s: version %d, created %v after a re-import", k, a.Version, a.CreatedAt)
					}
				}
			})
		})
	}
}

// TestImportDatelessGhostPost: a Ghost post without dates takes the export's
// (meta.exported_on), and importing it again changes nothing.
func TestImportDatelessGhostPost(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		doc := ghostExport(`{"id": "d1", "title": "Undated Ghost", "slug": "undated-ghost", "html": "<p>No dates.</p>", "type": "post", "status": "published"}`)
		for i := range 2 {
			rep, err := importText(t, st, "ghost", doc, testNow.Add(time.Duration(i)*time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"1/0/0/0", "0/0/1/0"}[i]; count(rep, "post") != want {
				t.Errorf("import %d: posts %s, want %s", i+1, count(rep, "post"), want)
			}
		}
		a := articles(t, st)["en/undated-ghost"]
		if want := time.UnixMilli(1725350400000).UTC(); !a.PublishedAt.Equal(want) || !a.CreatedAt.Equal(want) || a.Version != 1 {
			t.Errorf("published %v, created %v, version %d; want %v, version 1", a.PublishedAt, a.CreatedAt, a.Version, want)
		}
	})
}

// TestImportTitlesAsText: HTML in titles and in category and tag names comes over as text,
// its entities decoded once; WXR 1.0 tags (domain="tag") come over as tags.
func TestImportTitlesAsText(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		terms := `<category domain="category" nicename="boats"><![CDATA[<b>Boats</b> &amp; Ships]]></category>` +
			`<category domain="post_tag" nicename="locks"><![CDATA[Locks &amp;amp; <i>weirs</i>]]></category>` +
			`<category domain="tag" nicename="tide-tables"><![CDATA[Tide tables]]></category>` +
			`<category domain="tag"><![CDATA[Herons]]></category>`
		wxr := lagoonWXR("", lagoonItem{id: "501", status: "publish", title: "<![CDATA[The <em>new</em> quay &amp; pier &#8211; H<sub>2</sub>O]]>",
			slug: "new-quay", body: "<p>Text.</p>", terms: terms})
		if _, err := importText(t, st, "wordpress", wxr, testNow); err != nil {
			t.Fatal(err)
		}
		a, ok := articles(t, st)["en/new-quay"]
		if !ok {
			t.Fatal("story missing")
		}
		got := fmt.Sprintf("%s | %s | %v", a.Headline, a.Section.Name, a.Tags)
		if want := "The new quay & pier – H2O | Boats & Ships | [{Locks &amp; weirs locks} {Tide tables tide-tables} {Herons herons}]"; got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
}

// TestImportOwnExportRefused: a site's own export imported into it again is refused, and
// changes nothing; imported into another database it imports, and again changes nothing.
func TestImportOwnExportRefused(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		wxr := lagoonWXR("", lagoonItem{id: "601", status: "publish", title: "First", slug: "first", body: "<p>One.</p>"},
			lagoonItem{id: "602", status: "draft", title: "Second", slug: "second", body: "<p>Two.</p>"})
		if _, err := importText(t, st, "wordpress", wxr, testNow); err != nil {
			t.Fatal(err)
		}
		var file strings.Builder
		if _, err := importer.Export(ctx, st, &file, importer.ExportOptions{BaseURL: "https://desk.example"}); err != nil {
			t.Fatal(err)
		}
		before := snapshot(t, st)
		rep, err := importText(t, st, "wordpress", file.String(), testNow)
		if err == nil || !strings.Contains(err.Error(), "this file is an export of this database") ||
			!strings.Contains(err.Error(), "nothing was imported") {
			t.Fatalf("import of the site's own export: %v (posts %s)", err, count(rep, "post"))
		}
		if after := snapshot(t, st); strings.Join(after, "\n") != strings.Join(before, "\n") {
			t.Errorf("the refused import changed the site:\n%s", diffLines(before, after))
		}

		other := testkit.Store(t, testkit.DSN(t, "sqlite"))
		for i := range 2 {
			rep, err := importText(t, other, "wordpress", file.String(), testNow)
			if err != nil {
				t.Fatalf("import %d into another database: %v", i+1, err)
			}
			if want := []string{"2/0/0/0", "0/0/2/0"}[i]; count(rep, "post") != want {
				t.Errorf("import %d into another database: posts %s, want %s", i+1, count(rep, "post"), want)
			}
		}
	})
}

// TestImportGhostWrappers imports a Ghost export in each wrapper Ghost writes, and refuses,
// with the reason, one that holds nothing to import.
func TestImportGhostWrappers(t *testing.T) {
	data := `{"posts": [` + ghostPost("w1", "wrapped", "public", `<p>Wrapped. <img src="__GHOST_URL__/content/images/2024/06/a.jpg" alt="A"></p>`) + `]}`
	meta := `{"exported_on": 1725350400000, "version": "5.90.0"}`
	imports := map[string]string{
		"db, data":              `{"db": [{"data": ` + data + `}]}`,
		"db, meta and data":     `{"db": [{"meta": ` + meta + `, "data": ` + data + `}]}`,
		"db, data then meta":    `{"db": [{"data": ` + data + `, "meta": ` + meta + `}]}`,
		"data":                  `{"data": ` + data + `}`,
		"meta and data":         `{"meta": ` + meta + `, "data": ` + data + `}`,
		"db empty, then data":   `{"db": [], "data": ` + data + `}`,
		"meta of another shape": `{"meta": "5.x", "db": [{"meta": [1], "data": ` + data + `}]}`,
		"pretty-printed":        "{\n  \"db\": [\n    {\n      \"data\": " + data + "\n    }\n  ]\n}\n",
	}
	refused := map[string]string{
		"no posts table":      `{"db": [{"meta": ` + meta + `, "data": {"tags": []}}]}`,
		"posts table empty":   `{"db": [{"data": {"posts": []}}]}`,
		"no data in db[0]":    `{"db": [{"meta": ` + meta + `}]}`,
		"db[0] null":          `{"db": [null]}`,
		"data null":           `{"data": null}`,
		"db empty":            `{"db": []}`,
		"neither db nor data": `{"posts": []}`,
	}
	reasons := map[string]string{
		"no posts table": "has no posts table", "posts table empty": "its posts table is empty",
		"no data in db[0]": `has no "data" object`, "db[0] null": `has no "data" object`, "data null": `its "data" is null`,
		"db empty": `its "db" list is empty`, "neither db nor data": `no "db" or "data" in it (its keys: "posts")`,
	}
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		for name, doc := range imports {
			t.Run(name, func(t *testing.T) {
				rep, err := importText(t, st, "ghost", doc, testNow)
				if err != nil {
					t.Fatal(err)
				}
				if got := count(rep, "post"); got != "1/0/0/0" && got != "0/0/1/0" {
					t.Errorf("posts %s", got)
				}
				text := reportText(rep)
				if strings.Contains(text, "wp-content") || !strings.Contains(text, "a copy of content/images") {
					t.Errorf("the Ghost report should speak of content/images:\n%s", text)
				}
			})
		}
		for name, doc := range refused {
			t.Run(name, func(t *testing.T) {
				_, err := importText(t, st, "ghost", doc, testNow)
				if !errors.Is(err, importer.ErrNotGhost) || !strings.Contains(err.Error(), reasons[name]) ||
					!strings.Contains(err.Error(), "nothing was imported") {
					t.Errorf("got %v, want a refusal saying %q", err, reasons[name])
				}
			})
		}
	})
}
