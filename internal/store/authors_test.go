package store_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestStaffAuthor: a member of staff gets one author, made on first need at a free slug
// from their name, found again afterwards; a disabled account's author is not staff.
func TestStaffAuthor(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		// "Nigar Test" already has the slug nigar-test (the fixture's author without account).
		u := testkit.AddUser(t, st, account.User{Email: "nt@x.test", Name: "Nigar Test", Role: account.RoleCorrespondent, CreatedAt: f.now})
		ru := testkit.AddUser(t, st, account.User{Email: "ru@x.test", Name: "Нигяр Тест", Role: account.RoleCorrespondent, CreatedAt: f.now, Disabled: true})
		if _, err := st.AuthorOfUser(ctx, u.ID); !errors.Is(err, content.ErrNotFound) {
			t.Fatalf("author of a new user before any need: %v, want not found", err)
		}
		ids := map[int64]int64{}
		for range 2 {
			for _, user := range []int64{u.ID, ru.ID} {
				err := st.WithTx(ctx, func(tx *store.Tx) error {
					id, err := tx.StaffAuthor(ctx, user)
					if prev, ok := ids[user]; ok && prev != id {
						t.Errorf("user %d: author %d, then %d", user, prev, id)
					}
					ids[user] = id
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		tests := []struct {
			user       int64
			slug, name string
			staff      bool
		}{
			{u.ID, "nigar-test-2", "Nigar Test", true},
			{ru.ID, "nigyar-test", "Нигяр Тест", false},
		}
		for _, tc := range tests {
			p, err := st.AuthorOfUser(ctx, tc.user)
			if err != nil || p.ID != ids[tc.user] || p.Slug != tc.slug || p.Name != tc.name || p.Staff != tc.staff || p.UserID != tc.user {
				t.Errorf("author of user %d: %+v %v, want slug %s name %s staff %v", tc.user, p, err, tc.slug, tc.name, tc.staff)
			}
		}
		err := st.WithTx(ctx, func(tx *store.Tx) error { _, err := tx.StaffAuthor(ctx, 99999); return err })
		if !errors.Is(err, content.ErrNotFound) {
			t.Errorf("author of no user: %v, want not found", err)
		}
	})
}

// TestAuthorProfile: a profile is saved and read back whole; saving purges the author's
// pages, and the pages of their stories only when the address (slug) changes; a slug
// another author has is a conflict; the photo's new alt text purges the author's pages.
func TestAuthorProfile(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		var img int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			img, _, err = tx.InsertImage(ctx, content.Image{Hash: strings.Repeat("a7", 32), Format: "jpeg", Width: 8, Height: 8,
				Renditions: []content.Rendition{{Width: 8, Height: 8, File: "a7-8.jpg"}}, Alt: "Portrait"}, 0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		cur, err := st.AuthorProfile(ctx, f.author)
		if err != nil {
			t.Fatal(err)
		}
		p := cur
		p.Role, p.Photo = "Correspondent", &content.Image{ID: img}
		p.Texts = map[string]content.AuthorText{"ru": {Name: "Нигяр Тест", Bio: "Пишет из Вашингтона.\nВторой абзац."}, "en": {Bio: "Writes from Washington."}}
		p.Links = []content.AuthorLink{{Label: "Website", URL: "https://nigar.example/"}, {URL: "mailto:n@x.example"}}
		save := func(p content.AuthorProfile) ([]string, error) {
			t.Helper()
			log.reset()
			err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SaveAuthorProfile(ctx, p) })
			keys, _ := log.last()
			return keys, err
		}
		keys, err := save(p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(keys, []string{cache.AuthorKey(f.author)}) {
			t.Errorf("saving the profile purged %v, want the author's pages only", keys)
		}
		got, err := st.AuthorProfileBySlug(ctx, p.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if got.Photo == nil || got.Photo.ID != img || got.Photo.Alt != "Portrait" || len(got.Photo.Renditions) != 1 {
			t.Errorf("photo: %+v", got.Photo)
		}
		got.Photo, p.Photo = nil, nil
		if !reflect.DeepEqual(got, p) {
			t.Errorf("read back %+v\nwant %+v", got, p)
		}
		p.Slug, p.Photo = "nigar-t", &content.Image{ID: img}
		if keys, err = save(p); err != nil {
			t.Fatal(err)
		}
		if want := []string{cache.AuthorKey(f.author), cache.BylineKey(f.author)}; !slices.Equal(keys, want) {
			t.Errorf("a new slug purged %v, want %v", keys, want)
		}
		var other int64
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			other, err = tx.CreateAuthor(ctx, content.Author{Name: "Other", Slug: "other"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		o, err := st.AuthorProfile(ctx, other)
		if err != nil {
			t.Fatal(err)
		}
		o.Slug = "nigar-t"
		if _, err := save(o); !errors.Is(err, content.ErrConflict) {
			t.Errorf("a taken slug: %v, want a conflict", err)
		}
		log.reset()
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetImageText(ctx, img, "A new alt", "", "") }); err != nil {
			t.Fatal(err)
		}
		if keys, _ := log.last(); !slices.Contains(keys, cache.AuthorKey(f.author)) || slices.Contains(keys, cache.AuthorKey(other)) {
			t.Errorf("the photo's new text purged %v, want the author's pages (%s)", keys, cache.AuthorKey(f.author))
		}
	})
}

// TestLinkStaffAuthors: migration 0021's step links the stories the newsroom filed
// before it (an owner, no author) to their owner's author, and leaves the others.
func TestLinkStaffAuthors(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		u := testkit.AddUser(t, st, account.User{Email: "old@x.test", Name: "Old Hand", Role: account.RoleEditor, CreatedAt: f.now})
		var filed, imported int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			mk := func(slug string, owner int64) (int64, error) {
				return tx.CreateArticle(ctx, content.Article{Language: "en", Section: f.politics, Headline: slug, Slug: slug,
					Byline: "Staff", Status: content.StatusDraft, OwnerID: owner, CreatedAt: f.now, UpdatedAt: f.now.Add(time.Minute)})
			}
			if filed, err = mk("filed", u.ID); err != nil {
				return err
			}
			imported, err = mk("imported", 0)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // idempotent
			if err := st.LinkStaffAuthors(ctx); err != nil {
				t.Fatal(err)
			}
		}
		au, err := st.AuthorOfUser(ctx, u.ID)
		if err != nil || au.Slug != "old-hand" {
			t.Fatalf("the owner's author: %+v %v", au, err)
		}
		tests := []struct {
			id     int64
			author int64
		}{{filed, au.ID}, {imported, 0}, {f.lead, f.author}}
		for _, tc := range tests {
			a, err := st.ArticleByID(ctx, tc.id)
			if err != nil || a.Author.ID != tc.author || a.Byline != "Staff" && tc.id != f.lead {
				t.Errorf("story %d: author %d (%v), want %d", tc.id, a.Author.ID, err, tc.author)
			}
		}
	})
}

// TestStaffAuthorMadeOnce: several transactions asking at once for the author of a user
// who has none all get the same one, and only one is made (two stories filed together by
// a new correspondent; on PostgreSQL the second insert used to fail on the slug).
func TestStaffAuthorMadeOnce(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		u := testkit.AddUser(t, st, account.User{Email: "once@x.test", Name: "Rauf Once", Role: account.RoleCorrespondent, CreatedAt: f.now})
		const n = 6
		ids, errs := make([]int64, n), make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				errs[i] = st.WithTx(ctx, func(tx *store.Tx) error {
					var err error
					ids[i], err = tx.StaffAuthor(ctx, u.ID)
					return err
				})
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Errorf("transaction %d: author %d, %v (the first got %d)", i, ids[i], errs[i], ids[0])
			}
		}
		p, err := st.AuthorOfUser(ctx, u.ID)
		if err != nil || p.ID != ids[0] || p.Slug != "rauf-once" {
			t.Errorf("author of the user: %+v %v", p, err)
		}
	})
}
