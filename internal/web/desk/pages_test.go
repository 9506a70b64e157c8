package desk_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

var pageIDRe = regexp.MustCompile(`^/newsroom/pages/(\d+)\?notice=`)

// createPage sends the new-page form and returns the page's editor path.
func (c *client) createPage(f url.Values) string {
	c.t.Helper()
	st, body, h := c.post("/newsroom/pages", f)
	m := pageIDRe.FindStringSubmatch(h.Get("Location"))
	if st != http.StatusSeeOther || m == nil {
		c.t.Fatalf("create page: %d %s %s", st, h.Get("Location"), body)
	}
	return "/newsroom/pages/" + m[1]
}

// publicStatus fetches a public path and returns its status and body.
func publicStatus(t *testing.T, s *site, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(s.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestPagesScreens walks the newsroom's pages screens as an admin: the list, a new page,
// its preview, field errors and a taken slug (kept in the form, never a 500), saving,
// publishing (the public page answers with its title as h1), a translation linked from
// "Translate into", unpublishing and deleting with its confirmation; a Russian admin reads
// the field errors in Russian; editors and correspondents get 403 and no link.
func TestPagesScreens(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		hash, err := account.HashPassword(password)
		if err != nil {
			t.Fatal(err)
		}
		testkit.AddUser(t, s.st, account.User{Email: "admin-ru@x.test", Name: "Админ", Role: account.RoleAdmin,
			PasswordHash: hash, CreatedAt: time.Now()})
		c := s.client(t)
		c.login("admin@x.test")
		if _, home := c.get("/newsroom/"); !strings.Contains(home, `href="/newsroom/pages"`) {
			t.Error("the admin's navigation has no link to the pages")
		}
		if st, list := c.get("/newsroom/pages"); st != http.StatusOK || !strings.Contains(list, `href="/newsroom/pages/new"`) {
			t.Fatalf("list: %d", st)
		}
		if st, _ := c.get("/newsroom/pages/new?language=en"); st != http.StatusOK {
			t.Fatalf("new page: %d", st)
		}
		form := func(kv ...string) url.Values {
			v := url.Values{"language": {"en"}, "title": {"Press office"}, "slug": {"press-office"},
				"body": {"# Hours\n\nWe answer **calls**."}, "in_footer": {"1"}, "position": {"5"}}
			for i := 0; i+1 < len(kv); i += 2 {
				v.Set(kv[i], kv[i+1])
			}
			return v
		}
		edit := c.createPage(form())
		if st, body := c.get(edit + "?notice=created"); st != http.StatusOK || !strings.Contains(body, `value="Press office"`) || !strings.Contains(body, "Draft created.") {
			t.Fatalf("editor: %d\n%s", st, body)
		}
		if _, list := c.get("/newsroom/pages?language=en"); !strings.Contains(list, ">Press office</a>") ||
			!strings.Contains(list, "<code>press-office</code>") || !strings.Contains(list, "listed, order 5") {
			t.Errorf("the list lacks the new page:\n%s", list)
		}

		// Preview renders the typed text as the public page will, and saves nothing.
		st, body, _ := c.post(edit, form("action", "preview", "body", "# Big\n\nSome **bold** text."))
		if st != http.StatusOK || !strings.Contains(body, "<strong>bold</strong>") || !strings.Contains(body, "<h2") {
			t.Errorf("preview: %d\n%s", st, body)
		}

		// Bad input: 422 with the message beside the field, the typed text kept.
		for _, c2 := range []struct{ name, field, value, want string }{
			{"no title", "title", " ", "A title is required."},
			{"bad slug", "slug", "Bad Slug", "A slug has only lowercase letters"},
			{"bad position", "position", "first", "The position is a number from 0 to 999."},
			{"unknown language", "language", "xx", `Unknown language &#34;xx&#34;.`},
		} {
			st, body, _ := c.post("/newsroom/pages", form(c2.field, c2.value, "slug", "other", c2.field, c2.value, "body", "Kept text."))
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, c2.want) || !strings.Contains(body, "Kept text.") {
				t.Errorf("%s: %d, want 422 with %q\n%s", c2.name, st, c2.want, body)
			}
		}
		// A slug another page has: a form error (409), not a 500.
		st, body, _ = c.post("/newsroom/pages", form("title", "Second press office"))
		if st != http.StatusConflict || !strings.Contains(body, "Another page in this language has this slug") ||
			!strings.Contains(body, `value="Second press office"`) {
			t.Errorf("taken slug: %d\n%s", st, body)
		}

		// Save, publish: the public page answers with the title as its h1.
		if st, _, h := c.post(edit, form("title", "Press office hours")); st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "notice=saved") {
			t.Fatalf("save: %d", st)
		}
		if st, _ := publicStatus(t, s, "/en/page/press-office"); st != http.StatusNotFound {
			t.Errorf("a draft is public: %d", st)
		}
		if st, _, h := c.post(edit+"/publish", nil); st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "notice=published") {
			t.Fatalf("publish: %d", st)
		}
		st, pub := publicStatus(t, s, "/en/page/press-office")
		if st != http.StatusOK || !regexp.MustCompile(`<h1[^>]*>Press office hours</h1>`).MatchString(pub) || !strings.Contains(pub, "<strong>calls</strong>") {
			t.Errorf("public page: %d\n%s", st, pub)
		}
		if _, body := c.get(edit); !strings.Contains(body, `href="/en/page/press-office"`) || !strings.Contains(body, "Unpublish") {
			t.Error("the editor of a published page lacks its link or Unpublish")
		}

		// Translate into Russian: the form starts from the page, and the new page is linked.
		st, body = c.get("/newsroom/pages/new?translation_of=" + strings.TrimPrefix(edit, "/newsroom/pages/") + "&language=ru")
		if st != http.StatusOK || !strings.Contains(body, `value="Press office hours"`) || !strings.Contains(body, `name="translation_of"`) {
			t.Fatalf("translate form: %d\n%s", st, body)
		}
		tr := form("language", "ru", "title", "Пресс-служба", "slug", "press-sluzhba", "translation_of", strings.TrimPrefix(edit, "/newsroom/pages/"))
		ruEdit := c.createPage(tr)
		if _, body := c.get(edit); !strings.Contains(body, `href="`+ruEdit+`"`) || !strings.Contains(body, "Пресс-служба") {
			t.Errorf("the page does not list its translation:\n%s", body)
		}
		st, body, _ = c.post("/newsroom/pages", form("language", "ru", "title", "Ещё одна", "slug", "eshche", "translation_of", strings.TrimPrefix(edit, "/newsroom/pages/")))
		if st != http.StatusConflict || !strings.Contains(body, "translation of page") {
			t.Errorf("a second ru translation: %d\n%s", st, body)
		}

		// Unpublish: the public page is gone again. Delete asks for the box first.
		if st, _, _ := c.post(edit+"/unpublish", nil); st != http.StatusSeeOther {
			t.Fatalf("unpublish: %d", st)
		}
		if st, _ := publicStatus(t, s, "/en/page/press-office"); st != http.StatusNotFound {
			t.Errorf("unpublished page answers %d", st)
		}
		if st, _, _ := c.post(edit+"/delete", nil); st != http.StatusUnprocessableEntity {
			t.Errorf("delete without the box: %d", st)
		}
		if st, _ := c.get(edit); st != http.StatusOK {
			t.Errorf("deleted without confirmation: %d", st)
		}
		if st, _, h := c.post(edit+"/delete", url.Values{"confirm": {"1"}}); st != http.StatusSeeOther || h.Get("Location") != "/newsroom/pages?notice=page_deleted" {
			t.Errorf("delete: %d %s", st, h.Get("Location"))
		}
		for _, path := range []string{edit, "/newsroom/pages/abc", "/newsroom/pages/99999999"} {
			if st, _ := c.get(path); st != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", path, st)
			}
		}
		if _, body := c.get(ruEdit); strings.Contains(body, edit+`"`) {
			t.Error("the translation still links the deleted page")
		}

		// A Russian admin reads the field errors in Russian.
		ru := s.client(t)
		ru.login("admin-ru@x.test")
		if st, _, _ := ru.post("/newsroom/me", url.Values{"language": {"ru"}}); st != http.StatusSeeOther {
			t.Fatalf("set the newsroom's language: %d", st)
		}
		if st, body, _ := ru.post("/newsroom/pages", form("title", "")); st != http.StatusUnprocessableEntity || !strings.Contains(body, "Нужен заголовок.") {
			t.Errorf("ru field error: %d\n%s", st, body)
		}

		// Editors and correspondents may not manage pages.
		for _, role := range []string{account.RoleEditor, account.RoleCorrespondent} {
			o := s.client(t)
			o.login(role + "@x.test")
			if _, home := o.get("/newsroom/"); strings.Contains(home, `href="/newsroom/pages"`) {
				t.Errorf("%s: the navigation links the pages", role)
			}
			for _, path := range []string{"/newsroom/pages", "/newsroom/pages/new", ruEdit} {
				if st, _ := o.get(path); st != http.StatusForbidden {
					t.Errorf("%s GET %s: %d, want 403", role, path, st)
				}
			}
			if st, _, _ := o.post("/newsroom/pages", form("slug", "by-"+role)); st != http.StatusForbidden {
				t.Errorf("%s create: %d, want 403", role, st)
			}
			if st, _, _ := o.post(ruEdit+"/publish", nil); st != http.StatusForbidden {
				t.Errorf("%s publish: %d, want 403", role, st)
			}
		}
	})
}
