package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var confirmRe = regexp.MustCompile(`name="confirm" value="(\d+)"`)

// TestRestoreAsksOnLiveStory checks that "Restore" on a published story shows what would
// change and asks again, that only the confirmed request rewrites the story, and that
// restores and edits of live stories are in the audit log.
func TestRestoreAsksOnLiveStory(t *testing.T) {
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	ctx := context.Background()
	ed := s.client(t)
	ed.get("/newsroom/login")
	sessionFor(t, s, ed, "admin")
	_, _, a := publishedStory(t, s, "Old headline of the live story", "The old first paragraph.")
	id := strconv.FormatInt(a.ID, 10)
	// An edit of the live story through the form.
	st, body, _ := ed.post("/newsroom/articles/"+id, url.Values{"headline": {"New headline of the live story"}, "section": {"politics"},
		"standfirst": {"Stand."}, "body": {"The new first paragraph."}, "version": {strconv.Itoa(a.Version)}})
	if st != http.StatusSeeOther {
		t.Fatalf("save = %d: %s", st, body)
	}
	cur, _ := s.st.ArticleByID(ctx, a.ID)

	// One click: a confirmation page with the differences, and nothing changed.
	st, body, _ = ed.post("/newsroom/articles/"+id+"/restore", url.Values{"version": {"1"}})
	if st != http.StatusOK {
		t.Fatalf("restore of a live story = %d, want the confirmation page", st)
	}
	for _, want := range []string{"<del>New headline of the live story</del>", "<ins>Old headline of the live story</ins>",
		"The old first paragraph.", "The new first paragraph.", `name="version" value="1"`} {
		if !strings.Contains(body, want) {
			t.Errorf("confirmation page lacks %q", want)
		}
	}
	m := confirmRe.FindStringSubmatch(body)
	if m == nil || m[1] != strconv.Itoa(cur.Version) {
		t.Fatalf("confirmation page: confirm field %v, want version %d", m, cur.Version)
	}
	if now, _ := s.st.ArticleByID(ctx, a.ID); now.Version != cur.Version || now.Headline != "New headline of the live story" {
		t.Fatalf("the live story changed in one click: v%d %q", now.Version, now.Headline)
	}

	// A confirmation against an older version is refused (someone saved in between).
	if st, _, _ := ed.post("/newsroom/articles/"+id+"/restore", url.Values{"version": {"1"}, "confirm": {strconv.Itoa(cur.Version - 1)}}); st != http.StatusConflict {
		t.Errorf("stale confirmation = %d, want 409", st)
	}
	// The confirmed request restores.
	st, _, h := ed.post("/newsroom/articles/"+id+"/restore", url.Values{"version": {"1"}, "confirm": {m[1]}})
	if st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "notice=restored") {
		t.Fatalf("confirmed restore = %d to %q", st, h.Get("Location"))
	}
	if now, _ := s.st.ArticleByID(ctx, a.ID); now.Headline != "Old headline of the live story" || now.Version != cur.Version+1 {
		t.Errorf("after the confirmed restore: v%d %q", now.Version, now.Headline)
	}
	for _, bad := range []string{"", "0", "x"} {
		if st, _, _ := ed.post("/newsroom/articles/"+id+"/restore", url.Values{"version": {bad}}); st != http.StatusBadRequest {
			t.Errorf("version %q = %d, want 400", bad, st)
		}
	}

	_, audit := ed.get("/newsroom/audit")
	for _, want := range []string{"<td>update</td>", "<td>restore</td>", "version 1 restored as version " + strconv.Itoa(cur.Version+1)} {
		if !strings.Contains(audit, want) {
			t.Errorf("audit log lacks %q", want)
		}
	}
}
