package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/cache"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestFrontPage: a language's front page is replaced whole, in order, and purges exactly
// the home page of that language; the newsroom sees the picks still published or
// scheduled, the public site those readers can see now, and a pin that ran out drops out
// of both at its time, which PublicFront reports as the list's next change.
func TestFrontPage(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		var log purgeLog
		st.OnPurge(log.record)
		set := func(lang string, picks ...content.FrontPick) {
			t.Helper()
			if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.SetFront(ctx, lang, picks) }); err != nil {
				t.Fatalf("set front %s: %v", lang, err)
			}
		}
		pinEnd := f.now.Add(30 * time.Minute)
		set("ru", content.FrontPick{ArticleID: f.leadRU})
		set("en", content.FrontPick{ArticleID: f.embargoed}, content.FrontPick{ArticleID: f.lead, PinnedUntil: pinEnd},
			content.FrontPick{ArticleID: f.gone}, content.FrontPick{ArticleID: f.draft}, content.FrontPick{ArticleID: f.later})
		if purged, want := log.all(), [][]string{{cache.FrontKey("ru")}, {cache.FrontKey("en")}}; !slices.EqualFunc(purged, want, slices.Equal[[]string]) {
			t.Errorf("purged %v, want %v", purged, want)
		}

		front, err := st.Front(ctx, "en", f.now)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			id     int64
			public bool
			pin    time.Time
		}
		var got []row
		for _, s := range front {
			got = append(got, row{s.ArticleID, s.Public, s.PinnedUntil})
			if s.Headline == "" || s.PublishedAt.IsZero() {
				t.Errorf("front story %d without headline or time: %+v", s.ArticleID, s)
			}
		}
		want := []row{{f.embargoed, false, time.Time{}}, {f.lead, true, pinEnd}, {f.later, false, time.Time{}}}
		if !slices.EqualFunc(got, want, func(a, b row) bool { return a.id == b.id && a.public == b.public && a.pin.Equal(b.pin) }) {
			t.Errorf("newsroom front = %+v, want %+v (withdrawn and draft stories left out)", got, want)
		}
		if front, err = st.Front(ctx, "en", pinEnd); err != nil || len(front) != 2 || front[0].ArticleID != f.embargoed || front[1].ArticleID != f.later {
			t.Errorf("newsroom front when the pin ends = %+v, %v; want the embargoed and the later story", front, err)
		}

		for _, tc := range []struct {
			name string
			at   time.Time
			ids  []int64
			next time.Time
		}{
			{"now", f.now, []int64{f.lead}, pinEnd},
			{"pin ended", pinEnd, nil, time.Time{}},
			{"embargo lifted, scheduled time reached", f.now.Add(2 * time.Hour), []int64{f.embargoed, f.later}, time.Time{}},
		} {
			list, next, err := st.PublicFront(ctx, "en", tc.at)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, a := range list {
				ids = append(ids, a.ID)
				if a.Headline == "" || a.SectionSlug == "" || a.Slug == "" {
					t.Errorf("%s: summary without headline, section or slug: %+v", tc.name, a)
				}
			}
			if !slices.Equal(ids, tc.ids) || !next.Equal(tc.next) {
				t.Errorf("%s: public front %v, next change %v; want %v, %v", tc.name, ids, next, tc.ids, tc.next)
			}
		}

		// Replacing one language's front leaves the other's alone; an empty list clears it.
		set("en")
		if front, err := st.Front(ctx, "en", f.now); err != nil || len(front) != 0 {
			t.Errorf("cleared front = %+v, %v", front, err)
		}
		if list, next, err := st.PublicFront(ctx, "en", f.now); err != nil || len(list) != 0 || !next.IsZero() {
			t.Errorf("cleared public front = %+v, %v, %v", list, next, err)
		}
		if list, _, err := st.PublicFront(ctx, "ru", f.now); err != nil || len(list) != 1 || list[0].ID != f.leadRU {
			t.Errorf("Russian front after the English one changed = %+v, %v", list, err)
		}
		// A story stands once on a language's front: the database holds that too.
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			return tx.SetFront(ctx, "en", []content.FrontPick{{ArticleID: f.lead}, {ArticleID: f.lead}})
		})
		if err == nil {
			t.Error("a story was put on the front twice")
		}
	})
}

// TestTakeOffFront: a withdrawn story leaves every front page it was on, the rest keep
// their order, and only the fronts it left are purged.
func TestTakeOffFront(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			if err := tx.SetFront(ctx, "en", []content.FrontPick{{ArticleID: f.later}, {ArticleID: f.lead}, {ArticleID: f.embargoed}}); err != nil {
				return err
			}
			return tx.SetFront(ctx, "ru", []content.FrontPick{{ArticleID: f.leadRU}})
		})
		if err != nil {
			t.Fatal(err)
		}
		var log purgeLog
		st.OnPurge(log.record)
		for _, id := range []int64{f.lead, f.draft} { // the draft is on no front: nothing to purge
			if err := st.WithTx(ctx, func(tx *store.Tx) error { return tx.TakeOffFront(ctx, id) }); err != nil {
				t.Fatal(err)
			}
		}
		if purged, want := log.all(), [][]string{{cache.FrontKey("en")}}; !slices.EqualFunc(purged, want, slices.Equal[[]string]) {
			t.Errorf("purged %v, want %v", purged, want)
		}
		front, err := st.Front(ctx, "en", f.now)
		if err != nil || len(front) != 2 || front[0].ArticleID != f.later || front[1].ArticleID != f.embargoed {
			t.Errorf("English front after taking the lead off = %+v, %v", front, err)
		}
		if ru, err := st.Front(ctx, "ru", f.now); err != nil || len(ru) != 1 {
			t.Errorf("Russian front = %+v, %v", ru, err)
		}
	})
}
