package desk_test

import (
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAuthorPageForm: a correspondent edits their own author page from "My settings" and
// sees what is wrong in their language; only an administrator opens another's from the
// users page and may change its address.
func TestAuthorPageForm(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	c := s.client(t)
	c.login("correspondent@x.test")
	if st, page := c.getLang("/newsroom/me", "en"); st != 200 || !strings.Contains(page, `href="/newsroom/profile"`) {
		t.Fatalf("my settings do not link the author page: %d", st)
	}
	st, page := c.getLang("/newsroom/profile", "ru")
	if st != 200 || !strings.Contains(page, "Страница автора: Test correspondent") || !strings.Contains(page, `href="/en/author/test-correspondent"`) {
		t.Fatalf("the author page form: %d\n%s", st, page)
	}
	form := url.Values{"name": {"Test Correspondent"}, "role": {"Reporter"}, "photo": {"0"},
		"bio_en": {"Writes about ports."}, "bio_ru": {"Пишет о портах."},
		"link_label": {"", "Site"}, "link_url": {"corr@x.example", "javascript:alert(1)"}}
	st, page, _ = c.post("/newsroom/profile", form)
	if st != 422 || !strings.Contains(page, "Give a web address (https://…) or an e-mail address.") || !strings.Contains(page, "Пишет о портах.") {
		t.Errorf("a bad link: %d, want 422 with the message and the bio kept\n%s", st, page)
	}
	form["link_url"] = []string{"corr@x.example", "https://corr.example/"}
	if st, page, _ = c.post("/newsroom/profile", form); st != 303 {
		t.Fatalf("save: %d\n%s", st, page)
	}
	if _, page = c.getLang("/en/author/test-correspondent", "en"); !strings.Contains(page, "Writes about ports.") ||
		!strings.Contains(page, `href="https://corr.example/" rel="me noopener">Site<`) {
		t.Errorf("the public page does not show the profile:\n%s", page)
	}
	form["slug"] = []string{"corr"}
	if st, page, _ = c.post("/newsroom/profile", form); st != 422 || !strings.Contains(page, "Only an administrator") {
		t.Errorf("a correspondent changes the address: %d", st)
	}
	u, err := s.st.UserByEmail(t.Context(), "correspondent@x.test")
	if err != nil {
		t.Fatal(err)
	}
	path := "/newsroom/users/" + strconv.FormatInt(u.ID, 10) + "/profile"
	if st, _ := c.getLang(path, "en"); st != 403 {
		t.Errorf("a correspondent opens the users' form: %d, want 403", st)
	}
	admin := s.client(t)
	admin.login("admin@x.test")
	if _, page := admin.getLang("/newsroom/users", "en"); !strings.Contains(page, `href="`+path+`"`) {
		t.Errorf("the users page does not link the author page")
	}
	form.Del("csrf") // the correspondent's
	if st, page, _ = admin.post(path, form); st != 303 {
		t.Fatalf("an admin changes the address: %d\n%s", st, page)
	}
	if st, _ := admin.getLang("/en/author/corr", "en"); st != 200 {
		t.Errorf("the new address answers %d", st)
	}
}
