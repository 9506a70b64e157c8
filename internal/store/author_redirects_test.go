package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestAuthorSlugRedirects: an author whose slug changes keeps the old one as an address
// that leads to the new one (through every later change); changing it back gives the old
// address its page again; another author who takes a kept slug ends its redirect and purges
// the cached redirect (under the first author's key); a new staff author is never given a
// kept slug.
func TestAuthorSlugRedirects(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		p, err := st.AuthorProfile(ctx, f.author)
		if err != nil {
			t.Fatal(err)
		}
		first := p.Slug
		save := func(p *content.AuthorProfile, slug string) []string {
			t.Helper()
			p.Slug = slug
			log.reset()
			if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SaveAuthorProfile(ctx, *p) }); err != nil {
				t.Fatalf("slug %s: %v", slug, err)
			}
			keys, _ := log.last()
			return keys
		}
		leads := func(from, to string, id int64) {
			t.Helper()
			gotID, got, err := st.AuthorRedirect(ctx, from)
			if to == "" {
				if !errors.Is(err, content.ErrNotFound) {
					t.Errorf("%s leads to %d %q (%v), want no redirect", from, gotID, got, err)
				}
				return
			}
			if err != nil || gotID != id || got != to {
				t.Errorf("%s leads to %d %q (%v), want %d %q", from, gotID, got, err, id, to)
			}
		}
		save(&p, "nigar-one")
		leads(first, "nigar-one", f.author)
		if _, err := st.AuthorProfileBySlug(ctx, first); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("the old slug still finds the author: %v", err)
		}
		save(&p, "nigar-two")
		leads(first, "nigar-two", f.author)
		leads("nigar-one", "nigar-two", f.author)
		save(&p, first)
		leads(first, "", 0)
		leads("nigar-two", first, f.author)
		leads("nigar-one", first, f.author)
		if got, err := st.AuthorProfileBySlug(ctx, first); err != nil || got.ID != f.author {
			t.Errorf("the slug taken back: %+v %v", got, err)
		}

		var other int64
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			other, err = tx.CreateAuthor(ctx, content.Author{Name: "Other", Slug: "other"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		o, err := st.AuthorProfile(ctx, other)
		if err != nil {
			t.Fatal(err)
		}
		keys := save(&o, "nigar-one")
		leads("nigar-one", "", 0)
		leads("other", "nigar-one", other)
		if !slices.Contains(keys, cache.AuthorKey(f.author)) || !slices.Contains(keys, cache.AuthorKey(other)) {
			t.Errorf("taking a kept slug purged %v, want both authors' pages", keys)
		}

		u := testkit.AddUser(t, st, account.User{Email: "two@x.test", Name: "Nigar Two", Role: account.RoleCorrespondent, CreatedAt: time.Now()})
		var staff int64
		if err := st.WithTx(ctx, func(tx *store.Tx) error { staff, err = tx.StaffAuthor(ctx, u.ID); return err }); err != nil {
			t.Fatal(err)
		}
		if sp, err := st.AuthorProfile(ctx, staff); err != nil || sp.Slug != "nigar-two-2" {
			t.Errorf("a new staff author named like a kept slug got %q (%v), want nigar-two-2", sp.Slug, err)
		}
		leads("nigar-two", first, f.author)
	})
}
