package app_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestAuthorSlugChangeRedirects: when an author's slug changes, their old pages (in every
// language, with the query kept) answer 301 to the new ones, also when the old page was in
// the page cache; changing it again moves the redirect, and changing it back gives the old
// address its page again.
func TestAuthorSlugChangeRedirects(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, dsn string) {
		s := clockSiteOver(t, newDemoSite(t, dsn))
		ctx := context.Background()
		const old = "nigar-sultanli"
		for _, l := range []string{"en", "ru"} {
			if r := s.fetch(t, "/"+l+"/author/"+old); r.status != http.StatusOK { // now in the page cache
				t.Fatalf("the author's %s page before the change: %d", l, r.status)
			}
		}
		setSlug := func(slug string) {
			t.Helper()
			p, err := s.st.AuthorProfileBySlug(ctx, old)
			if err != nil {
				id, _, rerr := s.st.AuthorRedirect(ctx, old)
				if rerr != nil {
					t.Fatal(err)
				}
				if p, err = s.st.AuthorProfile(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			p.Slug = slug
			if err := s.st.WithTx(ctx, func(tx *store.Tx) error { return tx.SaveAuthorProfile(ctx, p) }); err != nil {
				t.Fatalf("slug %s: %v", slug, err)
			}
		}
		moved := func(from, to string) {
			t.Helper()
			for _, p := range []string{"/en/author/%s", "/ru/author/%s", "/az/author/%s?page=2"} {
				resp, _ := s.get(t, fmt.Sprintf(p, from))
				if want := fmt.Sprintf(p, to); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
					t.Errorf("GET %s = %d → %q, want 301 → %s", fmt.Sprintf(p, from), resp.StatusCode, resp.Header.Get("Location"), want)
				}
			}
		}
		setSlug("nigar-s")
		moved(old, "nigar-s")
		if r := s.fetch(t, "/en/author/nigar-s"); r.status != http.StatusOK {
			t.Errorf("the new address: %d", r.status)
		}
		setSlug("n-sultanli")
		moved(old, "n-sultanli")
		moved("nigar-s", "n-sultanli")
		setSlug(old)
		if r := s.fetch(t, "/en/author/"+old); r.status != http.StatusOK {
			t.Errorf("the old address after changing back: %d, want the author's page", r.status)
		}
		moved("n-sultanli", old)
		if r := s.fetch(t, "/en/author/zqx-never-an-author"); r.status != http.StatusNotFound {
			t.Errorf("an unknown author: %d", r.status)
		}
	})
}
