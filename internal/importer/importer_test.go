package importer_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/importer"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var testNow = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

func importFile(t *testing.T, st *store.Store, format, name string, opt importer.Options) (*importer.Report, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if opt.Now == nil {
		opt.Now = func() time.Time { return testNow }
	}
	im := importer.New(st, opt)
	if format == "ghost" {
		return im.Ghost(context.Background(), f, 0)
	}
	return im.WordPress(context.Background(), f, 0)
}

func mustImport(t *testing.T, st *store.Store, format, name string, opt importer.Options) *importer.Report {
	t.Helper()
	rep, err := importFile(t, st, format, name, opt)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return rep
}

// count returns created/updated/unchanged/skipped of a kind, "c/u/n/s".
func count(rep *importer.Report, kind string) string {
	c := rep.Counts[kind]
	if c == nil {
		return "0/0/0/0"
	}
	return fmt.Sprintf("%d/%d/%d/%d", c.Created, c.Updated, c.Unchanged, c.Skipped)
}

// articleBySlug finds an article (any state) by language and slug through the export reads.
func articles(t *testing.T, st *store.Store) map[string]importer.ExportArticle {
	t.Helper()
	out := map[string]importer.ExportArticle{}
	var after int64
	for {
		page, err := st.ExportArticles(context.Background(), after, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page {
			out[a.Language+"/"+a.Slug] = a
			after = a.ID
		}
		if len(page) < 100 {
			return out
		}
	}
}

func TestImportWordPress(t *testing.T) {
	for _, file := range []string{"wxr12.xml", "wxr11.xml"} {
		t.Run(file, func(t *testing.T) {
			testkit.EachStore(t, func(t *testing.T, st *store.Store) {
				ctx := context.Background()
				rep := mustImport(t, st, "wordpress", file, importer.Options{Language: "en"})
				for kind, want := range map[string]string{
					"post":    "5/0/0/3", // 101, 102, 103, 104, 108, 109 → 6 minus … see below
					"comment": "2/0/0/3",
					"page":    "1/0/0/0",
					"other":   "0/0/0/1",
				} {
					if kind == "post" {
						want = "6/0/0/2" // trash and auto-draft are skipped
					}
					if got := count(rep, kind); got != want {
						t.Errorf("%s: got %s, want %s", kind, got, want)
					}
				}
				if rep.Source != "https://old.example.org" {
					t.Errorf("source %q", rep.Source)
				}
				if rep.UnknownShortcodes["gallery"] != 0 || rep.UnknownShortcodes["contact-form-7"] != 1 || rep.UnknownShortcodes["caption"] != 0 {
					t.Errorf("unknown shortcodes %v", rep.UnknownShortcodes)
				}
				if rep.RemoteImages < 2 { // the inline image and the featured one
					t.Errorf("remote images %d", rep.RemoteImages)
				}
				var text bytes.Buffer
				rep.WriteText(&text)
				for _, want := range []string{"in the trash", "an automatic draft", `Pages: 1, imported as the site's pages: "About us"`, "marked as spam", "pingbacks are not imported",
					"post 101: image 151 of a [gallery] left out: that attachment is not in the export"} {
					if !strings.Contains(text.String(), want) {
						t.Errorf("report lacks %q:\n%s", want, text.String())
					}
				}

				all := articles(t, st)
				a, ok := all["en/ferry-timetable-doubles"]
				if !ok {
					t.Fatalf("story 101 missing; have %v", keys(all))
				}
				checks := []struct{ name, got, want string }{
					{"status", string(a.Status), "published"},
					{"published (from the GMT date)", a.PublishedAt.Format(time.RFC3339), "2026-03-01T06:30:00Z"},
					{"updated", a.UpdatedAt.Format(time.RFC3339), "2026-03-02T05:00:00Z"},
					{"standfirst from the excerpt", a.Standfirst, "Ferries will sail twice a day from April."},
					{"section", a.Section.Key + " " + a.Section.Name, "economy Economy & Trade"},
					{"byline", a.Byline + " " + a.Author.Slug, "Leyla Demo leyla"},
					{"tags", fmt.Sprint(a.Tags), "[{Ports ports} {Ferries ferries}]"},
				}
				for _, c := range checks {
					if c.got != c.want {
						t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
					}
				}
				for _, want := range []string{
					"The harbour office of a fictional port said on Sunday that ferries would sail **twice a day** from April.\\\nTickets go on sale next week.",
					"## What changes",
					"- Morning sailing at 07:00\n- Evening sailing at *19:30*",
					`> "We expect busy crossings," said`,
					`![A white ferry at the quay](https://old.example.org/wp-content/uploads/2026/03/ferry.jpg "The ferry at the quay (demo photo)")`,
					"*The ferry at the quay (demo photo)*",
					"[full timetable](https://old.example.org/timetable/)",
					// [gallery ids="150,151"]: 150 is an attachment after the post, 151 is not in the export
					`<figure class="nd-gallery"><figure><img src="https://old.example.org/wp-content/uploads/2026/03/ferry.jpg" alt=""></figure></figure>`,
				} {
					if !strings.Contains(a.BodyMD, want) {
						t.Errorf("body lacks %q:\n%s", want, a.BodyMD)
					}
				}
				if !strings.Contains(a.BodyHTML, "<h2>What changes</h2>") {
					t.Errorf("body HTML not rendered: %s", a.BodyHTML)
				}
				if len(a.Reviews) != 2 || a.Reviews[0].Status != "approved" || a.Reviews[0].Text != "Good news for commuters & visitors." ||
					a.Reviews[1].Status != "pending" || a.Reviews[0].CreatedAt.Format(time.RFC3339) != "2026-03-01T08:00:00Z" {
					t.Errorf("reviews %+v", a.Reviews)
				}

				// Draft: no slug in the export, so one from the title; the time zone learnt from 101.
				d, ok := all["en/demo-a-draft-about-the-opera-season"]
				if !ok {
					t.Fatalf("draft missing; have %v", keys(all))
				}
				if d.Status != content.StatusDraft || !d.PublishedAt.IsZero() || !d.ReviewsClosed ||
					!strings.Contains(d.BodyMD, "First line of the draft.\\\nSecond line, same paragraph.\n\nSecond paragraph.") {
					t.Errorf("draft: %s %v closed=%v %q", d.Status, d.PublishedAt, d.ReviewsClosed, d.BodyMD)
				}
				if d.Section.Key != "culture" || d.Byline != "Orkhan Sample" {
					t.Errorf("draft section %q byline %q", d.Section.Key, d.Byline)
				}
				if s := all["en/new-bridge"]; s.Status != content.StatusScheduled || s.PublishedAt.Format(time.RFC3339) != "2030-06-01T04:00:00Z" {
					t.Errorf("scheduled: %s %v", s.Status, s.PublishedAt)
				}
				if p := all["en/private-note"]; p.Status != content.StatusDraft || p.Section.Key != "uncategorized" {
					t.Errorf("private: %s in %s", p.Status, p.Section.Key)
				}
				// A Cyrillic, percent-encoded slug is transliterated; a second category becomes a tag.
				if p, ok := all["en/port"]; !ok || fmt.Sprint(p.Tags) != "[{Culture culture}]" {
					t.Errorf("post 108: %v %v", ok, keys(all))
				}
				// A taken slug gets the post id.
				if _, ok := all["en/ferry-timetable-doubles-109"]; !ok {
					t.Errorf("post 109 with a taken slug missing: %v", keys(all))
				}

				// Authors: disabled accounts without a password.
				users := map[string]account.User{}
				list, err := st.Users(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, u := range list {
					users[u.Email] = u
				}
				for _, email := range []string{"leyla@old.example.org", "orkhan@imported.invalid", "ghost-writer@imported.invalid"} {
					u, ok := users[email]
					if !ok || !u.Disabled || u.PasswordHash != "" {
						t.Errorf("user %s: %+v (have %v)", email, u, list)
					}
				}

				// Old URLs.
				for path, want := range map[string]string{
					"/?p=101":                             "/en/economy/ferry-timetable-doubles",
					"/2026/03/01/ferry-timetable-doubles": "/en/economy/ferry-timetable-doubles",
					"/2026/03/ferry-timetable-doubles":    "/en/economy/ferry-timetable-doubles",
					"/2026/03/01/ferry-timetable":         "/en/economy/ferry-timetable-doubles",
					"/2026/02/15/порт":                    "/en/economy/port",
					"/category/economy":                   "/en/economy/",
					"/category/culture":                   "/en/culture/",
					"/tag/ports":                          "/en/tag/ports",
					"/?p=102":                             "", // a draft: no redirect
					"/2026/03/01/nothing-here":            "",
				} {
					got, err := st.LegacyTarget(ctx, path, testNow)
					if want == "" {
						if !errors.Is(err, content.ErrNotFound) {
							t.Errorf("%s: got %q, %v; want not found", path, got, err)
						}
						continue
					}
					if err != nil || got != want {
						t.Errorf("%s: got %q, %v; want %q", path, got, err, want)
					}
				}
			})
		})
	}
}

func keys(m map[string]importer.ExportArticle) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestImportIsIdempotent(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		mustImport(t, st, "wordpress", "wxr12.xml", importer.Options{})
		seq, _ := st.ContentSeq(ctx)
		before := articles(t, st)

		rep := mustImport(t, st, "wordpress", "wxr12.xml", importer.Options{})
		if rep.Changed() {
			t.Errorf("second import changed something: %v", rep.Counts)
		}
		if got := count(rep, "post"); got != "0/0/6/2" {
			t.Errorf("posts on the second import: %s", got)
		}
		if got := count(rep, "comment"); got != "0/0/2/3" {
			t.Errorf("comments on the second import: %s", got)
		}
		if seq2, _ := st.ContentSeq(ctx); seq2 != seq {
			t.Errorf("content sequence moved from %d to %d", seq, seq2)
		}
		after := articles(t, st)
		for k, a := range before {
			if b := after[k]; b.Version != a.Version || b.BodyMD != a.BodyMD {
				t.Errorf("%s changed: version %d → %d", k, a.Version, b.Version)
			}
		}

		rep = mustImport(t, st, "wordpress", "wxr12-newer.xml", importer.Options{})
		if got := count(rep, "post"); got != "0/1/5/2" {
			t.Errorf("posts from the newer export: %s", got)
		}
		if got := count(rep, "comment"); got != "1/0/2/3" {
			t.Errorf("comments from the newer export: %s", got)
		}
		a := articles(t, st)["en/ferry-timetable-doubles"]
		if a.Headline != "Demo: ferry timetable doubles from April" || a.Version != 2 || len(a.Reviews) != 3 {
			t.Errorf("updated story: %q v%d, %d reviews", a.Headline, a.Version, len(a.Reviews))
		}
	})
}

func TestDryRun(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		rep := mustImport(t, st, "wordpress", "wxr12.xml", importer.Options{DryRun: true})
		if !rep.DryRun || count(rep, "post") != "6/0/0/2" {
			t.Errorf("dry run report: %v %s", rep.DryRun, count(rep, "post"))
		}
		if n := len(articles(t, st)); n != 0 {
			t.Errorf("dry run wrote %d stories", n)
		}
		if empty, err := st.IsEmpty(context.Background()); err != nil || !empty {
			t.Errorf("dry run left content: empty=%v %v", empty, err)
		}
	})
}

func TestMalformedImportsNothing(t *testing.T) {
	cases := []struct {
		file, format string
		line         int // 0: any line
		want         error
	}{
		{"truncated.xml", "wordpress", 162, nil}, // the file ends inside line 162
		{"malformed.xml", "wordpress", 153, nil},
		{"not-wxr.xml", "wordpress", 0, importer.ErrNotWXR},
		{"ghost-truncated.json", "ghost", 0, nil},
	}
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		for _, c := range cases {
			t.Run(c.file, func(t *testing.T) {
				_, err := importFile(t, st, c.format, c.file, importer.Options{})
				if err == nil {
					t.Fatal("no error")
				}
				if c.want != nil {
					if !errors.Is(err, c.want) {
						t.Errorf("got %v, want %v", err, c.want)
					}
				} else {
					var se *importer.SyntaxError
					if !errors.As(err, &se) {
						t.Fatalf("got %v, want a syntax error", err)
					}
					if c.line != 0 && (se.Line != c.line || se.Column <= 0) {
						t.Errorf("at line %d column %d, want line %d: %v", se.Line, se.Column, c.line, err)
					}
					if c.line != 0 && !strings.Contains(err.Error(), fmt.Sprintf("line %d, column", c.line)) {
						t.Errorf("message %q lacks the line", err)
					}
				}
				if !strings.Contains(err.Error(), "nothing was imported") {
					t.Errorf("message %q does not say nothing was imported", err)
				}
				if n := len(articles(t, st)); n != 0 {
					t.Errorf("%d stories imported from a broken file", n)
				}
				if empty, _ := st.IsEmpty(context.Background()); !empty {
					t.Error("the database is not empty")
				}
			})
		}
	})
}

func TestImportGhost(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		rep := mustImport(t, st, "ghost", "ghost.json", importer.Options{Language: "ru"})
		if got := count(rep, "post"); got != "3/0/0/0" {
			t.Errorf("posts: %s", got)
		}
		if got := count(rep, "page"); got != "1/0/0/0" {
			t.Errorf("pages: %s", got)
		}
		if p := storedPages(t, st)["ru/about"]; p.Title != "About" || p.Status != content.StatusPublished || !strings.Contains(p.BodyHTML, "A page.") {
			t.Errorf("the page About: %+v", p)
		}
		all := articles(t, st)
		m, ok := all["ru/mobiledoc-harbour"]
		if !ok {
			t.Fatalf("mobiledoc story missing: %v", keys(all))
		}
		for _, want := range []string{"## Harbour report", "Ships were **late** today, says [the report](https://example.com/report).",
			`![The quay](https://ghost.example.org/content/images/2026/01/quay.jpg "The quay at dawn (demo)")`,
			"A *markdown card* with a list:", "- one\n- two", "---", "1. first\n2. second"} {
			if !strings.Contains(m.BodyMD, want) {
				t.Errorf("mobiledoc body lacks %q:\n%s", want, m.BodyMD)
			}
		}
		if m.Status != content.StatusPublished || m.PublishedAt.Format(time.RFC3339) != "2026-01-10T09:00:00Z" ||
			m.Standfirst != "Ships late in a fictional harbour." || m.Section.Key != "harbour" || m.Byline != "Nigar Demo" ||
			fmt.Sprint(m.Tags) != "[{Harbour harbour}]" {
			t.Errorf("mobiledoc story: %s %v %q %s %q %v", m.Status, m.PublishedAt, m.Standfirst, m.Section.Key, m.Byline, m.Tags)
		}
		l := all["ru/lexical-cranes"]
		for _, want := range []string{"### Lexical heading", "**Bold** and *italic*\\\n[a link](https://example.com/x)",
			"> A quoted line.", "- alpha\n- beta", `![A crane](https://ghost.example.org/content/images/2026/02/crane.jpg "Cranes at work (demo)")`} {
			if !strings.Contains(l.BodyMD, want) {
				t.Errorf("lexical body lacks %q:\n%s", want, l.BodyMD)
			}
		}
		if l.Status != content.StatusDraft || fmt.Sprint(l.Tags) != "[{Cranes cranes} {Harbour harbour}]" {
			t.Errorf("lexical story: %s %v", l.Status, l.Tags)
		}
		h := all["ru/html-only"]
		if h.Status != content.StatusScheduled || !strings.Contains(h.BodyMD, "Plain *HTML* body.\n\n## Sub\n\nMore.") || h.Section.Key != "uncategorized" {
			t.Errorf("html story: %s %s %q", h.Status, h.Section.Key, h.BodyMD)
		}
		if got, err := st.LegacyTarget(ctx, "/mobiledoc-harbour", testNow); err != nil || got != "/ru/harbour/mobiledoc-harbour" {
			t.Errorf("old Ghost URL: %q %v", got, err)
		}
		if got, err := st.LegacyTarget(ctx, "/tag/harbour", testNow); err != nil || got != "/ru/tag/harbour" {
			t.Errorf("old Ghost tag URL: %q %v", got, err)
		}
		again := mustImport(t, st, "ghost", "ghost.json", importer.Options{Language: "ru"})
		if again.Changed() {
			t.Errorf("second Ghost import changed something: %v", again.Counts)
		}
	})
}

func TestLanguageFlagValidated(t *testing.T) {
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	if _, err := importFile(t, st, "wordpress", "wxr12.xml", importer.Options{Language: "EN US"}); err == nil {
		t.Error("a bad language code was accepted")
	}
}
