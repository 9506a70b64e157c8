package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestPublicQueriesKeepTheirIndex holds SQLite's plans of queries that name an index by
// their equality but also say, as every public query does, "status = 'published' AND
// embargo_until <= now": an index led by the status and the embargo (migration 25's
// articles_embargoed) won them over, and a story's translations walked every public story
// (75 ms a story page on the 100k edition; migration 26 leads it by embargo_until). The
// plans are those of a new database, without statistics, as a generated edition has.
// SQLite only: PostgreSQL plans by the statistics it keeps. The query is that of
// Store.Translations.
func TestPublicQueriesKeepTheirIndex(t *testing.T) {
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx) // one connection: it reloads the statistics below
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const translations = `SELECT a.language, sn.slug, a.slug, a.headline FROM articles a
		JOIN section_names sn ON sn.section_id = a.section_id AND sn.language = a.language
		JOIN languages l ON l.code = a.language
		WHERE a.group_id = 7 AND a.id <> 3 AND a.status = 'published' AND a.published_at <= 1 AND a.embargo_until <= 1
		ORDER BY l.position, a.language`
	plan := func() string {
		rows, err := conn.QueryContext(ctx, "EXPLAIN QUERY PLAN "+translations)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			lines = append(lines, detail)
		}
		rows.Close()
		return strings.Join(lines, "; ")
	}
	// A generated edition has no statistics of its stories.
	for _, q := range []string{"DELETE FROM sqlite_stat1 WHERE tbl = 'articles'", "ANALYZE sqlite_schema"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := plan(); !strings.Contains(got, "INDEX articles_group ") {
		t.Errorf("translations: plan %q, want it through articles_group", got)
	}
	// The premise: with migration 25's index, SQLite takes that one.
	for _, q := range []string{"DROP INDEX articles_embargoed", "CREATE INDEX articles_embargoed ON articles (status, embargo_until, id)",
		"ANALYZE sqlite_schema"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := plan(); !strings.Contains(got, "INDEX articles_embargoed ") {
		t.Fatalf("with migration 25's index: plan %q, want it through articles_embargoed (the test's premise)", got)
	}
}
