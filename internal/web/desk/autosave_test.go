package desk_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// autosave sends a working copy of story id as the editor's script does.
func (c *client) autosave(id, version, body string) (int, map[string]any) {
	c.t.Helper()
	st, b, _ := c.post("/newsroom/articles/"+id+"/autosave", url.Values{"version": {version}, "headline": {"Autosaved headline"},
		"section": {"politics"}, "body": {body}})
	var answer map[string]any
	if err := json.Unmarshal([]byte(b), &answer); err != nil && st != http.StatusForbidden {
		c.t.Fatalf("autosave answer %d is not JSON: %q", st, b)
	}
	return st, answer
}

// TestAutosave: the editor's working copy is kept per story and user without touching
// the story or its history, offered back on open, cleared by Save; Save over a newer
// version still shows the conflict page; only who may edit the story may keep a copy,
// and only with the CSRF token.
func TestAutosave(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ctx := context.Background()
		corr, ed := s.client(t), s.client(t)
		corr.get("/newsroom/login")
		ed.get("/newsroom/login")
		sessionFor(t, s, corr, "correspondent")
		sessionFor(t, s, ed, "editor")
		id := corr.newStory("Autosave story")
		nid, _ := strconv.ParseInt(id, 10, 64)
		before, _ := s.st.ArticleByID(ctx, nid)
		revs, _ := s.st.Revisions(ctx, nid)

		var savedAt string
		for _, text := range []string{"First words typed.", "First words typed, and more."} {
			st, answer := corr.autosave(id, "1", text)
			if st != http.StatusOK || answer["saved_at"] == nil || answer["newer_version"] != false {
				t.Fatalf("autosave = %d %v, want 200 with saved_at", st, answer)
			}
			savedAt, _ = answer["saved_at"].(string)
		}
		now, _ := s.st.ArticleByID(ctx, nid)
		nowRevs, _ := s.st.Revisions(ctx, nid)
		if now.Version != before.Version || now.BodyMD != before.BodyMD || len(nowRevs) != len(revs) {
			t.Fatalf("autosave changed the story: v%d→v%d, %d→%d revisions", before.Version, now.Version, len(revs), len(nowRevs))
		}
		// The page offers the copy back; ?copy=autosave shows it in the form, on its version.
		_, page := corr.get("/newsroom/articles/" + id)
		if !strings.Contains(page, `id="working-copy"`) || !strings.Contains(page, `href="?copy=autosave"`) {
			t.Fatal("the edit page does not offer the autosaved copy")
		}
		// The notice gives the copy's time in the user's own zone, not the site's (Baku).
		corr.post("/newsroom/me", url.Values{"language": {""}, "time_zone": {"America/New_York"}})
		at, err := time.Parse(time.RFC3339Nano, savedAt)
		if err != nil {
			t.Fatalf("saved_at %q: %v", savedAt, err)
		}
		ny, _ := time.LoadLocation("America/New_York")
		if _, page := corr.get("/newsroom/articles/" + id); !strings.Contains(page, "autosaved at "+at.In(ny).Format("15:04")+" ") {
			t.Errorf("the working-copy notice does not give %s (New York time): %s", at.In(ny).Format("15:04"), around(page, "autosaved at"))
		}
		_, page = corr.get("/newsroom/articles/" + id + "?copy=autosave")
		if !strings.Contains(page, "First words typed, and more.</textarea>") || !strings.Contains(page, `name="version" value="1"`) {
			t.Fatal("?copy=autosave does not show the working copy on its version")
		}

		// Without the CSRF token nothing is kept.
		st, _, _ := corr.do("POST", "/newsroom/articles/"+id+"/autosave", url.Values{"version": {"1"}, "body": {"Forged."}})
		if st != http.StatusForbidden {
			t.Errorf("autosave without CSRF = %d, want 403", st)
		}
		// Bad input is a clear 4xx.
		for _, tc := range []struct {
			name, id, version, body string
			want                    int
		}{
			{"version not a number", id, "x", "Text.", http.StatusUnprocessableEntity},
			{"version from the future", id, "9", "Text.", http.StatusUnprocessableEntity},
			{"body too long", id, "1", strings.Repeat("word ", 120_000), http.StatusUnprocessableEntity},
			{"no such story", "999999", "1", "Text.", http.StatusNotFound},
		} {
			if st, answer := corr.autosave(tc.id, tc.version, tc.body); st != tc.want || answer["error"] == "" {
				t.Errorf("%s: autosave = %d %v, want %d with an error", tc.name, st, answer, tc.want)
			}
		}
		if a, err := s.autosaves(nid, "correspondent@x.test"); err != nil || a != "First words typed, and more." {
			t.Fatalf("working copy = %q, %v after refused requests", a, err)
		}

		// Someone else saves a newer version: the answer says so, and Save of the old
		// copy gives the conflict page with both texts.
		if st, _, _ := ed.post("/newsroom/articles/"+id, url.Values{"headline": {"Autosave story"}, "section": {"politics"},
			"body": {"The editor's newer text."}, "version": {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("editor's save = %d", st)
		}
		if st, answer := corr.autosave(id, "1", "Mine, begun from version one."); st != http.StatusOK || answer["newer_version"] != true {
			t.Errorf("autosave over a newer version = %d %v, want newer_version", st, answer)
		}
		st, page, _ = corr.post("/newsroom/articles/"+id, url.Values{"headline": {"Autosave story"}, "section": {"politics"},
			"body": {"Mine, begun from version one."}, "version": {"1"}})
		if st != http.StatusConflict || !strings.Contains(page, "newer text") || !strings.Contains(page, "Mine, begun from version one.") {
			t.Fatalf("save of the old copy = %d, want the conflict page with both texts", st)
		}
		// Save clears the copy.
		if st, _, _ := corr.post("/newsroom/articles/"+id, url.Values{"headline": {"Autosave story"}, "section": {"politics"},
			"body": {"Mine, saved."}, "version": {"2"}}); st != http.StatusSeeOther {
			t.Fatalf("save = %d", st)
		}
		if a, err := s.autosaves(nid, "correspondent@x.test"); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("after Save the working copy is still there: %q, %v", a, err)
		}

		// Who may not edit the story may not keep a copy: the editor's own story, and the
		// correspondent's story once submitted.
		edStory := ed.newStory("Editor's own story")
		if st, _ := corr.autosave(edStory, "1", "Not mine."); st != http.StatusForbidden {
			t.Errorf("autosave of another's story = %d, want 403", st)
		}
		if st, _, _ := corr.post("/newsroom/articles/"+id+"/submit", nil); st != http.StatusSeeOther {
			t.Fatalf("submit = %d", st)
		}
		if st, _ := corr.autosave(id, "3", "After submitting."); st != http.StatusForbidden {
			t.Errorf("autosave of a submitted story by its correspondent = %d, want 403", st)
		}

		// A live story does not change: no new version, no revision, same public text.
		_, _, live := publishedStory(t, s, "Live story kept as published", "The published text.")
		lid := strconv.FormatInt(live.ID, 10)
		liveRevs, _ := s.st.Revisions(ctx, live.ID)
		if st, _ := ed.autosave(lid, strconv.Itoa(live.Version), "Half-typed change to a live story."); st != http.StatusOK {
			t.Fatalf("autosave of a live story = %d", st)
		}
		after, _ := s.st.ArticleByID(ctx, live.ID)
		afterRevs, _ := s.st.Revisions(ctx, live.ID)
		if after.Version != live.Version || after.BodyMD != live.BodyMD || after.BodyHTML != live.BodyHTML || len(afterRevs) != len(liveRevs) {
			t.Fatalf("autosave changed the live story: %+v", after)
		}
		// Discard forgets the copy.
		if st, _, _ := ed.post("/newsroom/articles/"+lid+"/autosave/discard", nil); st != http.StatusSeeOther {
			t.Errorf("discard = %d", st)
		}
		if _, err := s.autosaves(live.ID, "editor@x.test"); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("after Discard the working copy is still there: %v", err)
		}
	})
}

// autosaves returns the body of the working copy of a story by the user with email.
func (s *site) autosaves(id int64, email string) (string, error) {
	ctx := context.Background()
	u, err := s.st.UserByEmail(ctx, email)
	if err != nil {
		return "", err
	}
	a, err := s.st.AutosaveOf(ctx, id, u.ID)
	return a.Fields["body"], err
}

// around returns the part of page near the first occurrence of s, for a failure message.
func around(page, s string) string {
	i := strings.Index(page, s)
	if i < 0 {
		return "(no " + strconv.Quote(s) + ")"
	}
	return page[i:min(len(page), i+80)]
}
