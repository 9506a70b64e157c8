package desk_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPresenceOnTheEditorPage: opening a story's editor page counts at once; the page of
// someone else shows who has it open; the heartbeat answers the list; leaving removes the
// user; someone who may not see the story is refused.
func TestPresenceOnTheEditorPage(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		corr, ed := s.client(t), s.client(t)
		corr.login("correspondent@x.test")
		ed.login("editor@x.test")
		id := corr.newStory("Ferry timetable talks resume")
		page := "/newsroom/articles/" + id
		if st, body := corr.get(page); st != 200 || strings.Contains(body, "Also here:") {
			t.Fatalf("the writer's page alone: %d, shows someone else here", st)
		}
		if st, body := ed.get(page); st != 200 || !strings.Contains(body, "Also here:") || !strings.Contains(body, "Test correspondent") {
			t.Errorf("the editor's page does not show the correspondent: %d", st)
		}
		beat := func(c *client, form url.Values) (int, string) {
			t.Helper()
			st, body, _ := c.post(page+"/presence", form)
			return st, body
		}
		if st, body := beat(corr, nil); st != 200 || !strings.Contains(body, "Test editor") || strings.Contains(body, "Test correspondent") {
			t.Errorf("the writer's heartbeat: %d %q, want the editor and not themself", st, body)
		}
		if st, _ := beat(ed, url.Values{"leave": {"1"}}); st != http.StatusNoContent {
			t.Errorf("leaving answered %d", st)
		}
		if st, body := beat(corr, nil); st != 200 || strings.Contains(body, "Test editor") {
			t.Errorf("after the editor left, the heartbeat answered %d %q", st, body)
		}
		// Another correspondent may not see the story, nor register on it.
		hash, err := account.HashPassword(password)
		if err != nil {
			t.Fatal(err)
		}
		testkit.AddUser(t, s.st, account.User{Email: "second@x.test", Name: "Second correspondent", Role: account.RoleCorrespondent,
			PasswordHash: hash, CreatedAt: time.Now()})
		other2 := s.client(t)
		other2.login("second@x.test")
		if st, _ := beat(other2, nil); st != http.StatusForbidden {
			t.Errorf("another correspondent's heartbeat answered %d, want 403", st)
		}
		if st, body := beat(corr, nil); st != 200 || strings.Contains(body, "Second correspondent") {
			t.Errorf("a refused heartbeat counted: %d %q", st, body)
		}
		if st, _, _ := corr.do("POST", page+"/presence", url.Values{}); st != http.StatusForbidden {
			t.Errorf("a heartbeat without the CSRF token answered %d, want 403", st)
		}
	})
}
