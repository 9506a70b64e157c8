package app_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
)

// TestPagesLinkTheirTranslations holds every page that exists in several languages to
// name each version with hreflang, x-default last, and to send the language switch to
// the version rather than to the other language's home page.
func TestPagesLinkTheirTranslations(t *testing.T) {
	ctx := context.Background()
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	base := s.srv.URL
	// The demo's tags are not linked as translations: link two, after the English tag's
	// page was cached without alternates (the link purges it).
	if _, body := s.get(t, "/en/tag/diplomacy"); strings.Contains(body, `rel="alternate" hreflang="ru"`) {
		t.Fatal("the demo's tags are linked already")
	}
	if err := s.st.WithTx(ctx, func(tx *store.Tx) error {
		en, err := tx.PutTag(ctx, "en", "Diplomacy")
		if err != nil {
			return err
		}
		ru, err := tx.PutTag(ctx, "ru", "Дипломатия")
		if err != nil {
			return err
		}
		return tx.LinkTags(ctx, en.ID, ru.ID)
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       map[string]string // hreflang → path; nil: no alternates
	}{
		{"home", "/ru/", map[string]string{"en": "/en/", "ru": "/ru/", "az": "/az/", "x-default": "/"}},
		{"story", leadEN, map[string]string{"en": leadEN, "ru": "/ru/politika/", "az": "/az/siyaset/", "x-default": leadEN}},
		{"section front", "/ru/ekonomika/", map[string]string{"en": "/en/economy/", "ru": "/ru/ekonomika/",
			"az": "/az/iqtisadiyyat/", "x-default": "/en/economy/"}},
		{"briefs", "/az/siyaset/briefs/", map[string]string{"en": "/en/politics/briefs/", "ru": "/ru/politika/briefs/",
			"az": "/az/siyaset/briefs/", "x-default": "/en/politics/briefs/"}},
		{"briefs of a day", "/en/world/briefs/2026-11-24", map[string]string{"en": "/en/world/briefs/2026-11-24",
			"ru": "/ru/v-mire/briefs/2026-11-24", "az": "/az/dunya/briefs/2026-11-24", "x-default": "/en/world/briefs/2026-11-24"}},
		{"tag", "/en/tag/diplomacy", map[string]string{"en": "/en/tag/diplomacy", "ru": "/ru/tag/", "x-default": "/en/tag/diplomacy"}},
		{"author", "/en/author/nigar-sultanli", map[string]string{"en": "/en/author/nigar-sultanli", "ru": "/ru/author/nigar-sultanli",
			"az": "/az/author/nigar-sultanli", "x-default": "/en/author/nigar-sultanli"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := s.get(t, tc.path)
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s = %d", tc.path, resp.StatusCode)
			}
			got := map[string]string{}
			var order []string
			for _, m := range altRe.FindAllStringSubmatch(body, -1) {
				got[m[1]] = strings.TrimPrefix(m[2], base)
				order = append(order, m[1])
				if !strings.HasPrefix(m[2], base+"/") {
					t.Errorf("alternate %s is not absolute: %s", m[1], m[2])
				}
			}
			if tc.want == nil {
				if len(got) != 0 {
					t.Errorf("alternates %v, want none", got)
				}
				return
			}
			if len(got) != len(tc.want) || order[len(order)-1] != "x-default" {
				t.Errorf("alternates %v (in order %v), want %v with x-default last", got, order, tc.want)
			}
			for lang, want := range tc.want {
				// A path ending in "/" under a section or tag names the page's place only:
				// the slug is the demo's.
				if g := got[lang]; g != want && !(strings.HasSuffix(want, "/") && strings.HasPrefix(g, want) && want != "/" && !strings.HasSuffix(g, "/briefs/")) {
					t.Errorf("hreflang %s = %q, want %q", lang, g, want)
				}
				if lang == "x-default" || strings.HasPrefix(tc.path, "/"+lang+"/") {
					continue
				}
				if !strings.Contains(body, `href="`+got[lang]+`" hreflang="`+lang+`"`) {
					t.Errorf("the language switch does not lead to %s", got[lang])
				}
			}
		})
	}
}

// TestRobotsNameTheSitemaps: robots.txt names the sitemap index and the news sitemap by
// absolute URL, and the index lists the news sitemap.
func TestRobotsNameTheSitemaps(t *testing.T) {
	s := newDemoSite(t, filepath.Join(t.TempDir(), "site.db"))
	_, robots := s.get(t, "/robots.txt")
	for _, want := range []string{"\nSitemap: " + s.srv.URL + "/sitemap.xml\n", "\nSitemap: " + s.srv.URL + "/news-sitemap.xml\n",
		"Disallow: /newsroom/\n"} {
		if !strings.Contains(robots, want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, robots)
		}
	}
	if _, index := s.get(t, "/sitemap.xml"); !strings.Contains(index, "<loc>"+s.srv.URL+"/news-sitemap.xml</loc>") {
		t.Errorf("the sitemap index does not list the news sitemap:\n%s", index)
	}
}
