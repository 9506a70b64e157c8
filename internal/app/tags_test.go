package app_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/httpx"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/web"
)

// clockSite is the demo edition's public site with the page cache on and a clock the
// test moves, and the newsroom on the same clock.
type clockSite struct {
	*demoSite
	clock *testClock
	svc   *newsroom.Service
	ed    account.User
}

// clockSiteOver serves the store of a demo site again, on a clock of its own (the demo
// site's server is not used).
func clockSiteOver(t *testing.T, demo *demoSite) *clockSite {
	t.Helper()
	st := demo.st
	clock := &testClock{}
	pages := cache.New(16 << 20)
	srv := testkit.Serve(t, func(baseURL string) (http.Handler, error) {
		public, err := web.New(web.Config{Store: st, BaseURL: baseURL, Now: clock.now, Cache: pages})
		if err != nil {
			return nil, err
		}
		st.OnPurge(func(keys []string, _ bool) { pages.Purge(keys...) })
		return httpx.Wrap(public, httpx.Options{MaxBody: 1 << 20, Hit: public.Hit}), nil
	})
	ed := testkit.AddUser(t, st, account.User{Email: "tags@x.test", Name: "Tag Editor", Role: account.RoleEditor, CreatedAt: time.Now()})
	return &clockSite{demoSite: &demoSite{srv: srv, st: st}, clock: clock, svc: newsroom.New(st, nil, clock.now), ed: ed}
}

// storyIn files a story carrying tag and leaves it in state: draft, submitted,
// scheduled (an hour from now), embargoed (published, embargo lifting in an hour),
// withdrawn or published. It returns the tag's slug.
func (s *clockSite) storyIn(t *testing.T, state, tag string) string {
	t.Helper()
	ctx := context.Background()
	in := newsroom.ArticleInput{Language: "en", Section: "politics", Headline: "Story " + tag, Body: "Body.", Tags: []string{tag}}
	if state == "embargoed" {
		in.EmbargoUntil = s.clock.now().Add(time.Hour)
	}
	a, err := s.svc.Create(ctx, s.ed, in)
	if err != nil {
		t.Fatal(err)
	}
	switch state {
	case "submitted":
		_, err = s.svc.Submit(ctx, s.ed, a.ID)
	case "scheduled":
		_, err = s.svc.Schedule(ctx, s.ed, a.ID, s.clock.now().Add(time.Hour))
	case "embargoed", "published":
		_, _, err = s.svc.Publish(ctx, s.ed, a.ID)
	case "withdrawn":
		if _, _, err = s.svc.Publish(ctx, s.ed, a.ID); err == nil {
			_, err = s.svc.Unpublish(ctx, s.ed, a.ID, "Withdrawn for the tag test.")
		}
	}
	if err != nil {
		t.Fatalf("%s story: %v", state, err)
	}
	return content.Slugify(tag)
}

// response is what a client learns from one answer.
type response struct {
	status int
	header http.Header
	body   string
}

func (s *clockSite) fetch(t *testing.T, path string) response {
	t.Helper()
	resp, body := s.get(t, path)
	h := resp.Header.Clone()
	for _, k := range []string{"X-Request-Id", "Date"} { // differ between any two answers
		h.Del(k)
	}
	return response{resp.StatusCode, h, body}
}

// tagPaths are the URLs of a tag: its page, its pages, its feeds.
func tagPaths(slug string) []string {
	base := "/en/tag/" + slug
	return []string{base, base + "?page=1", base + "?page=2", base + "?page=abc", base + "/feed/rss.xml",
		base + "/feed/atom.xml", base + "/feed/feed.json", base + "/feed/other.xml"}
}

// likeUnknown checks that every URL of the tag answers exactly as the same URL of a tag
// that never existed: status, headers (but the request id and date) and body.
func (s *clockSite) likeUnknown(t *testing.T, slug string) {
	t.Helper()
	s.answersLike(t, tagPaths(slug), slug, "zqxnosuchtag")
}

// answersLike checks that each of paths answers exactly as the same path with name
// replaced by unknown, a 404.
func (s *clockSite) answersLike(t *testing.T, paths []string, name, unknown string) {
	t.Helper()
	for _, p := range paths {
		got, want := s.fetch(t, p), s.fetch(t, strings.Replace(p, name, unknown, 1))
		if want.status != http.StatusNotFound {
			t.Fatalf("unknown %s: %s = %d", unknown, p, want.status)
		}
		if got.status != want.status {
			t.Errorf("GET %s = %d, an unknown one %d", p, got.status, want.status)
			continue
		}
		if got.body != want.body {
			t.Errorf("GET %s: body differs from an unknown one's", p)
		}
		for k := range mergeKeys(got.header, want.header) {
			if g, w := got.header.Values(k), want.header.Values(k); strings.Join(g, "\n") != strings.Join(w, "\n") {
				t.Errorf("GET %s: header %s = %q, an unknown one %q", p, k, g, w)
			}
		}
	}
}

func mergeKeys(a, b http.Header) map[string]bool {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	return keys
}

// TestUnpublishedTagIsUnknown: a tag that only unpublished stories carry answers on
// every URL exactly like a tag that does not exist, and one whose story comes due (its
// scheduled time, its embargo) shows by the clock alone, not kept as a 404. Issue 17,
// hole 4.
func TestUnpublishedTagIsUnknown(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		states := []struct {
			state    string
			comesDue bool // public after an hour and a run of the scheduler
		}{
			{"draft", false}, {"submitted", false}, {"scheduled", true}, {"embargoed", true}, {"withdrawn", false},
		}
		slugs := map[string]string{}
		for _, st := range states {
			slugs[st.state] = s.storyIn(t, st.state, "Zqxsecret "+st.state)
		}
		for _, st := range states {
			t.Run(st.state, func(t *testing.T) { s.likeUnknown(t, slugs[st.state]) })
		}
		// The search finds nothing by an unpublished tag either.
		if _, body := s.get(t, "/search.json?lang=en&q=zqxsecret"); !strings.Contains(body, `"total":0`) {
			t.Errorf("search by an unpublished tag: %s", body)
		}
		// Published: the tag page and its feeds show the story.
		pub := s.storyIn(t, "published", "Zqxsecret published")
		for _, p := range tagPaths(pub)[:2] {
			if r := s.fetch(t, p); r.status != 200 || !strings.Contains(r.body, "Story Zqxsecret published") {
				t.Errorf("GET %s = %d", p, r.status)
			}
		}
		// An hour later (the scheduler has run), the scheduled and embargoed stories' tags
		// are public; the others still unknown.
		s.clock.advance(time.Hour + time.Minute)
		if _, err := s.svc.PublishDue(context.Background()); err != nil {
			t.Fatal(err)
		}
		for _, st := range states {
			t.Run(st.state+"_later", func(t *testing.T) {
				if !st.comesDue {
					s.likeUnknown(t, slugs[st.state])
					return
				}
				for _, p := range append(tagPaths(slugs[st.state])[:2], "/en/tag/"+slugs[st.state]+"/feed/rss.xml") {
					if r := s.fetch(t, p); r.status != 200 || !strings.Contains(r.body, "Story Zqxsecret "+st.state) {
						t.Errorf("GET %s = %d after the story came due", p, r.status)
					}
				}
			})
		}
	})
}

// TestEmbargoedTagShowsByTheClock: a tag page asked for before an embargo lifts shows the
// story once it has, with no write in between (nothing purges the cache then).
func TestEmbargoedTagShowsByTheClock(t *testing.T) {
	s := clockSiteOver(t, newDemoSite(t, filepath.Join(t.TempDir(), "site.db")))
	slug := s.storyIn(t, "embargoed", "Zqxembargo")
	for range 2 { // the second answer could come from the page cache
		if r := s.fetch(t, "/en/tag/"+slug); r.status != http.StatusNotFound {
			t.Fatalf("before the embargo lifts: %d", r.status)
		}
	}
	s.clock.advance(time.Hour + time.Second)
	if r := s.fetch(t, "/en/tag/"+slug); r.status != 200 || !strings.Contains(r.body, "Story Zqxembargo") {
		t.Errorf("after the embargo lifted: %d", r.status)
	}
}

// TestAuthorWithoutPublicStoryIsUnknown: the page of an author none of whose stories is
// public in its language answers like an unknown author's, whatever the page asked.
func TestAuthorWithoutPublicStoryIsUnknown(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		ctx := context.Background()
		now := s.clock.now()
		err := s.st.WithTx(ctx, func(tx *store.Tx) error {
			id, err := tx.CreateAuthor(ctx, content.Author{Name: "Zqx Newhire", Slug: "zqx-newhire", Role: "Correspondent"})
			if err != nil {
				return err
			}
			sec, err := s.st.SectionBySlug(ctx, "en", "politics")
			if err != nil {
				return err
			}
			_, err = tx.CreateArticle(ctx, content.Article{Language: "en", Section: sec, Author: content.Author{ID: id},
				Headline: "Zqx newhire draft", Slug: "zqx-newhire-draft", BodyMD: "Body.", BodyHTML: "<p>Body.</p>",
				Status: content.StatusDraft, CreatedAt: now, UpdatedAt: now})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		base := "/en/author/zqx-newhire"
		s.answersLike(t, []string{base, base + "?page=1", base + "?page=2", base + "?page=abc"}, "zqx-newhire", "zqx-nobody")
		// An author with public stories keeps the page.
		if r := s.fetch(t, "/en/author/nigar-sultanli"); r.status != 200 {
			t.Errorf("author with stories: %d", r.status)
		}
	})
}
