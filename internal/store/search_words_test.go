package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestSearchWordForms: hyphenated and compound words, apostrophes, and numbers with letters
// are found as readers type them, in the three languages, on both databases. Stories and
// queries are analysed by the same rule (search.Analyzer.Tokens), so "half-empty" is the
// phrase "half empty" in both, and "COP29" the phrase "cop 29".
func TestSearchWordForms(t *testing.T) {
	testkit.EachStore(t, func(t *testing.T, st *store.Store) {
		f := seedSearch(t, st)
		ctx := context.Background()
		texts := []struct{ key, lang, text string }{
			{"ferry", "en", "Ferries sailed with half-empty decks."},
			{"glass", "en", "The glass is half full; the tank was empty."},
			{"licence", "en", "Driving-licence renewals move online."},
			{"cop", "en", "Delegates at COP29 agreed on finance."},
			{"jet", "en", "An F-16 landed at the base."},
			{"quote", "en", "“We don’t know yet,” said O’Brien."},
			{"storm", "ru", "Рейс отменили из-за шторма."},
			{"russian", "ru", "Он говорит по-русски."},
			{"wrong", "ru", "Что-то пошло не так на COP29."},
			{"su", "ru", "Су-35 поднялся в воздух."},
			{"karabakh", "az", "Qarabağ'da yeni yol açıldı."},
			{"speech", "az", "COP29-da İlham Əliyev çıxış etdi."},
			{"programme", "az", "Sosial-iqtisadi inkişaf proqramı təsdiqləndi."},
			{"guest", "az", "O'Brien Bakıya gəldi."},
		}
		ids := map[string]string{}
		err := st.WithTx(ctx, func(tx *store.Tx) error {
			for i, x := range texts {
				id, err := tx.CreateBrief(ctx, content.Brief{Language: x.lang, Section: f.politics, Text: x.text,
					PublishedAt: f.now.Add(-time.Duration(i+1) * time.Minute)})
				if err != nil {
					return err
				}
				ids[x.key] = fmt.Sprintf("brief:%d", id)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			lang, q string
			want    []string // keys of texts
		}{
			// A query that does not end in a space is still being typed: its last word
			// may be the beginning of a longer one, alone or at the end of a phrase.
			{"en", "half-empty", []string{"ferry"}},
			{"en", "half-empty ", []string{"ferry"}},
			{"en", "Half–Empty", []string{"ferry"}},
			{"en", "half-emp", []string{"ferry"}},
			{"en", `"half empty"`, []string{"ferry"}},
			{"en", "half empty", []string{"ferry", "glass"}}, // two words, anywhere
			{"en", "halfempty ", nil},                        // another word
			{"en", "driving-licence", []string{"licence"}},
			{"en", "driving-lic", []string{"licence"}},
			{"en", "driving licences ", []string{"licence"}},
			{"en", "DRIVING-LICENCE ", []string{"licence"}},
			{"en", "COP29", []string{"cop"}},
			{"en", "cop29 ", []string{"cop"}},
			{"en", "cop 29", []string{"cop"}},
			{"en", "COP-29 ", []string{"cop"}},
			{"en", "F-16", []string{"jet"}},
			{"en", "F16 ", []string{"jet"}},
			{"en", "don't", []string{"quote"}},
			{"en", "don’t know", []string{"quote"}},
			{"en", "dont ", []string{"quote"}},
			{"en", "O'Brien", []string{"quote"}},
			{"en", "obrien ", []string{"quote"}},
			{"ru", "из-за", []string{"storm"}},
			{"ru", "ИЗ-ЗА шторма ", []string{"storm"}},
			{"ru", "по-русски", []string{"russian"}},
			{"ru", "по-рус", []string{"russian"}},
			{"ru", "что-то ", []string{"wrong"}},
			{"ru", "COP29", []string{"wrong"}},
			{"ru", "су35 ", []string{"su"}},
			{"ru", "Су-35", []string{"su"}},
			{"az", "Qarabağ", []string{"karabakh"}},
			{"az", "QARABAĞ'DA ", []string{"karabakh"}},
			{"az", "COP29", []string{"speech"}},
			{"az", "cop 29 ", []string{"speech"}},
			{"az", "COP29-da", []string{"speech"}},
			{"az", "İLHAM ", []string{"speech"}},
			{"az", "ilham", []string{"speech"}},
			{"az", "ILHAM ", nil}, // I is the capital of ı in Azerbaijani
			{"az", "sosial-iqtisadi", []string{"programme"}},
			{"az", "Sosial iqtisadi ", []string{"programme"}},
			{"az", "O'Brien", []string{"guest"}},
			{"az", "O’Brien ", []string{"guest"}},
		} {
			var want []string
			for _, k := range tt.want {
				want = append(want, ids[k])
			}
			_, got := find(t, st, public(tt.q, f.now, tt.lang))
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("search %q in %s = %q, want %q", tt.q, tt.lang, got, tt.want)
			}
		}
	})
}
