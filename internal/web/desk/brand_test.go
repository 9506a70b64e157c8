package desk_test

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/brand"
)

// postBrand sends the brand form: fields, and files by field name.
func (c *client) postBrand(fields map[string]string, files map[string][]byte) (int, string) {
	c.t.Helper()
	if c.csrf == "" {
		c.get("/newsroom/settings/brand")
	}
	return c.postFiles("/newsroom/settings/brand", fields, files)
}

// TestBrandForm: admins set the brand through the newsroom; bad values are refused with a
// 422 and change nothing; the public pages show the new brand at once.
func TestBrandForm(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	admin, editor := s.client(t), s.client(t)
	admin.login("admin@x.test")
	editor.login("editor@x.test")
	if st, _ := editor.get("/newsroom/settings/brand"); st != http.StatusForbidden {
		t.Errorf("an editor opened the brand page: %d", st)
	}
	if st, page := admin.get("/newsroom/settings/brand"); st != 200 || !strings.Contains(page, `name="accent" type="color" value="#0b5c6b"`) {
		t.Fatalf("brand page %d", st)
	}
	refused := []struct {
		name   string
		fields map[string]string
		files  map[string][]byte
	}{
		{"accent", map[string]string{"accent": "red;}body{display:none"}, nil},
		{"name", map[string]string{"name": strings.Repeat("x", 101)}, nil},
		{"script logo", nil, map[string][]byte{"logo": []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>`)}},
		{"text icon", nil, map[string][]byte{"icon": []byte("not an image")}},
		{"tiny card", nil, map[string][]byte{"card": greyPNG(t, 4, 4)}},
	}
	for _, tc := range refused {
		if st, _ := admin.postBrand(tc.fields, tc.files); st != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422", tc.name, st)
		}
	}
	if v, _ := s.st.Setting(ctx, brand.SettingAccent, ""); v != "#0b5c6b" {
		t.Errorf("a refused form changed the accent to %q", v)
	}
	st, loc := admin.postBrand(map[string]string{"name": "Caspian Wire Agency", "accent": "#6B2C91", "logo_has_name": "1"},
		map[string][]byte{"logo": greyPNG(t, 400, 100), "icon": greyPNG(t, 64, 64)})
	if st != http.StatusSeeOther || !strings.Contains(loc, "notice=saved") {
		t.Fatalf("save: %d %s", st, loc)
	}
	for k, want := range map[string]string{brand.SettingName: "Caspian Wire Agency", brand.SettingAccent: "#6b2c91", brand.SettingLogoHasName: "1"} {
		if v, _ := s.st.Setting(ctx, k, ""); v != want {
			t.Errorf("%s = %q, want %q", k, v, want)
		}
	}
	_, page := admin.get("/en/")
	if !strings.Contains(page, `<img class="brand-logo" src="/brand/logo-`) || !strings.Contains(page, `.png" width="192" height="48" alt="Caspian Wire">`) {
		t.Errorf("the home page does not show the new logo as the name")
	}
	if st, _ := admin.postBrand(map[string]string{"accent": "#6b2c91", "remove_logo": "1"}, nil); st != http.StatusSeeOther {
		t.Fatalf("remove: %d", st)
	}
	if _, page = admin.get("/en/"); strings.Contains(page, "brand-logo") {
		t.Error("the removed logo is still shown")
	}
}

// TestBrandProfiles: the brand page sets the agency's profiles on the networks; an address
// that is not https (or not an address at all) is refused with a 422 naming the network,
// and changes nothing; a saved one shows in the public footer at once, and an empty field
// clears it.
func TestBrandProfiles(t *testing.T) {
	ctx := context.Background()
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	admin := s.client(t)
	admin.login("admin@x.test")
	if _, page := admin.get("/newsroom/settings/brand"); !strings.Contains(page, `<input id="brand-social-mastodon" name="social_mastodon" type="url"`) {
		t.Fatal("the brand page has no field for the Mastodon profile")
	}
	_, home := admin.get("/en/") // kept in the page cache
	if strings.Contains(home, "t.me/") {
		t.Fatal("a profile on the home page before any is set")
	}
	for _, bad := range []string{"http://t.me/caspianwire", "javascript:alert(1)", "t.me/caspianwire", "https://user:pw@t.me/x",
		"https:///nohost", "https://t.me/" + strings.Repeat("x", 500), "https://t.me/a b"} {
		resp := admin.sendFiles("/newsroom/settings/brand", map[string]string{"social_telegram": bad}, nil, "")
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), "Give the Telegram address as a full link that begins with https://") {
			t.Errorf("%q: %d, want 422 naming Telegram", bad, resp.StatusCode)
		}
	}
	if v, _ := s.st.Setting(ctx, "brand_social_telegram", ""); v != "" {
		t.Errorf("a refused form saved %q", v)
	}
	if st, _ := admin.postBrand(map[string]string{"social_telegram": " https://t.me/caspianwire ", "social_mastodon": "HTTPS://Mastodon.Social/@caspian"}, nil); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	if _, page := admin.get("/newsroom/settings/brand"); !strings.Contains(page, `value="https://t.me/caspianwire"`) || !strings.Contains(page, `value="https://mastodon.social/@caspian"`) {
		t.Error("the brand page does not show the saved profiles")
	}
	_, home = admin.get("/en/")
	for _, want := range []string{`<a rel="me" href="https://t.me/caspianwire">Telegram</a>`, `<a rel="me" href="https://mastodon.social/@caspian">Mastodon</a>`} {
		if !strings.Contains(home, want) {
			t.Errorf("the home page lacks %s", want)
		}
	}
	if st, _ := admin.postBrand(map[string]string{"social_telegram": "https://t.me/caspianwire"}, nil); st != http.StatusSeeOther {
		t.Fatalf("save: %d", st)
	}
	if _, home = admin.get("/en/"); strings.Contains(home, "mastodon.social") {
		t.Error("a cleared profile is still shown")
	}
}
