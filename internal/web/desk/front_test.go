package desk_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/validate"
)

var frontIDRe = regexp.MustCompile(`<input type="hidden" name="id" value="(\d+)">`)

// publishedStories files and publishes English stories as the editor and returns their ids.
func publishedStories(t *testing.T, s *site, headlines ...string) []string {
	t.Helper()
	ctx := context.Background()
	ed, err := s.st.UserByEmail(ctx, "editor@x.test")
	if err != nil {
		t.Fatal(err)
	}
	svc := newsroom.New(s.st, nil, nil)
	var ids []string
	for _, h := range headlines {
		a, err := svc.Create(ctx, ed, newsroom.ArticleInput{Language: "en", Section: "politics", Headline: h, Body: "Body."})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.Publish(ctx, ed, a.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strconv.FormatInt(a.ID, 10))
	}
	return ids
}

// frontOrder is the order of the stories the front page screen lists.
func frontOrder(page string) []string {
	var out []string
	for _, m := range frontIDRe.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// TestFrontThroughForms arranges the front page with the screen's form alone (no
// script): add stories, reorder them by their position numbers, pin one in the newsroom's
// time zone, take one off; correspondents may not open the screen, and a form that cannot
// be saved says why.
func TestFrontThroughForms(t *testing.T) {
	testkit.Each(t, newSite, func(t *testing.T, s *site) {
		ids := publishedStories(t, s, "Form pick one", "Form pick two", "Form pick three")
		corr := s.client(t)
		corr.login("correspondent@x.test")
		if st, _ := corr.get("/newsroom/front/en"); st != http.StatusForbidden {
			t.Errorf("a correspondent opened the front page screen: %d", st)
		}
		if _, body := corr.get("/newsroom/"); strings.Contains(body, `href="/newsroom/front"`) {
			t.Error("a correspondent's navigation links the front page screen")
		}

		c := s.client(t)
		c.login("editor@x.test")
		if st, _, h := c.do("GET", "/newsroom/front", nil); st != http.StatusSeeOther || h.Get("Location") != "/newsroom/front/en" {
			t.Errorf("/newsroom/front: %d to %q", st, h.Get("Location"))
		}
		st, page := c.get("/newsroom/front/en")
		if st != http.StatusOK || !strings.Contains(page, `href="/newsroom/front" aria-current="page"`) || len(frontOrder(page)) != 0 {
			t.Fatalf("front page screen: %d", st)
		}
		for _, id := range ids {
			if !strings.Contains(page, `name="add" value="`+id+`"`) {
				t.Errorf("story %s is not offered to add", id)
			}
		}
		if st, _ := c.get("/newsroom/front/xx"); st != http.StatusNotFound {
			t.Errorf("unknown language: %d", st)
		}

		// Add all three (they join in the order offered: newest first), then reorder.
		st, body, h := c.post("/newsroom/front/en", url.Values{"add": {ids[0], ids[1], ids[2]}})
		if st != http.StatusSeeOther || h.Get("Location") != "/newsroom/front/en?notice=saved" {
			t.Fatalf("add: %d %s", st, body)
		}
		_, page = c.get("/newsroom/front/en?notice=saved")
		if got, want := frontOrder(page), []string{ids[0], ids[1], ids[2]}; !slices.Equal(got, want) {
			t.Errorf("after adding: %v, want %v", got, want)
		}
		if !strings.Contains(page, "Front page saved") || !strings.Contains(page, "Pinned until (Asia/Baku time)") {
			t.Error("no notice, or the pin field does not name its time zone")
		}
		st, body, _ = c.post("/newsroom/front/en", url.Values{"id": {ids[0], ids[1], ids[2]},
			"pos_" + ids[0]: {"3"}, "pos_" + ids[1]: {"1"}, "pos_" + ids[2]: {"2"}, "pin_" + ids[2]: {"2099-01-02T09:30"}})
		if st != http.StatusSeeOther {
			t.Fatalf("reorder: %d %s", st, body)
		}
		front, err := newsroom.New(s.st, nil, nil).Front(context.Background(), mustUser(t, s, "editor@x.test"), "en")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range front {
			got = append(got, strconv.FormatInt(f.ArticleID, 10))
		}
		if want := []string{ids[1], ids[2], ids[0]}; !slices.Equal(got, want) {
			t.Errorf("after reordering: %v, want %v", got, want)
		}
		baku, _ := time.LoadLocation("Asia/Baku")
		if pin := front[1].PinnedUntil; !pin.Equal(time.Date(2099, 1, 2, 9, 30, 0, 0, baku)) {
			t.Errorf("pin = %v, want 09:30 in Baku", pin)
		}
		_, page = c.get("/newsroom/front/en")
		if !strings.Contains(page, `name="pin_`+ids[2]+`" type="datetime-local" value="2099-01-02T09:30"`) {
			t.Error("the pin is not shown back in its field")
		}

		// Take one off; a pin in the past is refused with the reason, and nothing changes.
		if st, body, _ = c.post("/newsroom/front/en", url.Values{"id": {ids[1], ids[2], ids[0]}, "remove_" + ids[2]: {"1"}}); st != http.StatusSeeOther {
			t.Fatalf("remove: %d %s", st, body)
		}
		_, page = c.get("/newsroom/front/en")
		if got, want := frontOrder(page), []string{ids[1], ids[0]}; !slices.Equal(got, want) {
			t.Errorf("after taking one off: %v, want %v", got, want)
		}
		st, body, _ = c.post("/newsroom/front/en", url.Values{"id": {ids[1], ids[0]}, "pin_" + ids[0]: {"2001-01-01T10:00"}})
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "already passed") || !strings.Contains(body, `role="alert"`) {
			t.Errorf("a pin in the past: %d", st)
		}
		if st, body, _ = c.post("/newsroom/front/en", url.Values{"id": {ids[1]}, "pin_" + ids[1]: {"next week"}}); st != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "could not be read") {
			t.Errorf("an unreadable pin: %d", st)
		}
		if got, want := frontOrder(body), []string{ids[1], ids[0]}; !slices.Equal(got, want) {
			t.Errorf("a refused form changed the front: %v, want %v", got, want)
		}
	})
}

// TestFrontPageScreenIsValid checks the screen's markup with the HTML validator, in each
// newsroom language, with stories on the front and stories to add.
func TestFrontPageScreenIsValid(t *testing.T) {
	validate.Dir(t)
	s := newSite(t, filepath.Join(t.TempDir(), "site.db"))
	ids := publishedStories(t, s, "Valid pick one", "Valid pick two")
	c := s.client(t)
	c.login("editor@x.test")
	c.post("/newsroom/front/en", url.Values{"add": {ids[0], ids[1]}})
	pages := map[string][]byte{}
	for _, lang := range []string{"en", "ru", "az"} {
		req, _ := http.NewRequest("GET", s.srv.URL+"/newsroom/front/en", nil)
		req.Header.Set("Accept-Language", lang)
		resp, err := c.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body := string(b)
		if len(frontOrder(body)) != 2 {
			t.Fatalf("%s: the front page screen lists %v", lang, frontOrder(body))
		}
		pages["front-"+lang] = []byte(body)
	}
	validate.HTML(t, pages)
}

func mustUser(t *testing.T, s *site, email string) account.User {
	t.Helper()
	u, err := s.st.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
