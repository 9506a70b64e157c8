package app_test

import (
	"context"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/pages"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

var (
	footerNav  = regexp.MustCompile(`(?s)<nav class="footer-pages"[^>]*>(.*?)</nav>`)
	footerLink = regexp.MustCompile(`<a href="([^"]+)">([^<]+)</a>`)
	hreflang   = regexp.MustCompile(`<link rel="alternate" hreflang="([a-z]+)" href="[^"]*(/[a-z]+/page/[^"]+)">`)
	h1         = regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
)

// footer returns the "path title" of each page the footer of a page lists.
func footer(body string) []string {
	m := footerNav.FindStringSubmatch(body)
	if m == nil {
		return nil
	}
	var out []string
	for _, l := range footerLink.FindAllStringSubmatch(m[1], -1) {
		out = append(out, l[1]+" "+l[2])
	}
	return out
}

// TestSitePages: the demo's pages are public with their translations as alternates and
// listed in order in every page's footer; a page published, renamed, edited or taken down
// shows at once through the page cache on its own page and in the footers of its
// language, and the sitemap lists the published ones.
func TestSitePages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		ctx := context.Background()
		admin := testkit.AddUser(t, s.st, account.User{Email: "pages@x.test", Name: "Page Admin", Role: account.RoleAdmin, CreatedAt: time.Now()})
		svc := pages.New(s.st, nil, s.clock.now)
		get := func(path string, want int) string {
			t.Helper()
			resp, body := s.get(t, path)
			if resp.StatusCode != want {
				t.Fatalf("GET %s: %d, want %d", path, resp.StatusCode, want)
			}
			return body
		}

		about := get("/en/page/about-us", 200)
		if m := h1.FindAllStringSubmatch(about, -1); len(m) != 1 || m[0][1] != "About Caspian Wire" {
			t.Errorf("the About page's h1s: %q", m)
		}
		var alts []string
		for _, m := range hreflang.FindAllStringSubmatch(about, -1) {
			alts = append(alts, m[1]+" "+m[2])
		}
		if want := []string{"az /az/page/haqqimizda", "en /en/page/about-us", "ru /ru/page/o-nas"}; !slices.Equal(alts, want) {
			t.Errorf("the About page's alternates = %q, want %q", alts, want)
		}
		if !strings.Contains(about, `href="/ru/page/o-nas" hreflang="ru"`) {
			t.Errorf("the language switch does not lead to the Russian About page")
		}
		demoFooter := []string{"/en/page/about-us About Caspian Wire", "/en/page/corrections-policy Corrections policy"}
		home := get("/en/", 200)
		if got := footer(home); !slices.Equal(got, demoFooter) {
			t.Errorf("the home page's footer = %q, want %q", got, demoFooter)
		}
		if got := footer(get("/az/", 200)); len(got) != 2 || !strings.HasPrefix(got[0], "/az/page/haqqimizda ") {
			t.Errorf("the Azerbaijani footer = %q", got)
		}
		section := "/en/politics/"
		get(section, 200) // cached now, as the home page is

		// Published: on the cached pages' footers at once.
		p, err := svc.Create(ctx, admin, pages.Input{Language: "en", Title: "Contacts", Body: "Call the desk.", InFooter: true, Position: 5}, 0)
		if err != nil {
			t.Fatal(err)
		}
		get("/en/page/contacts", 404) // a draft is not public
		if _, err := svc.Publish(ctx, admin, p.ID); err != nil {
			t.Fatal(err)
		}
		want := append(slices.Clone(demoFooter), "/en/page/contacts Contacts")
		for _, path := range []string{"/en/", section} {
			if got := footer(get(path, 200)); !slices.Equal(got, want) {
				t.Errorf("%s footer after publishing = %q, want %q", path, got, want)
			}
		}
		if got := footer(get("/ru/", 200)); len(got) != 2 {
			t.Errorf("the Russian footer lists %q", got)
		}
		if body := get("/en/page/contacts", 200); !strings.Contains(body, "<p>Call the desk.</p>") {
			t.Errorf("the new page's body is missing")
		}

		// Renamed and edited: the page and the footers change.
		if _, err := svc.Update(ctx, admin, p.ID, pages.Input{Title: "Contact the desk", Slug: "contacts", Body: "Write to the desk.",
			InFooter: true, Position: 0}); err != nil {
			t.Fatal(err)
		}
		want = []string{"/en/page/contacts Contact the desk", demoFooter[0], demoFooter[1]}
		if got := footer(get(section, 200)); !slices.Equal(got, want) {
			t.Errorf("footer after renaming = %q, want %q", got, want)
		}
		if body := get("/en/page/contacts", 200); !strings.Contains(body, "<p>Write to the desk.</p>") || !strings.Contains(body, "<h1>Contact the desk</h1>") {
			t.Errorf("the edited page was served stale")
		}
		if sm := get("/sitemaps/sections.xml", 200); !strings.Contains(sm, "/en/page/contacts</loc>") || !strings.Contains(sm, "/az/page/duzelisler</loc>") {
			t.Errorf("the sitemap does not list the pages")
		}

		// Unpublished: gone from its address, the footers and the sitemap.
		if _, err := svc.Unpublish(ctx, admin, p.ID); err != nil {
			t.Fatal(err)
		}
		get("/en/page/contacts", 404)
		if got := footer(get("/en/", 200)); !slices.Equal(got, demoFooter) {
			t.Errorf("footer after unpublishing = %q, want %q", got, demoFooter)
		}
		if sm := get("/sitemaps/sections.xml", 200); strings.Contains(sm, "/en/page/contacts<") {
			t.Errorf("the sitemap still lists the unpublished page")
		}
		if resp, _ := s.get(t, "/en/page/about-us"); resp.Header.Get("Content-Type") != "text/html; charset=utf-8" || resp.StatusCode != http.StatusOK {
			t.Errorf("the About page: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
	})
}
