package app_test

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/brand"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

var (
	footerLinksNav = regexp.MustCompile(`(?s)<nav class="footer-links" aria-label="([^"]+)">(.*?)</nav>`)
	anyLink        = regexp.MustCompile(`<a ([^>]*)href="([^"]+)"[^>]*>([^<]+)</a>`)
	ldScript       = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
)

// footerLinks returns, for each of the footer's link lists (feeds, networks) by its label,
// the "href text" of its links.
func footerLinks(body string) map[string][]string {
	out := map[string][]string{}
	for _, nav := range footerLinksNav.FindAllStringSubmatch(body, -1) {
		for _, l := range anyLink.FindAllStringSubmatch(nav[2], -1) {
			out[nav[1]] = append(out[nav[1]], l[2]+" "+l[3])
		}
	}
	return out
}

// TestFooterFeedsAndProfiles: every page's footer links the language's RSS and Atom feeds
// (a section front its section's too, which answer); the agency's profiles on the networks,
// set in the brand's settings, show in every footer and in the publisher's sameAs at once,
// through the page cache, and go when cleared.
func TestFooterFeedsAndProfiles(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		ctx := context.Background()
		admin := testkit.AddUser(t, s.st, account.User{Email: "brand@x.test", Name: "Brand Admin", Role: account.RoleAdmin, CreatedAt: time.Now()})
		get := func(path string) string {
			t.Helper()
			resp, body := s.get(t, path)
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s: %d", path, resp.StatusCode)
			}
			return body
		}
		feeds := map[string][]string{
			"/en/":          {"/en/feed/rss.xml RSS feed", "/en/feed/atom.xml Atom feed"},
			leadEN:          {"/en/feed/rss.xml RSS feed", "/en/feed/atom.xml Atom feed"},
			"/en/politics/": {"/en/feed/rss.xml RSS feed", "/en/feed/atom.xml Atom feed", "/en/politics/feed/rss.xml Politics: RSS feed", "/en/politics/feed/atom.xml Politics: Atom feed"},
			"/ru/":          {"/ru/feed/rss.xml Лента RSS", "/ru/feed/atom.xml Лента Atom"},
			"/az/siyaset/":  {"/az/feed/rss.xml RSS lenti", "/az/feed/atom.xml Atom lenti", "/az/siyaset/feed/rss.xml Siyasət: RSS lenti", "/az/siyaset/feed/atom.xml Siyasət: Atom lenti"},
		}
		labels := map[string][2]string{"en": {"Feeds", "Follow us"}, "ru": {"Ленты", "Мы в соцсетях"}, "az": {"Lentlər", "Bizi izləyin"}}
		for path, want := range feeds {
			l := labels[path[1:3]]
			got := footerLinks(get(path))
			if !slices.Equal(got[l[0]], want) || len(got[l[1]]) != 0 {
				t.Errorf("%s: the footer's feeds = %q, want %q; profiles %q before any is set", path, got[l[0]], want, got[l[1]])
			}
			for _, f := range want {
				u, _, _ := strings.Cut(f, " ")
				if resp, _ := s.get(t, u); resp.StatusCode != 200 {
					t.Errorf("%s: the footer's feed %s answers %d", path, u, resp.StatusCode)
				}
			}
		}

		save := func(x, telegram string) {
			t.Helper()
			values := brand.ProfileSettings()
			values["brand_social_x"], values["brand_social_telegram"] = x, telegram
			if err := s.svc.SaveSettings(ctx, admin, values); err != nil {
				t.Fatal(err)
			}
		}
		profiles := func(path, label string) []string {
			t.Helper()
			return footerLinks(get(path))[label]
		}
		sameAs := func() []string {
			t.Helper()
			m := ldScript.FindStringSubmatch(get(leadEN))
			if m == nil {
				t.Fatal("the story has no JSON-LD")
			}
			var ld struct {
				Publisher struct{ SameAs []string } `json:"publisher"`
			}
			if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
				t.Fatal(err)
			}
			return ld.Publisher.SameAs
		}
		save("https://x.com/caspianwire", "https://t.me/caspianwire")
		want := []string{"https://x.com/caspianwire X (Twitter)", "https://t.me/caspianwire Telegram"}
		for _, p := range []string{"/en/", "/en/politics/", leadEN} {
			if got := profiles(p, "Follow us"); !slices.Equal(got, want) {
				t.Errorf("%s: the footer's profiles = %q, want %q", p, got, want)
			}
		}
		if got := profiles("/az/", "Bizi izləyin"); !slices.Equal(got, want) {
			t.Errorf("/az/: the footer's profiles = %q, want %q", got, want)
		}
		if !strings.Contains(get("/en/"), `<a rel="me" href="https://x.com/caspianwire">X (Twitter)</a>`) {
			t.Error("a profile is not a plain rel=me link named by its network")
		}
		if got := sameAs(); !slices.Equal(got, []string{"https://x.com/caspianwire", "https://t.me/caspianwire"}) {
			t.Errorf("the publisher's sameAs = %q", got)
		}

		save("https://x.com/caspian_wire", "")
		want = []string{"https://x.com/caspian_wire X (Twitter)"}
		for _, p := range []string{"/en/", "/en/politics/", leadEN} {
			if got := profiles(p, "Follow us"); !slices.Equal(got, want) {
				t.Errorf("after the change, %s: the footer's profiles = %q, want %q", p, got, want)
			}
		}
		if got := sameAs(); !slices.Equal(got, []string{"https://x.com/caspian_wire"}) {
			t.Errorf("after the change, the publisher's sameAs = %q", got)
		}
		save("", "")
		if got := profiles("/en/", "Follow us"); len(got) != 0 {
			t.Errorf("cleared profiles still shown: %q", got)
		}
		if got := sameAs(); len(got) != 0 {
			t.Errorf("cleared profiles still in sameAs: %q", got)
		}
	})
}
