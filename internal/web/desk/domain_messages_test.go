package desk_test

import (
	"html"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// TestDomainMessagesInTheUsersLanguage: a message the domain formats with a value (an
// unknown section, a brief too long) shows on the form in the user's own language, with
// the value filled in as typed.
func TestDomainMessagesInTheUsersLanguage(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	long := strings.Repeat("word ", 400)
	for _, tc := range []struct {
		name, lang, path string
		form             url.Values
		want             string
	}{
		{"story, Russian", "ru", "/newsroom/articles",
			url.Values{"language": {"en"}, "section": {"nowhere<b>"}, "headline": {"H"}, "body": {"Text."}, "urgency": {"5"}},
			`Неизвестная рубрика "nowhere<b>".`},
		{"story, Azerbaijani", "az", "/newsroom/articles",
			url.Values{"language": {"en"}, "section": {"nowhere"}, "headline": {"H"}, "body": {"Text."}, "urgency": {"5"}},
			`Naməlum bölmə "nowhere".`},
		{"story, English", "en", "/newsroom/articles",
			url.Values{"language": {"en"}, "section": {"nowhere"}, "headline": {"H"}, "body": {"Text."}, "urgency": {"5"}},
			`Unknown section "nowhere".`},
		{"brief, Russian", "ru", "/newsroom/briefs",
			url.Values{"language": {"en"}, "section": {"politics"}, "text": {long}},
			"Короткая новость — один абзац не длиннее 1500 символов."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := s.client(t)
			c.login("editor@x.test")
			if st, page, _ := c.post("/newsroom/me", url.Values{"language": {tc.lang}, "time_zone": {"Asia/Baku"}}); st != http.StatusSeeOther {
				t.Fatalf("settings: %d\n%s", st, page)
			}
			c.get("/newsroom/")
			st, page, _ := c.post(tc.path, tc.form)
			if page = html.UnescapeString(page); st != http.StatusUnprocessableEntity || !strings.Contains(page, tc.want) {
				t.Errorf("%d, want 422 and %q\n%s", st, tc.want, page)
			}
		})
	}
}
