package desk_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestDashboardAndNotifications: the newsroom's home is the dashboard (old story-list
// links redirect to /newsroom/stories); a submission shows in the editor's "waiting"
// panel, raises their badge and lists in their notifications; a return shows in the
// correspondent's "returned to me" panel with the note; marking read and the preferences
// form work; the events stream says that something changed. On both databases.
func TestDashboardAndNotifications(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := newSite(t, dsn)
		corr, ed := s.client(t), s.client(t)
		corr.login("correspondent@x.test")
		ed.login("editor@x.test")

		if st, _, h := ed.do("GET", "/newsroom/?status=submitted&q=ferry", nil); st != http.StatusMovedPermanently ||
			h.Get("Location") != "/newsroom/stories?q=ferry&status=submitted" {
			t.Errorf("an old list link answered %d to %q", st, h.Get("Location"))
		}
		if st, body := ed.get("/newsroom/stories?status=submitted"); st != 200 || !strings.Contains(body, `action="/newsroom/stories"`) {
			t.Errorf("the story list answered %d", st)
		}
		if st, body := ed.get("/newsroom/stories?q=%3F%21"); st != 200 || !strings.Contains(body, "Type a word of the headline") {
			t.Errorf("a headline search without a word answered %d:\n%s", st, body)
		}
		_, home := ed.get("/newsroom/")
		stamp := regexp.MustCompile(`data-stamp="([^"]*)"`).FindStringSubmatch(home)
		if stamp == nil || !strings.Contains(home, "Nothing is waiting.") {
			t.Fatalf("the editor's dashboard before any submission:\n%s", home)
		}

		// The events stream, opened with the stamp of the page, reports the change.
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", s.srv.URL+"/newsroom/events?since="+url.QueryEscape(stamp[1]), nil)
		resp, err := ed.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
			t.Fatalf("events answered %d %q", resp.StatusCode, ct)
		}

		id := corr.newStory("Ferry timetable changes")
		if st, _, _ := corr.post("/newsroom/articles/"+id+"/submit", nil); st != http.StatusSeeOther {
			t.Fatalf("submit = %d", st)
		}
		// Change events come whenever the desk's stamp moves: the new draft may give one of
		// its own (unread 0) if the stream looks between the two requests; the submission's
		// event says 1 unread. Wait for it (the context's two minutes guard a hang).
		lines := bufio.NewScanner(resp.Body)
		var seen []string
		for found := false; !found; {
			event := ""
			for event != "event: change" && lines.Scan() {
				if strings.HasPrefix(lines.Text(), "event:") {
					event = lines.Text()
				}
			}
			if !lines.Scan() {
				t.Fatalf("the stream ended before a change event with the submission (seen %q): %v", seen, lines.Err())
			}
			seen = append(seen, lines.Text())
			found = strings.Contains(lines.Text(), `"unread": 1`)
			if !found && !strings.Contains(lines.Text(), `"unread": 0`) {
				t.Fatalf("a change event with an unexpected count: %q", lines.Text())
			}
		}
		cancel()

		_, panels := ed.get("/newsroom/dashboard")
		if !strings.Contains(panels, "Ferry timetable changes") || strings.Contains(panels, "<html") {
			t.Errorf("the dashboard's panels after the submission:\n%s", panels)
		}
		_, home = ed.get("/newsroom/")
		if !regexp.MustCompile(`data-unread>1</span>`).MatchString(home) {
			t.Errorf("no unread badge of 1 on the editor's dashboard")
		}
		_, list := ed.get("/newsroom/notifications")
		if !strings.Contains(list, "A story waits for an editor") || !strings.Contains(list, "/newsroom/articles/"+id) {
			t.Errorf("the editor's notifications:\n%s", list)
		}
		if st, _, _ := ed.post("/newsroom/notifications/read", url.Values{}); st != http.StatusSeeOther {
			t.Errorf("mark read = %d", st)
		}
		if _, home = ed.get("/newsroom/"); !strings.Contains(home, "data-unread hidden>0</span>") {
			t.Errorf("the badge after marking read is not hidden")
		}
		if st, _, _ := ed.post("/newsroom/notifications/read", url.Values{"upto": {"x"}}); st != http.StatusBadRequest {
			t.Errorf("a bad upto answered %d", st)
		}

		// The correspondent turns off the in-app notice of returns; the return still
		// shows on their dashboard, with its note.
		if st, _, _ := corr.post("/newsroom/notifications/prefs", url.Values{"email_returned": {"1"}, "app_published": {"1"}}); st != http.StatusSeeOther {
			t.Errorf("save preferences = %d", st)
		}
		_, prefs := corr.get("/newsroom/notifications")
		if strings.Contains(prefs, `name="app_returned" value="1" checked`) || !strings.Contains(prefs, `name="email_returned" value="1" checked`) {
			t.Errorf("the preferences form does not show what was saved")
		}
		if st, _, _ := ed.post("/newsroom/articles/"+id+"/return", url.Values{"note": {"Add the winter sailings."}}); st != http.StatusSeeOther {
			t.Fatalf("return = %d", st)
		}
		_, home = corr.get("/newsroom/")
		if !strings.Contains(home, "Returned to me") || !strings.Contains(home, "Add the winter sailings.") {
			t.Errorf("the correspondent's dashboard lacks the returned story and its note")
		}
		if strings.Contains(home, "data-unread>") {
			t.Errorf("a notification the correspondent turned off raised the badge")
		}
	})
}

// TestDashboardUpcoming: the scheduled and embargoed panels list what comes due first, out
// of all such stories however many there are, and link to the rest on the story list.
func TestDashboardUpcoming(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ctx := context.Background()
		ed := s.client(t)
		ed.login("editor@x.test")
		nid, _ := strconv.ParseInt(ed.newStory("Template story"), 10, 64)
		tmpl, err := s.st.ArticleByID(ctx, nid)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		// More scheduled stories than the panel shows, the soonest made last; and 3 embargoed.
		const scheduled = 23
		err = s.st.WithTx(ctx, func(tx *store.Tx) error {
			for i := range scheduled {
				a := tmpl
				a.ID, a.GroupID, a.Status = 0, 0, content.StatusScheduled
				a.Headline, a.Slug = fmt.Sprintf("Scheduled story %02d", i), fmt.Sprintf("scheduled-story-%02d", i)
				a.PublishedAt = now.Add(time.Duration(scheduled-i) * time.Hour)
				if _, err := tx.CreateArticle(ctx, a); err != nil {
					return err
				}
			}
			for i := range 3 {
				a := tmpl
				a.ID, a.GroupID, a.Status = 0, 0, content.StatusPublished
				a.Headline, a.Slug = fmt.Sprintf("Embargoed story %d", i), fmt.Sprintf("embargoed-story-%d", i)
				a.PublishedAt, a.EmbargoUntil = now.Add(-time.Hour), now.Add(time.Duration(3-i)*time.Hour)
				if _, err := tx.CreateArticle(ctx, a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		_, home := ed.get("/newsroom/")
		if !strings.Contains(home, "Scheduled story 22") || strings.Contains(home, "Scheduled story 02") {
			t.Error("the scheduled panel does not lead with the stories due soonest")
		}
		if !strings.Contains(home, `href="/newsroom/stories?status=scheduled">and 3 more</a>`) {
			t.Errorf("the scheduled panel does not link to the 3 stories beyond it:\n%s", around(home, "p-scheduled"))
		}
		if i, j := strings.Index(home, "Embargoed story 2"), strings.Index(home, "Embargoed story 0"); i < 0 || j < 0 || i > j {
			t.Error("the embargoed panel does not list the embargo that lifts first first")
		}
		if _, list := ed.get("/newsroom/stories?status=published&embargoed=1"); !strings.Contains(list, "Embargoed story 1") ||
			strings.Contains(list, "Template story") {
			t.Error("the story list's embargo filter does not list just the embargoed stories")
		}
	})
}
