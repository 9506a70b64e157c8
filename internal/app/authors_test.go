package app_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

var jsonLDScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// ldOf returns the page's JSON-LD object.
func ldOf(t *testing.T, body string) map[string]any {
	t.Helper()
	m := jsonLDScript.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no JSON-LD on the page")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	return v
}

// TestAuthorPages: a demo correspondent's page in each language (name, role and bio of
// the language, links with rel="me", a Person, hreflang alternates, their stories); a new
// correspondent's first story links its byline to their page, which exists from the
// start; a profile change shows on the very next request of the author's pages, and a
// new address on the pages of their stories, while other pages stay cached.
func TestAuthorPages(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newCachedSite(t, dsn, config.Config{})
		ctx := context.Background()
		for _, tc := range []struct{ path, name, role, bio string }{
			{"/en/author/nigar-sultanli", "Nigar Sultanli", "Washington correspondent", "has reported from Washington since 2023"},
			{"/ru/author/nigar-sultanli", "Нигяр Султанлы", "Корреспондент в Вашингтоне", "работает в Вашингтоне с 2023 года"},
			{"/az/author/nigar-sultanli", "Nigar Sultanlı", "Vaşinqton müxbiri", "2023-cü ildən Vaşinqtondan"},
		} {
			resp, body := s.get(t, tc.path)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", tc.path, resp.StatusCode)
			}
			for _, want := range []string{`<h1 id="author-name">` + tc.name + `</h1>`, `<p class="author-role">` + tc.role + `</p>`, tc.bio,
				`<a href="https://nigar-sultanli.example/" rel="me noopener">nigar-sultanli.example</a>`,
				`<a href="mailto:nigar-sultanli@caspianwire.example" rel="me noopener">`, `class="teaser"`,
				`<link rel="alternate" hreflang="ru" href="` + s.srv.URL + `/ru/author/nigar-sultanli">`} {
				if !strings.Contains(body, want) {
					t.Errorf("%s lacks %s", tc.path, want)
				}
			}
			ld := ldOf(t, body)
			if ld["@type"] != "Person" || ld["name"] != tc.name || ld["jobTitle"] != tc.role || ld["url"] != s.srv.URL+tc.path {
				t.Errorf("%s Person: %v", tc.path, ld)
			}
		}

		// A new correspondent: their page exists at once; their story's byline links to it.
		corr := testkit.AddUser(t, s.st, account.User{Email: "new@x.test", Name: "Zaur Newhire", Role: account.RoleCorrespondent, CreatedAt: time.Now()})
		svc := s.site.Newsroom
		a, err := svc.Create(ctx, corr, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Newhire files a first story",
			Standfirst: "A standfirst.", Body: "Body text of the first story, long enough.", Byline: "Z. Newhire, Baku"})
		if err != nil {
			t.Fatal(err)
		}
		page := "/en/author/zaur-newhire"
		s.expect(t, "before publication", "No stories yet.", true, page)
		if _, _, err := svc.Publish(ctx, s.user, a.ID); err != nil {
			t.Fatal(err)
		}
		a, _ = svc.Get(ctx, s.user, a.ID)
		story := "/en/politics/" + a.Slug
		s.expect(t, "published", "Newhire files a first story", true, page)
		_, body := s.get(t, story)
		if !strings.Contains(body, `<a href="/en/author/zaur-newhire" rel="author">Z. Newhire, Baku</a>`) {
			t.Errorf("the story's byline does not link the author page")
		}
		if au := ldOf(t, body)["author"].([]any)[0].(map[string]any); au["url"] != s.srv.URL+page || au["name"] != "Z. Newhire, Baku" {
			t.Errorf("NewsArticle author %v", au)
		}

		// A new bio purges the author's pages only; a new address the story's page too.
		for _, p := range []string{page, "/ru/author/zaur-newhire", story, "/en/economy/"} {
			s.get(t, p)
		}
		in := newsroom.ProfileInput{Name: "Zaur Newhire", Role: "Baku correspondent",
			Texts: map[string]content.AuthorText{"en": {Bio: "Covers the port of Alat."}}}
		if _, err := svc.SaveProfile(ctx, corr, corr.ID, in); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "new bio", "Covers the port of Alat.", true, page, "/ru/author/zaur-newhire")
		h := s.site.Pages.Stats().Hits
		s.get(t, story)
		s.get(t, "/en/economy/")
		if got := s.site.Pages.Stats().Hits; got != h+2 {
			t.Errorf("a new bio purged the story's page or the economy front (%d hits of 2)", got-h)
		}
		in.Slug = "zaur-n"
		if _, err := svc.SaveProfile(ctx, s.user, corr.ID, in); err != nil {
			t.Fatal(err)
		}
		s.expect(t, "new address", `href="/en/author/zaur-n"`, true, story)
		if resp, _ := s.get(t, "/en/author/zaur-n"); resp.StatusCode != 200 {
			t.Errorf("the new address answers %d", resp.StatusCode)
		}
	})
}
