package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/newsroom"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestNewsroomHeadlineSearch: the newsroom's list searches headlines by their words, as
// the public search does (folded, stemmed, the last word a prefix), in every state, with
// the list's other filters and its order, and the count says how many the list holds. The
// store reads a search one of three ways (from the index with the stories, from the index
// as a set while reading the list's index, or the list's headlines analysed in Go, which
// is also what it does while the index is being rebuilt): each way gives the same pages.
func TestNewsroomHeadlineSearch(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		owner := testkit.AddUser(t, st, account.User{Email: "owner@example.com", Name: "Owner", Role: account.RoleCorrespondent})
		ids := map[string]int64{}
		var world, money content.Section // named in the three languages
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			if err := tx.PutLanguage(ctx, content.Language{Code: "az", Name: "Azərbaycanca", SiteName: "Xəbər", Position: 2}); err != nil {
				return err
			}
			for _, sec := range []struct {
				key string
				dst *content.Section
			}{{"world", &world}, {"money", &money}} {
				names := map[string]string{"en": sec.key, "ru": sec.key, "az": sec.key}
				id, err := tx.CreateSection(ctx, store.SectionInput{Key: sec.key, Names: names, Slugs: names})
				if err != nil {
					return err
				}
				*sec.dst = content.Section{ID: id, Key: sec.key}
			}
			// Newest first: the list's order is the order of this table, backwards.
			for i, s := range []struct {
				key, lang, headline string
				status              content.Status
				section             content.Section
				owned               bool
			}{
				{"baku-mayor", "en", "Baku's mayor opens the new metro line", content.StatusPublished, world, false},
				{"mayors-baku", "en", "Mayors of the Caspian meet in Baku", content.StatusDraft, world, true},
				{"budget", "en", "Parliament debates the budget", content.StatusPublished, money, false},
				{"budgets", "en", "Budgets of the regions delayed again", content.StatusSubmitted, money, true},
				{"fares", "en", "Metro fares rise in January", content.StatusPublished, money, false},
				{"cafe", "en", "The Café that never closes", content.StatusScheduled, world, false},
				{"moscow", "ru", "Москва утвердила бюджет на следующий год", content.StatusPublished, money, false},
				{"regions", "ru", "Бюджеты регионов растут", content.StatusDraft, money, true},
				{"baki", "az", "Bakı şəhərində yeni metro stansiyası açıldı", content.StatusPublished, world, false},
				{"seher", "az", "Şəhər büdcəsi təsdiqləndi", content.StatusUnpublished, money, false},
			} {
				a := content.Article{Language: s.lang, Section: s.section, Author: content.Author{ID: f.author},
					Headline: s.headline, BodyMD: "Text.", BodyHTML: "<p>Text.</p>", Slug: "search-" + s.key, Status: s.status,
					UpdatedAt: f.now.Add(-time.Duration(i+1) * time.Minute)}
				if s.status == content.StatusPublished || s.status == content.StatusScheduled || s.status == content.StatusUnpublished {
					a.PublishedAt = f.now.Add(-time.Duration(100-i) * time.Hour) // another order than the list's
				}
				if s.owned {
					a.OwnerID = owner.ID
				}
				id, err := tx.CreateArticle(ctx, a)
				if err != nil {
					return fmt.Errorf("%s: %w", s.key, err)
				}
				ids[s.key] = id
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			name string
			q    newsroom.ArticleQuery
			want []string
		}{
			{"word, possessive and plain", newsroom.ArticleQuery{Search: "baku"}, []string{"baku-mayor", "mayors-baku"}},
			{"case and stem", newsroom.ArticleQuery{Search: "MAYOR"}, []string{"baku-mayor", "mayors-baku"}},
			{"the last word a prefix", newsroom.ArticleQuery{Search: "bud"}, []string{"budget", "budgets"}},
			{"a prefix ended by a space is a word", newsroom.ArticleQuery{Search: "bud "}, nil},
			{"two words", newsroom.ArticleQuery{Search: "metro fares"}, []string{"fares"}},
			{"a phrase", newsroom.ArticleQuery{Search: `"new metro"`}, []string{"baku-mayor"}},
			{"words not next to each other", newsroom.ArticleQuery{Search: `"metro new"`}, nil},
			{"excluded word", newsroom.ArticleQuery{Search: "metro -fares"}, []string{"baku-mayor", "baki"}},
			{"accent folded", newsroom.ArticleQuery{Search: "cafe"}, []string{"cafe"}},
			{"no match", newsroom.ArticleQuery{Search: "qqzzxq"}, nil},
			{"a word of the body only", newsroom.ArticleQuery{Search: "text"}, nil},
			{"only punctuation", newsroom.ArticleQuery{Search: "?!"}, nil},
			{"only an exclusion", newsroom.ArticleQuery{Search: "-metro"}, nil},
			{"every language", newsroom.ArticleQuery{Search: "metro"}, []string{"baku-mayor", "fares", "baki"}},
			{"language", newsroom.ArticleQuery{Search: "metro", Language: "az"}, []string{"baki"}},
			{"state published", newsroom.ArticleQuery{Search: "metro", Status: content.StatusPublished}, []string{"baku-mayor", "fares", "baki"}},
			{"state draft", newsroom.ArticleQuery{Search: "baku", Status: content.StatusDraft}, []string{"mayors-baku"}},
			{"state scheduled", newsroom.ArticleQuery{Search: "caf", Status: content.StatusScheduled}, []string{"cafe"}},
			{"section", newsroom.ArticleQuery{Search: "metro", SectionID: money.ID}, []string{"fares"}},
			{"owner", newsroom.ArticleQuery{Search: "bud", OwnerID: owner.ID}, []string{"budgets"}},
			{"author", newsroom.ArticleQuery{Search: "bud", AuthorID: f.author}, []string{"budget", "budgets"}},
			{"another author", newsroom.ArticleQuery{Search: "bud", AuthorID: f.author + 1000}, nil},
			{"Russian, stemmed", newsroom.ArticleQuery{Search: "бюджет"}, []string{"moscow", "regions"}},
			{"Russian, a prefix in capitals", newsroom.ArticleQuery{Search: "РЕГИО"}, []string{"regions"}},
			{"Azerbaijani letters, a whole word", newsroom.ArticleQuery{Search: "şəhər "}, []string{"seher"}},
			{"Azerbaijani prefix", newsroom.ArticleQuery{Search: "şəhə"}, []string{"baki", "seher"}},
			{"Azerbaijani dotless i", newsroom.ArticleQuery{Search: "BAKI"}, []string{"baki"}},
			{"Azerbaijani, published in a section", newsroom.ArticleQuery{Search: "şəhə", Language: "az", Status: content.StatusPublished, SectionID: world.ID}, []string{"baki"}},
		}
		check := func(t *testing.T, q newsroom.ArticleQuery, want []string) {
			t.Helper()
			var wantIDs []int64
			for _, k := range want {
				wantIDs = append(wantIDs, ids[k])
			}
			q.Limit = 50
			list, err := st.NewsroomArticles(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if got := articleIDs(list); !slices.Equal(got, wantIDs) {
				t.Fatalf("%+v lists %v, want %v (%v)", q, got, wantIDs, want)
			}
			if n, err := st.CountNewsroomArticles(ctx, q); err != nil || n != len(want) {
				t.Errorf("%+v counts %d, %v; want %d", q, n, err, len(want))
			}
			if len(want) > 1 { // the second page of one
				q.Limit, q.Offset = 1, 1
				if list, err = st.NewsroomArticles(ctx, q); err != nil || !slices.Equal(articleIDs(list), wantIDs[1:2]) {
					t.Errorf("%+v lists %v, %v; want %v", q, articleIDs(list), err, wantIDs[1:2])
				}
			}
		}
		ways := []struct {
			name            string
			joinMax, setMax int
		}{
			{"from the index with the stories", 1 << 20, 1 << 20},
			{"from the index as a set", -1, 1 << 20},
			{"headlines in the list", -1, -1},
		}
		for _, way := range ways {
			st.SetHeadlineWays(way.joinMax, way.setMax)
			for _, tc := range cases {
				t.Run(way.name+"/"+tc.name, func(t *testing.T) { check(t, tc.q, tc.want) })
			}
		}

		// A story is found by its new headline as soon as the save has committed.
		a, err := st.ArticleByID(ctx, ids["fares"])
		if err != nil {
			t.Fatal(err)
		}
		err = st.WithTx(ctx, func(tx *store.Tx) error {
			a.Headline = "Tram fares frozen"
			_, err = tx.SaveArticle(ctx, a, a.Version, "save", "", 0, f.now)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, way := range ways {
			st.SetHeadlineWays(way.joinMax, way.setMax)
			t.Run(way.name+"/after a save", func(t *testing.T) {
				check(t, newsroom.ArticleQuery{Search: "tram"}, []string{"fares"})
				check(t, newsroom.ArticleQuery{Search: "metro"}, []string{"baku-mayor", "baki"})
			})
		}

		// While the index is flagged for a rebuild (a bulk load waits for it), the list reads
		// the headlines themselves, whatever the bounds say.
		if _, err := st.DB().ExecContext(ctx, `INSERT INTO newsdesk_meta (key, value) VALUES ('search_rebuild', 'needed')`); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE articles SET headline = 'Trolleybus fares frozen' WHERE id = `+fmt.Sprint(ids["fares"])); err != nil {
			t.Fatal(err)
		}
		st.SetHeadlineWays(1<<20, 1<<20)
		t.Run("index flagged for a rebuild", func(t *testing.T) {
			check(t, newsroom.ArticleQuery{Search: "trolleybus"}, []string{"fares"})
			check(t, newsroom.ArticleQuery{Search: "bud", Status: content.StatusSubmitted}, []string{"budgets"})
		})
	})
}

func articleIDs(list []content.Article) []int64 {
	var out []int64
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}
