package desk_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// cleanStory is an edit form that passes every publishing check.
func cleanStory(headline string) url.Values {
	return url.Values{"language": {"en"}, "section": {"politics"}, "headline": {headline},
		"standfirst": {"The ministers agreed on the night sailings."}, "tags": {"Transport"},
		"body": {strings.Repeat("The ferry leaves at dawn and comes back late at night, every day of the week. ", 4)}}
}

// TestConfirmBeforePublishing: publishing or scheduling a story with warnings through the
// forms first shows the story again with its warnings and a "… anyway" button; with
// confirm=1 it goes ahead; a story without warnings, or with advice alone, goes ahead at once.
func TestConfirmBeforePublishing(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ed := s.client(t)
		ed.login("editor@x.test")
		id := ed.storyWith("Ferry talks resume", "Text of the story. [Click here](https://example.com/timetable) for the times.")
		st, body, _ := ed.post("/newsroom/articles/"+id+"/publish", nil)
		if st != http.StatusOK || !strings.Contains(body, "Publish anyway") || !strings.Contains(body, `data-code="link_text"`) ||
			!strings.Contains(body, `name="confirm" value="1"`) {
			t.Fatalf("publish with warnings, unconfirmed: %d, want the story again with a confirmation", st)
		}
		if !strings.Contains(body, `data-code="body_short" class="advice"`) {
			t.Error("the confirmation does not show the advice, set apart as advice")
		}
		if _, page := ed.get("/newsroom/articles/" + id); !strings.Contains(page, "state-draft") {
			t.Fatal("an unconfirmed publish published the story")
		}
		if st, _, h := ed.post("/newsroom/articles/"+id+"/publish", url.Values{"confirm": {"1"}}); st != http.StatusSeeOther ||
			!strings.Contains(h.Get("Location"), "notice=published") {
			t.Errorf("confirmed publish: %d %s", st, h.Get("Location"))
		}

		advised := ed.newStory("Ferry fares frozen") // a short body: advice, no warning
		if _, page := ed.get("/newsroom/articles/" + advised); !strings.Contains(page, `data-code="body_short" class="advice"`) {
			t.Error("the editor page does not show the short body's advice")
		}
		if st, _, h := ed.post("/newsroom/articles/"+advised+"/publish", nil); st != http.StatusSeeOther ||
			!strings.Contains(h.Get("Location"), "notice=published") {
			t.Errorf("publish with advice alone: %d %s, want it published at once", st, h.Get("Location"))
		}

		at := time.Now().Add(48 * time.Hour).Format("2006-01-02T15:04")
		id2 := ed.storyWith("Port fees to rise", "## Fees\n\n#### Who pays\n\nThe shipping lines.")
		st, body, _ = ed.post("/newsroom/articles/"+id2+"/schedule", url.Values{"publish_at": {at}})
		if st != http.StatusOK || !strings.Contains(body, "Schedule anyway") || !strings.Contains(body, `name="publish_at" value="`+at+`"`) {
			t.Fatalf("schedule with warnings, unconfirmed: %d, want a confirmation carrying the time", st)
		}
		if st, _, h := ed.post("/newsroom/articles/"+id2+"/schedule", url.Values{"publish_at": {at}, "confirm": {"1"}}); st != http.StatusSeeOther ||
			!strings.Contains(h.Get("Location"), "notice=scheduled") {
			t.Errorf("confirmed schedule: %d %s", st, h.Get("Location"))
		}

		ed.get("/newsroom/articles/new")
		st, body, h := ed.post("/newsroom/articles", cleanStory("Night ferries return to the Caspian"))
		m := idRe.FindStringSubmatch(h.Get("Location"))
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("create a clean story: %d %s", st, body)
		}
		if _, page := ed.get("/newsroom/articles/" + m[1]); !strings.Contains(page, "No warnings") {
			t.Errorf("the clean story's page shows warnings")
		}
		if st, _, h := ed.post("/newsroom/articles/"+m[1]+"/publish", nil); st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "notice=published") {
			t.Errorf("publish without warnings: %d %s, want it published at once", st, h.Get("Location"))
		}

		corr := s.client(t)
		corr.login("correspondent@x.test")
		if st, _, _ := corr.post("/newsroom/articles/"+id2+"/publish", nil); st != http.StatusForbidden {
			t.Errorf("a correspondent's publish answered %d, want 403 before any confirmation", st)
		}
	})
}

// storyWith creates a story with the given body (and a standfirst and tags, so that the
// body's own checks are what the page shows) and returns its id.
func (c *client) storyWith(headline, body string) string {
	c.t.Helper()
	return c.createStory(url.Values{"language": {"en"}, "section": {"politics"}, "headline": {headline},
		"standfirst": {"Stand."}, "body": {body}, "tags": {"Transport"}})
}

// TestLiveChecks: the editor page's script sends the fields as typed and gets the warnings
// in the reader's language; the schedule and embargo fields name their time zone.
func TestLiveChecks(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ed := s.client(t)
		ed.login("editor@x.test")
		form := url.Values{"headline": {strings.Repeat("A very long headline ", 7)}, "standfirst": {"A desk check."}, "tags": {"desk"},
			"body": {"First paragraph. [Click here](https://example.com/more) for the timetable.\n\n#### A heading that skips levels\n\nMore text."}}
		check := func(lang string) (int, string) {
			t.Helper()
			f := url.Values{"csrf": {ed.csrf}}
			for k, v := range form {
				f[k] = v
			}
			req, err := http.NewRequest("POST", s.srv.URL+"/newsroom/checks", strings.NewReader(f.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept-Language", lang)
			resp, err := ed.http.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(b)
		}
		st, body := check("en")
		for _, want := range []string{`data-code="headline_long"`, `data-code="link_text"`, `data-code="heading_skip"`, "The headline is 146 characters long"} {
			if st != http.StatusOK || !strings.Contains(body, want) {
				t.Errorf("live checks: %d, no %s in %q", st, want, body)
			}
		}
		if strings.Contains(body, "<html") {
			t.Error("the live checks answer a whole page, not the list")
		}
		if st, body := check("ru"); st != http.StatusOK || !strings.Contains(body, "В заголовке 146 знаков") {
			t.Errorf("live checks in Russian: %d %q", st, body)
		}
		if st, body := check("az"); st != http.StatusOK || !strings.Contains(body, "Başlıq 146 simvoldur") {
			t.Errorf("live checks in Azerbaijani: %d %q", st, body)
		}
		if st, _, _ := ed.do("POST", "/newsroom/checks", form); st != http.StatusForbidden {
			t.Errorf("live checks without the CSRF token answered %d, want 403", st)
		}
		id := ed.newStory("Customs deal signed")
		_, page := ed.get("/newsroom/articles/" + id)
		page = html.UnescapeString(page)
		for _, want := range []string{"Publish at (Baku time, GMT+4)", "Embargo until (Baku time, GMT+4, optional)", `id="checks-confirm"`, `data-confirm="publish"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the editor page has no %q", want)
			}
		}
	})
}
