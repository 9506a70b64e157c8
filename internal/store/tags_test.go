package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPublicTagBySlug: a tag is found by the public site only while a public story
// carries it; one carried only by unpublished stories is not found, like an unknown one,
// until its story becomes public by the clock.
func TestPublicTagBySlug(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		hour := time.Hour
		stories := []struct {
			tag     string
			status  content.Status
			pub     time.Duration // published_at from f.now
			embargo time.Duration // embargo_until from f.now; 0: none
		}{
			{"Only public", content.StatusPublished, -hour, 0},
			{"Only draft", content.StatusDraft, 0, 0},
			{"Only submitted", content.StatusSubmitted, 0, 0},
			{"Only scheduled", content.StatusScheduled, hour, 0},
			{"Only embargoed", content.StatusPublished, -hour, hour},
			{"Only future", content.StatusPublished, hour, 0},
			{"Only withdrawn", content.StatusUnpublished, -hour, 0},
		}
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for _, s := range stories {
				a := content.Article{Language: "en", Section: f.politics, Headline: s.tag, Slug: content.Slugify(s.tag),
					BodyMD: "Body.", BodyHTML: "<p>Body.</p>", Status: s.status, CreatedAt: f.now, UpdatedAt: f.now,
					Tags: []content.Tag{{Name: s.tag}}}
				if s.status != content.StatusDraft && s.status != content.StatusSubmitted {
					a.PublishedAt = f.now.Add(s.pub)
				}
				if s.embargo != 0 {
					a.EmbargoUntil = f.now.Add(s.embargo)
				}
				if _, err := tx.CreateArticle(ctx, a); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			slug  string
			at    time.Duration // from f.now
			found bool
		}{
			{"only-public", 0, true},
			{"customs-union", 0, true}, // drafts carry it too, and the public lead
			{"only-draft", 0, false},
			{"only-submitted", 0, false},
			{"only-scheduled", 0, false},
			{"only-scheduled", 2 * hour, false}, // public once the scheduler publishes it
			{"only-embargoed", 0, false},
			{"only-embargoed", 2 * hour, true},
			{"only-future", 0, false},
			{"only-future", 2 * hour, true},
			{"only-withdrawn", 0, false},
			{"no-such-tag", 0, false},
		} {
			id, tag, err := st.PublicTagBySlug(ctx, "en", tc.slug, f.now.Add(tc.at))
			switch {
			case tc.found && (err != nil || id == 0 || tag.Slug != tc.slug):
				t.Errorf("%s at %v: %d %+v %v, want found", tc.slug, tc.at, id, tag, err)
			case !tc.found && !errors.Is(err, content.ErrNotFound):
				t.Errorf("%s at %v: %d %+v %v, want not found", tc.slug, tc.at, id, tag, err)
			}
		}
		// Tags belong to a language.
		if _, _, err := st.PublicTagBySlug(ctx, "ru", "only-public", f.now); !errors.Is(err, content.ErrNotFound) {
			t.Errorf("tag in another language: %v", err)
		}
		// An old site's tag URL leads to the tag only when the tag is public: the redirect
		// would tell of the others.
		ld, err := st.NewLoader(ctx, store.LoaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		err = ld.WithTx(ctx, func(b *store.Bulk) error {
			for _, slug := range []string{"only-public", "only-draft", "only-embargoed"} {
				id, _, err := st.TagBySlug(ctx, "en", slug)
				if err != nil {
					return err
				}
				if _, err := b.PutLegacyURL(ctx, "/tag/"+slug, "tag", id, "en", true); err != nil {
					return err
				}
			}
			return nil
		})
		if cerr := ld.Close(); err != nil || cerr != nil {
			t.Fatal(err, cerr)
		}
		for _, tc := range []struct {
			path, want string
			at         time.Duration
		}{
			{"/tag/only-public", "/en/tag/only-public", 0},
			{"/tag/only-draft", "", 0},
			{"/tag/only-embargoed", "", 0},
			{"/tag/only-embargoed", "/en/tag/only-embargoed", 2 * hour},
		} {
			got, err := st.LegacyTarget(ctx, tc.path, f.now.Add(tc.at))
			if tc.want == "" && !errors.Is(err, content.ErrNotFound) || tc.want != "" && (err != nil || got != tc.want) {
				t.Errorf("old URL %s at %v: %q, %v; want %q", tc.path, tc.at, got, err, tc.want)
			}
		}
	})
}
