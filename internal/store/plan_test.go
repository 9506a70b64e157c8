package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSitemapQueriesUseCoveringIndexes: on SQLite the sitemap's queries read indexes alone
// (migration 11), never the stories' rows, whose bodies lie before the columns they need.
func TestSitemapQueriesUseCoveringIndexes(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "site.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, query string
		args        []any
		index       string
	}{
		{"story sitemap", sitemapSQL(false), []any{1, 1, 10, 0}, "COVERING INDEX articles_status_id"},
		{"translations", sitemapTranslationsSQL(false), []any{1, 1, 10, 0, 1, 1}, "COVERING INDEX articles_group"},
	} {
		rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+tc.query, tc.args...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "\n"); !strings.Contains(p, tc.index) {
			t.Errorf("%s: plan does not use %s:\n%s", tc.name, tc.index, p)
		}
	}
}
