package desk_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	_ "time/tzdata" // the zones below, whatever the machine has
)

// getLang fetches path with an Accept-Language header.
func (c *client) getLang(path, accept string) (int, string) {
	c.t.Helper()
	req, err := http.NewRequest("GET", c.s.srv.URL+path, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Accept-Language", accept)
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, html.UnescapeString(string(b))
}

// TestMySettings: a user's own language wins over the browser's, and the newsroom shows
// and reads times in the user's own zone (the site's is Asia/Baku, UTC+4).
func TestMySettings(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	c := s.client(t)
	c.login("correspondent@x.test")

	if st, page := c.getLang("/newsroom/me", "ru"); st != 200 || !strings.Contains(page, `<html lang="ru"`) ||
		!strings.Contains(page, "Мои настройки") || !strings.Contains(page, "Asia/Baku (UTC+04:00)") {
		t.Fatalf("settings page without a setting: %d, want Russian from the browser and the site's zone\n%s", st, page)
	}
	for _, tc := range []struct {
		name, language, zone string
		status               int
		want                 string
	}{
		{"unknown language", "de", "", 422, "Choose a language from the list."},
		{"unknown zone", "az", "Mars/Olympus", 422, "Give a time zone by its name"},
		{"the server's zone", "", "Local", 422, "Give a time zone by its name"},
		{"a path", "", "../../etc/passwd", 422, "Give a time zone by its name"},
		{"saved", "az", "America/New_York", 303, ""},
	} {
		st, page, _ := c.post("/newsroom/me", url.Values{"language": {tc.language}, "time_zone": {tc.zone}})
		if st != tc.status || !strings.Contains(page, tc.want) {
			t.Errorf("%s: %d, want %d and %q\n%s", tc.name, st, tc.status, tc.want, page)
		}
	}

	for _, accept := range []string{"ru-RU,ru;q=0.9", "en-US", ""} {
		st, page := c.getLang("/newsroom/", accept)
		if st != 200 || !strings.Contains(page, `<html lang="az"`) || !strings.Contains(page, "Materiallar") || strings.Contains(page, "Материалы") {
			t.Errorf("Accept-Language %q with the setting az: %d, want Azerbaijani", accept, st)
		}
		if !strings.Contains(page, "America/New_York (UTC-05:00)") {
			t.Errorf("Accept-Language %q: the bar does not name the user's zone", accept)
		}
	}

	// A brief filed for 09:00 is 09:00 in New York, and shows so.
	c.get("/newsroom/briefs")
	st, page, _ := c.post("/newsroom/briefs", url.Values{"language": {"en"}, "section": {"politics"},
		"at": {"2026-12-01T09:00"}, "text": {"Ferry talks resume in Aktau."}})
	if st != http.StatusSeeOther {
		t.Fatalf("file brief: %d\n%s", st, page)
	}
	_, page = c.getLang("/newsroom/briefs", "en")
	if !strings.Contains(page, `datetime="2026-12-01T09:00:00-05:00"`) || !strings.Contains(page, ">1 Dec 2026 09:00<") {
		t.Errorf("the brief's time is not shown in New York time:\n%s", regexp.MustCompile(`<time[^<]*</time>`).FindString(page))
	}
	var at int64
	if err := s.st.DB().QueryRow("SELECT published_at FROM briefs WHERE text = 'Ferry talks resume in Aktau.'").Scan(&at); err != nil {
		t.Fatal(err)
	}
	if want := int64(1796133600) * 1_000_000; at != want { // 2026-12-01 14:00 UTC
		t.Errorf("stored %d, want %d (09:00 in New York)", at, want)
	}

	// Someone else without a setting still sees the site's zone and the browser's language.
	e := s.client(t)
	e.login("editor@x.test")
	_, page = e.getLang("/newsroom/briefs", "en")
	if !strings.Contains(page, `<html lang="en"`) || !strings.Contains(page, `datetime="2026-12-01T18:00:00+04:00"`) {
		t.Errorf("another user does not see the site's zone and the browser's language")
	}

	// Cleared, the settings are the defaults again.
	c.post("/newsroom/me", url.Values{"language": {""}, "time_zone": {""}})
	if _, page := c.getLang("/newsroom/", "ru"); !strings.Contains(page, `<html lang="ru"`) || !strings.Contains(page, "Asia/Baku (UTC+04:00)") {
		t.Errorf("cleared settings: not the browser's language and the site's zone")
	}
}
