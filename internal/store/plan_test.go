package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// queryPlan is SQLite's plan of query q with args on conn, its steps joined by "; ".
func queryPlan(t *testing.T, conn *sql.Conn, q string, args ...any) string {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "; ")
}

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
	plan := func() string { return queryPlan(t, conn, translations) }
	// A generated edition has no statistics of its stories.
	for _, q := range []string{"DELETE FROM sqlite_stat1 WHERE tbl IN ('articles', 'front_stories')", "ANALYZE sqlite_schema"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := plan(); !strings.Contains(got, "INDEX articles_group ") {
		t.Errorf("translations: plan %q, want it through articles_group", got)
	}
	// The front page starts from the stories chosen for it, not from the language's.
	if got := queryPlan(t, conn, store.FrontQuery, "en", 1, 1, 1); !strings.HasPrefix(got, "SEARCH f ") {
		t.Errorf("front page: plan %q, want it to start from front_stories", got)
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

// TestRelatedReadsNoCandidateRow holds SQLite's plan of the related-stories query: the
// candidates of each tag come from article_tags_published alone, and their sections from
// the covering index articles_status_id, so no candidate's row (its bodies first, then its
// state) is read; at a million stories those reads went to the disk (12 ms a story page).
// Without statistics, as a generated edition has them.
func TestRelatedReadsNoCandidateRow(t *testing.T) {
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{"DELETE FROM sqlite_stat1 WHERE tbl IN ('articles', 'article_tags')", "ANALYZE sqlite_schema"} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	a := content.Article{ID: 9, Language: "en", Section: content.Section{ID: 2}}
	q, args := st.RelatedSQL(a, []int64{4, 5, 6}, 5, time.Now())
	got := queryPlan(t, conn, q, args...)
	if strings.Contains(got, "INTEGER PRIMARY KEY") {
		t.Errorf("related stories: plan %q reads candidates' rows", got)
	}
	for _, want := range []string{"SEARCH x USING COVERING INDEX article_tags_published (tag_id=? AND published_at<?)",
		"SEARCH a USING COVERING INDEX articles_status_id (status=? AND id=?)"} {
		if !strings.Contains(got, want) {
			t.Errorf("related stories: plan %q, want %q", got, want)
		}
	}
	if i, j := strings.Index(got, "SCAN r"), strings.Index(got, "articles_status_id"); i < 0 || j < i {
		t.Errorf("related stories: plan %q, want the candidates (r) to lead the join", got)
	}
}
