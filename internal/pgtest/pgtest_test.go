package pgtest

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

func TestMain(m *testing.M) { Main(m) }

func TestNewGivesDistinctEmptyDatabases(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	dsnA, dsnB := New(t), New(t)
	if dsnA == dsnB {
		t.Fatalf("New returned the same DSN twice: %s", dsnA)
	}
	a, b := open(t, dsnA), open(t, dsnB)

	names := map[string]bool{}
	for _, db := range []*sql.DB{a, b} {
		var name string
		if err := db.QueryRowContext(ctx, "SELECT current_database()").Scan(&name); err != nil {
			t.Fatalf("current_database: %v", err)
		}
		names[name] = true

		var tables int
		if err := db.QueryRowContext(ctx,
			"SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").Scan(&tables); err != nil {
			t.Fatalf("count tables: %v", err)
		}
		if tables != 0 {
			t.Errorf("database %s has %d tables, want an empty database", name, tables)
		}
	}
	if len(names) != 2 {
		t.Fatalf("both DSNs reach the same database: %v", names)
	}

	// A table made in one database does not exist in the other.
	if _, err := a.ExecContext(ctx, "CREATE TABLE note (id int PRIMARY KEY, body text NOT NULL)"); err != nil {
		t.Fatalf("create table: %v", err)
	}
	if _, err := a.ExecContext(ctx, "INSERT INTO note VALUES (1, $1)", "héllo, мир"); err != nil {
		t.Fatalf("insert: %v", err)
	}
	var body string
	if err := a.QueryRowContext(ctx, "SELECT body FROM note WHERE id = 1").Scan(&body); err != nil {
		t.Fatalf("select: %v", err)
	}
	if body != "héllo, мир" {
		t.Errorf("body = %q, want the UTF-8 text back", body)
	}
	var exists bool
	if err := b.QueryRowContext(ctx, "SELECT to_regclass('public.note') IS NOT NULL").Scan(&exists); err != nil {
		t.Fatalf("look for table in the other database: %v", err)
	}
	if exists {
		t.Error("table created in one database is visible in the other")
	}
}

func TestDatabaseIsDroppedAfterTheTest(t *testing.T) {
	var dsn string
	t.Run("inner", func(t *testing.T) {
		dsn = New(t)
		db := open(t, dsn)
		if err := db.Ping(); err != nil {
			t.Fatalf("ping: %v", err)
		}
	})
	if t.Skipped() || dsn == "" {
		return
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer db.Close()
	if err := db.Ping(); err == nil {
		t.Errorf("database %s still accepts connections after its test ended", dsn)
	}
}

func TestWithDatabase(t *testing.T) {
	tests := []struct {
		admin, want string
	}{
		{"postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "postgres://postgres@127.0.0.1:5432/x?sslmode=disable"},
		{"postgresql://u:p@h/postgres", "postgresql://u:p@h/x"},
		{"host=/tmp port=5432 user=postgres", "host=/tmp port=5432 user=postgres dbname=x"},
	}
	for _, tt := range tests {
		got, err := withDatabase(tt.admin, "x")
		if err != nil {
			t.Fatalf("withDatabase(%q): %v", tt.admin, err)
		}
		if got != tt.want {
			t.Errorf("withDatabase(%q) = %q, want %q", tt.admin, got, tt.want)
		}
	}
}

// open connects to dsn and closes the pool when the test ends (before New's cleanup drops it).
func open(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
