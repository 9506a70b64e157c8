package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestImageKnownBytesKeepText: recording bytes already known returns the image that is
// there and changes none of its text, whoever records them and whatever text they bring.
func TestImageKnownBytesKeepText(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		first := content.Image{Hash: strings.Repeat("c1", 32), Format: "png", Width: 40, Height: 30,
			Renditions: []content.Rendition{{Width: 40, Height: 30, File: strings.Repeat("c1", 16) + "-40.png"}},
			Alt:        "Harbour cranes at dawn", Caption: "Port of Alat", Credit: "First"}
		again := first
		again.Alt, again.Caption, again.Credit = "FAKE burning port", "Fabricated", "Second"
		var id int64
		tests := []struct {
			name        string
			img         content.Image
			wantCreated bool
		}{
			{"first upload", first, true},
			{"same bytes, other text", again, false},
			{"same bytes, same text", first, false},
		}
		for _, tc := range tests {
			var got int64
			var created bool
			err := st.WithTx(ctx, func(tx *store.Tx) error {
				var err error
				got, created, err = tx.InsertImage(ctx, tc.img, 0)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if id == 0 {
				id = got
			}
			if got != id || created != tc.wantCreated {
				t.Errorf("%s: id %d created %v, want id %d created %v", tc.name, got, created, id, tc.wantCreated)
			}
		}
		// The importer's CreateImage keeps the text too.
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			got, err := tx.CreateImage(ctx, again, 0)
			if err == nil && got != id {
				t.Errorf("CreateImage gave %d, want %d", got, id)
			}
			return err
		}); err != nil {
			t.Fatal(err)
		}
		img, err := st.ImageByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if img.Alt != first.Alt || img.Caption != first.Caption || img.Credit != first.Credit {
			t.Errorf("image %d now reads %q / %q / %q", id, img.Alt, img.Caption, img.Credit)
		}
	})
}

// TestImageTextChange: ImageUsage says who uploaded an image and which stories lead with
// it; SetImageText changes the text and purges the pages of exactly those stories.
func TestImageTextChange(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		var log purgeLog
		st.OnPurge(log.record)
		var uploader, imgID, other, shown, draft int64
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			if uploader, err = tx.CreateUser(ctx, account.User{Email: "up@agency.test", Name: "Uploader", Role: "correspondent",
				PasswordHash: "-", CreatedAt: time.Now()}); err != nil {
				return err
			}
			if imgID, _, err = tx.InsertImage(ctx, content.Image{Hash: strings.Repeat("d2", 32), Format: "jpeg", Width: 8, Height: 8,
				Alt: "Old alt"}, uploader); err != nil {
				return err
			}
			if other, _, err = tx.InsertImage(ctx, content.Image{Hash: strings.Repeat("e3", 32), Format: "jpeg", Width: 8, Height: 8,
				Alt: "Other"}, 0); err != nil {
				return err
			}
			mk := func(slug string, status content.Status, owner, lead int64) (int64, error) {
				return tx.CreateArticle(ctx, content.Article{Language: "en", Section: f.politics, Headline: "Story " + slug,
					Slug: slug, Status: status, PublishedAt: f.now.Add(-time.Hour), UpdatedAt: f.now, OwnerID: owner,
					LeadImage: &content.Image{ID: lead}})
			}
			if shown, err = mk("with-picture", content.StatusPublished, 0, imgID); err != nil {
				return err
			}
			if draft, err = mk("draft-with-picture", content.StatusDraft, uploader, imgID); err != nil {
				return err
			}
			_, err = mk("other-picture", content.StatusPublished, 0, other)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		var use newsroom.ImageUsage
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			var err error
			use, err = tx.ImageUsage(ctx, imgID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		wantStories := []newsroom.ImageStory{{ID: shown, OwnerID: 0, Status: content.StatusPublished, Language: "en"},
			{ID: draft, OwnerID: uploader, Status: content.StatusDraft, Language: "en"}}
		if use.UploadedBy != uploader || use.Image.ID != imgID || use.Image.Alt != "Old alt" || !slices.Equal(use.Stories, wantStories) {
			t.Errorf("usage %+v, want uploader %d and stories %+v", use, uploader, wantStories)
		}

		log.reset()
		if err := st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.SetImageText(ctx, imgID, "New alt", "New caption", "New credit")
		}); err != nil {
			t.Fatal(err)
		}
		img, err := st.ImageByID(ctx, imgID)
		if err != nil || img.Alt != "New alt" || img.Caption != "New caption" || img.Credit != "New credit" {
			t.Errorf("after SetImageText: %+v, %v", img, err)
		}
		keys, local := log.last()
		for _, k := range []string{cache.ArticleKey(shown), cache.ArticleKey(draft)} {
			if !local || !slices.Contains(keys, k) {
				t.Errorf("purged %v (local %v), want %s", keys, local, k)
			}
		}
		if slices.Contains(keys, cache.All) || slices.Contains(keys, cache.ArticleKey(f.lead)) {
			t.Errorf("purged %v: more than the pages that show the image", keys)
		}

		err = st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetImageText(ctx, 987654, "a", "", "") })
		if !errors.Is(err, content.ErrNotFound) {
			t.Errorf("SetImageText of an unknown image: %v", err)
		}
		err = st.WithTx(ctx, func(tx *store.Tx) error { _, err := tx.ImageUsage(ctx, 987654); return err })
		if !errors.Is(err, content.ErrNotFound) {
			t.Errorf("ImageUsage of an unknown image: %v", err)
		}
	})
}
