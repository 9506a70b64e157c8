package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestTagPageOrder: a tag page (and a tag feed) lists the tag's public stories of its
// language newest first, ties by id, page after page with no story missed or repeated at
// the boundaries, whether a story was written one by one, in bulk, or had its time moved
// by the workflow after it was tagged.
func TestTagPageOrder(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		country := []content.Tag{{Name: "Azerbaijan"}, {Name: "Diplomacy"}}
		type story struct {
			lang    string
			status  content.Status
			pub     time.Time
			embargo time.Time
		}
		var stories []story
		for i := range 45 {
			// Three stories share each minute, so the order of equal times counts.
			stories = append(stories, story{"en", content.StatusPublished, f.now.Add(-time.Duration(10+i/3) * time.Minute), time.Time{}})
		}
		stories = append(stories,
			story{"en", content.StatusDraft, time.Time{}, time.Time{}},
			story{"en", content.StatusScheduled, f.now.Add(time.Hour), time.Time{}},
			story{"en", content.StatusPublished, f.now.Add(2 * time.Hour), time.Time{}}, // published, for later
			story{"en", content.StatusUnpublished, f.now.Add(-time.Minute), time.Time{}},
			story{"ru", content.StatusPublished, f.now.Add(-time.Minute), time.Time{}}, // the same name in another language
			story{"en", content.StatusPublished, f.now.Add(-90 * time.Minute), f.now.Add(30 * time.Minute)},
		)
		ids := make([]int64, len(stories))
		mk := func(i int) content.Article {
			s := stories[i]
			slug := fmt.Sprintf("tagged-%d", i)
			return content.Article{Language: s.lang, Section: f.politics, Headline: slug, Slug: slug, BodyMD: "Body.",
				BodyHTML: "<p>Body.</p>", Status: s.status, CreatedAt: f.now.Add(-48 * time.Hour), PublishedAt: s.pub,
				EmbargoUntil: s.embargo, UpdatedAt: f.now, Tags: country}
		}
		// Most one by one, as the newsroom writes; the rest in bulk, as the importer and the
		// generator do.
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for i := 0; i < 20; i++ {
				var err error
				if ids[i], err = tx.CreateArticle(ctx, mk(i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		ld, err := st.NewLoader(ctx, store.LoaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		err = ld.WithTx(ctx, func(b *store.Bulk) error {
			tagIDs := map[string][]int64{}
			for i := 20; i < len(stories); i++ {
				a := mk(i)
				if tagIDs[a.Language] == nil {
					for _, tg := range country {
						id, err := b.Tag(ctx, a.Language, content.Tag{Name: tg.Name, Slug: content.Slugify(tg.Name)})
						if err != nil {
							return err
						}
						tagIDs[a.Language] = append(tagIDs[a.Language], id)
					}
				}
				g, err := b.Group(ctx, a.CreatedAt)
				if err != nil {
					return err
				}
				a.GroupID = g
				if ids[i], err = b.Article(ctx, a, tagIDs[a.Language]); err != nil {
					return err
				}
			}
			return nil
		})
		if cerr := ld.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		tagID, _, err := st.PublicTagBySlug(ctx, "en", "azerbaijan", f.now)
		if err != nil {
			t.Fatal(err)
		}

		// want lists the public English stories at now, newest first, ties by id.
		want := func(now time.Time) []int64 {
			var out []int64
			order := map[int64]time.Time{}
			for i, s := range stories {
				if s.lang == "en" && s.status == content.StatusPublished && !s.pub.After(now) && !s.embargo.After(now) {
					out = append(out, ids[i])
					order[ids[i]] = s.pub
				}
			}
			slices.SortFunc(out, func(a, b int64) int {
				if c := order[b].Compare(order[a]); c != 0 {
					return c
				}
				return int(b - a)
			})
			return out
		}
		check := func(what string, now time.Time) {
			t.Helper()
			var got []int64
			for page := 0; ; page++ {
				list, err := st.PublicArticles(ctx, content.ListQuery{Language: "en", TagID: tagID, Limit: 20, Offset: page * 20}, now)
				if err != nil {
					t.Fatalf("%s: page %d: %v", what, page+1, err)
				}
				for _, a := range list {
					got = append(got, a.ID)
				}
				if len(list) < 20 {
					break
				}
			}
			if w := want(now); !slices.Equal(got, w) {
				t.Errorf("%s: tag pages list\n%v\nwant\n%v", what, got, w)
			}
			feed, err := st.FeedArticles(ctx, content.FeedQuery{Language: "en", TagID: tagID, Limit: 30}, now)
			if err != nil {
				t.Fatalf("%s: feed: %v", what, err)
			}
			var fids []int64
			for _, a := range feed {
				fids = append(fids, a.ID)
			}
			if w := want(now); !slices.Equal(fids, w[:min(30, len(w))]) {
				t.Errorf("%s: tag feed lists\n%v\nwant\n%v", what, fids, w[:min(30, len(w))])
			}
		}
		check("as written", f.now)
		if got := len(want(f.now)); got != 45 {
			t.Fatalf("the test means 45 public stories (three pages, the last short), has %d", got)
		}
		check("when the embargo has lifted and the later story is out", f.now.Add(3*time.Hour))

		// The workflow moves stories' times after they were tagged: the draft is published
		// in the past, between the others; the withdrawn story comes back as the newest.
		move := func(i int, from content.Status, at time.Time) {
			t.Helper()
			err := st.NewsroomTx(ctx, func(tx newsroom.Tx) error {
				return tx.ChangeState(ctx, newsroom.StateChange{ID: ids[i], From: []content.Status{from},
					To: content.StatusPublished, PublishedAt: at, UpdatedAt: f.now, Action: "publish"})
			})
			if err != nil {
				t.Fatal(err)
			}
			stories[i].status, stories[i].pub = content.StatusPublished, at
		}
		move(45, content.StatusDraft, f.now.Add(-20*time.Minute-30*time.Second))
		move(48, content.StatusUnpublished, f.now.Add(-time.Second))
		check("after the workflow moved two stories", f.now)
		if list, _ := st.PublicArticles(ctx, content.ListQuery{Language: "en", TagID: tagID, Limit: 1}, f.now); len(list) != 1 || list[0].ID != ids[48] {
			t.Errorf("the story published again last is not the first on its tag's page: %+v", list)
		}
		// A story withdrawn leaves the pages; the scheduled one joins them when the
		// scheduler publishes it; an embargo set on a published story hides it until then.
		if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetStatus(ctx, ids[3], content.StatusUnpublished, f.now) }); err != nil {
			t.Fatal(err)
		}
		stories[3].status = content.StatusUnpublished
		check("after a story was withdrawn", f.now)
		err = st.NewsroomTx(ctx, func(tx newsroom.Tx) error {
			_, err := tx.PublishDue(ctx, f.now.Add(90*time.Minute))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		stories[46].status = content.StatusPublished
		check("after the scheduler published", f.now.Add(90*time.Minute))
		until := f.now.Add(time.Hour)
		err = st.NewsroomTx(ctx, func(tx newsroom.Tx) error {
			return tx.ChangeState(ctx, newsroom.StateChange{ID: ids[5], From: []content.Status{content.StatusPublished},
				To: content.StatusPublished, EmbargoUntil: &until, Action: "embargo"})
		})
		if err != nil {
			t.Fatal(err)
		}
		stories[5].embargo = until
		check("under a new embargo", f.now)
		check("after the new embargo", f.now.Add(61*time.Minute))
	})
}
