package desk_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// speaks sets the signed-in user's language for the newsroom.
func (c *client) speaks(lang string) {
	c.t.Helper()
	if st, page, _ := c.post("/newsroom/me", url.Values{"language": {lang}, "time_zone": {"Asia/Baku"}}); st != http.StatusSeeOther {
		c.t.Fatalf("settings: %d\n%s", st, page)
	}
	c.get("/newsroom/")
}

// TestRefusalsInTheUsersLanguage: a request the newsroom turns down (a correction to a
// story that is not published) shows its reason in the user's language, with the value
// (the story's state) filled in; the English page says the same in English.
func TestRefusalsInTheUsersLanguage(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	for _, tc := range []struct{ lang, want string }{
		{"ru", "исправление можно добавить только к опубликованному материалу, а этот в состоянии «черновик»"},
		{"az", "düzəliş yalnız dərc olunmuş materiala əlavə edilə bilər"},
		{"en", "only a published story can be corrected; this one is draft"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			c := s.client(t)
			c.login("editor@x.test")
			c.speaks(tc.lang)
			st, _, loc := c.post("/newsroom/articles", url.Values{"language": {"en"}, "section": {"politics"},
				"headline": {"Draft " + tc.lang}, "body": {"Text."}, "urgency": {"5"}})
			if st != http.StatusSeeOther {
				t.Fatalf("create: %d", st)
			}
			id := strings.TrimPrefix(loc.Get("Location"), "/newsroom/articles/")
			if i := strings.IndexAny(id, "/?"); i >= 0 {
				id = id[:i]
			}
			st, page, _ := c.post("/newsroom/articles/"+id+"/correct", url.Values{"correction": {"The date was wrong."}})
			if page = html.UnescapeString(page); st != http.StatusConflict || !strings.Contains(page, tc.want) {
				t.Errorf("%d, want 409 and %q\n%s", st, tc.want, page)
			}
		})
	}
}

// TestOversizedImageRefusedInTheUsersLanguage: an image over the site's pixel limit is
// refused on the upload page and in the editor's JSON in the user's language, the limit
// filled in.
func TestOversizedImageRefusedInTheUsersLanguage(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	c := s.client(t)
	c.login("editor@x.test")
	c.speaks("az")
	c.get("/newsroom/images")
	pic := greyPNG(t, 20_001, 1)
	send := func(accept string) (int, string) {
		t.Helper()
		resp := c.sendFiles("/newsroom/images", map[string]string{"alt": "A wide picture"}, map[string][]byte{"file": pic}, accept)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	want := "şəkildə həddindən artıq çox piksel var: 20001x1 tərəf başına 20000 piksel həddini aşır"
	if st, page := send(""); st != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(page), want) {
		t.Errorf("page: %d, want 422 and %q\n%s", st, want, page)
	}
	st, body := send("application/json")
	var answer struct{ Error string }
	if err := json.Unmarshal([]byte(body), &answer); err != nil || st != http.StatusUnprocessableEntity || answer.Error != want {
		t.Errorf("JSON: %d %q (%v), want 422 and %q", st, answer.Error, err, want)
	}
}
