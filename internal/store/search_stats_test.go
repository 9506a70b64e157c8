package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/store"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// mergeDeletePlan returns SQLite's plan, on a connection that has just loaded the planner's
// statistics, for the statement with which FTS5 deletes the pages of the segments it merges.
func mergeDeletePlan(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	conn, err := st.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "ANALYZE sqlite_schema"); err != nil {
		t.Fatal(err)
	}
	return queryPlan(t, conn, "DELETE FROM search_fts_data WHERE id>=? AND id<=?", 1, 2)
}

// indexStats lists the planner statistics kept of the search index's tables.
func indexStats(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.DB().QueryContext(context.Background(),
		`SELECT tbl || ' ' || stat FROM sqlite_stat1 WHERE tbl LIKE 'search\_fts\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// staleSearchStat records the statistic of an empty index, as ANALYZE takes it.
func staleSearchStat(t *testing.T, st *store.Store) {
	t.Helper()
	if _, err := st.DB().ExecContext(context.Background(),
		"UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'search_fts_data'"); err != nil {
		t.Fatal(err)
	}
}

// largeIndex is what sqlite_stat1 should say of the search index's tables.
var largeIndex = []string{"search_fts_data 1000000"}

const rangePlan = "SEARCH search_fts_data USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"

// TestSearchMergeReadsPageRanges: when FTS5 merges the index's segments (the rebuild's final
// merge, and the merges after saves) it deletes the pages it has merged by a range of
// rowids, and SQLite must read that range, not the whole index. A planner statistic taken
// while the index was empty (2 rows; the optimize pragma that follows the migrations of a
// new database took one) made it scan search_fts_data at every step: the 100k edition's
// rebuild sat in its final merge for more than 15 minutes. SQLite only: PostgreSQL's
// index is a column of search_docs.
func TestSearchMergeReadsPageRanges(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t, testkit.DSN(t, "sqlite"))
	if stats := indexStats(t, st); !slices.Equal(stats, largeIndex) {
		t.Errorf("a new database: statistics of the search index %q, want %q", stats, largeIndex)
	}
	if plan := mergeDeletePlan(t, st); plan != rangePlan {
		t.Errorf("new database: merge deletes with %q, want %q", plan, rangePlan)
	}

	// The premise: with the statistic of an empty index, SQLite scans.
	staleSearchStat(t, st)
	if plan := mergeDeletePlan(t, st); !strings.HasPrefix(plan, "SCAN") {
		t.Fatalf("with a stale statistic: %q, want a scan (the test's premise)", plan)
	}
	// A rebuild drops it before its merge, whoever took it.
	seedSearch(t, st)
	if _, err := st.Reindex(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if stats := indexStats(t, st); !slices.Equal(stats, largeIndex) {
		t.Errorf("after a rebuild: statistics %q, want %q", stats, largeIndex)
	}
	if plan := mergeDeletePlan(t, st); plan != rangePlan {
		t.Errorf("after a rebuild: merge deletes with %q, want %q", plan, rangePlan)
	}

	// A database migrated before the fix has the statistic: migration 24 drops it.
	staleSearchStat(t, st)
	if _, err := st.DB().ExecContext(ctx, "UPDATE newsdesk_meta SET value = '23' WHERE key = 'schema_version'"); err != nil {
		t.Fatal(err)
	}
	// The later migrations apply again too: undo what they add that cannot be added twice.
	for _, undo := range []string{
		"DROP INDEX article_tags_published", "ALTER TABLE article_tags DROP COLUMN published_at",
		"ALTER TABLE article_tags DROP COLUMN embargo_until", "DROP INDEX articles_desk_section", "DROP INDEX articles_embargoed",
	} {
		if _, err := st.DB().ExecContext(ctx, undo); err != nil {
			t.Fatalf("undo migration 25: %s: %v", undo, err)
		}
	}
	applied, err := st.Migrate(ctx)
	if err != nil || !slices.Contains(applied, 24) {
		t.Fatalf("migrate from 23: %v %v", applied, err)
	}
	if stats := indexStats(t, st); !slices.Equal(stats, largeIndex) {
		t.Errorf("after migration 24: statistics %q, want %q", stats, largeIndex)
	}
	if plan := mergeDeletePlan(t, st); plan != rangePlan {
		t.Errorf("after migration 24: merge deletes with %q, want %q", plan, rangePlan)
	}
	// Other tables keep theirs.
	var n int
	if err := st.DB().QueryRowContext(ctx, "SELECT count(*) FROM sqlite_stat1").Scan(&n); err != nil || n == 0 {
		t.Errorf("statistics of the other tables: %d, %v", n, err)
	}
}
