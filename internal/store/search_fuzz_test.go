package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/search"
	"github.com/newsdesk/newsdesk/internal/store"
)

// FuzzSearch runs arbitrary visitor queries, with arbitrary filters and pages, through
// the query parser, the analysis and the SQL the store builds, against a real SQLite
// FTS5 index of a small edition: no query may make the database fail, and the page
// asked for is never exceeded. (search.FuzzParseQuery covers the parser alone; the
// PostgreSQL tsvector backend is covered by TestSearchHostileQueries.) The seed corpus
// runs with every `go test`; run scripts/fuzz for longer.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"", "escalation", `"oil price" -gas`, `"`, "envo* border", `NEAR(oil price)`, `oil AND OR NOT`,
		`'; DROP TABLE articles; --`, `{head}: oil`, `h_oil sec_1 k_a`, "oil\x00price", "\xff\xfe", `-"x" -y -z`, `*`, `:*`,
		"эскалация*", "İstanbul'da", "a\u0301*", strings.Repeat(`"a" -`, 100), `oil <-> price`, `x^2 + "y"`, "Escalat*"} {
		f.Add(s, "en", int64(0), "", uint8(0), int64(0), false)
	}
	f.Add("oil", "ru", int64(1), search.KindArticle, uint8(3), int64(86400), true)
	f.Add("escalation", "", int64(2), search.KindBrief, uint8(200), int64(-86400), false)
	st, err := store.Open(context.Background(), filepath.Join(f.TempDir(), "site.db"), store.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		f.Fatal(err)
	}
	fx := seedSearch(f, st)
	f.Fuzz(func(t *testing.T, q, lang string, section int64, kind string, page uint8, span int64, newsroom bool) {
		r := search.Request{Query: search.ParseQuery(q), SectionID: section, Kind: kind, Now: fx.now,
			Offset: int(page%8) * 10, Limit: 10, Newsroom: newsroom}
		if lang != "" {
			r.Languages = []string{lang}
		}
		if span != 0 {
			r.From = fx.now.Add(-time.Duration(span%(1<<40)) * time.Second)
			r.To = fx.now
		}
		res, err := st.Search(t.Context(), r)
		if err != nil {
			t.Fatalf("Search(%q, %+v): %v", q, r, err)
		}
		if len(res.Hits) > r.Limit || res.Total < 0 {
			t.Fatalf("Search(%q): %d hits, total %d", q, len(res.Hits), res.Total)
		}
	})
}
