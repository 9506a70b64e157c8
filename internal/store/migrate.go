package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered, forward-only schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the migrations for dialect d. A migration is one file
// NNNN_name.sql for both databases, or a pair NNNN_name.sqlite.sql and
// NNNN_name.postgres.sql where the two must differ (full-text search, for one).
func loadMigrations(d dialect) ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	var out []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		switch {
		case strings.HasSuffix(base, ".sqlite.sql") && d.postgres, strings.HasSuffix(base, ".postgres.sql") && !d.postgres:
			continue
		}
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", base)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// LatestVersion is the schema version this binary migrates to.
func LatestVersion() int {
	ms, err := loadMigrations(sqliteDialect)
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// SchemaVersion returns the database's schema version (0 for an empty database).
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v string
	err := s.db.QueryRowContext(ctx, s.q("SELECT value FROM newsdesk_meta WHERE key = 'schema_version'")).Scan(&v)
	if err != nil {
		if s.d.postgres && strings.Contains(err.Error(), "42P01") || strings.Contains(err.Error(), "no such table") {
			return 0, nil
		}
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("schema version %q is not a number", v)
	}
	return n, nil
}

// Migrate applies every pending migration, each in its own transaction, and returns the
// versions applied. Several instances may call it at once: on PostgreSQL an advisory lock
// serialises them; on SQLite the immediate transaction does.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	ms, err := loadMigrations(s.d)
	if err != nil {
		return nil, err
	}
	var applied []int
	for _, m := range ms {
		err := s.WithTx(ctx, func(tx *Tx) error {
			if l := s.d.lockMigrations(); l != "" {
				if _, err := tx.tx.ExecContext(ctx, l); err != nil {
					return fmt.Errorf("lock migrations: %w", err)
				}
			}
			cur, err := tx.schemaVersion(ctx)
			if err != nil {
				return err
			}
			if cur > LatestVersion() {
				return fmt.Errorf("database schema version %d is newer than this binary's %d: upgrade newsdesk", cur, LatestVersion())
			}
			if cur >= m.version {
				return nil
			}
			for _, stmt := range splitStatements(s.d.schema(m.sql)) {
				if _, err := tx.tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migration %s: %w\n%s", m.name, err, stmt)
				}
			}
			if strings.HasSuffix(m.name, "_author_profiles.sql") {
				if err := tx.linkStaffAuthors(ctx); err != nil {
					return fmt.Errorf("migration %s: %w", m.name, err)
				}
			}
			if _, err := tx.exec(ctx, `INSERT INTO newsdesk_meta (key, value) VALUES ('app', 'newsdesk')
				ON CONFLICT (key) DO NOTHING`); err != nil {
				return fmt.Errorf("mark database: %w", err)
			}
			if _, err := tx.exec(ctx, `INSERT INTO newsdesk_meta (key, value) VALUES ('schema_version', ?)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(m.version)); err != nil {
				return fmt.Errorf("record migration %s: %w", m.name, err)
			}
			applied = append(applied, m.version)
			s.log.Info("migration_applied", "version", m.version, "name", m.name, "at", time.Now().UTC())
			return nil
		})
		if err != nil {
			return applied, err
		}
	}
	if len(applied) > 0 {
		// Fresh statistics, so the planner picks the new indexes at once rather than
		// after the next autovacuum (PostgreSQL) or never (SQLite without sqlite_stat1).
		if err := s.analyze(ctx); err != nil {
			return applied, err
		}
	}
	return applied, nil
}

// analyze runs the dialect's statements that refresh the planner's statistics, on one
// connection (the last one reloads them on SQLite).
func (s *Store) analyze(ctx context.Context) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("update planner statistics: get connection: %w", err)
	}
	defer conn.Close()
	for _, stmt := range s.d.analyze() {
		if _, err := conn.ExecContext(ctx, stmt); err != nil && !strings.Contains(err.Error(), "no such table") {
			return fmt.Errorf("update planner statistics: %w", err)
		}
	}
	return nil
}

func (t *Tx) schemaVersion(ctx context.Context) (int, error) {
	var exists int
	q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'newsdesk_meta'"
	if t.s.d.postgres {
		q = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'newsdesk_meta'"
	}
	if err := t.tx.QueryRowContext(ctx, q).Scan(&exists); err != nil {
		return 0, fmt.Errorf("look for schema: %w", err)
	}
	if exists == 0 {
		return 0, nil
	}
	var v string
	err := t.queryRow(ctx, "SELECT value FROM newsdesk_meta WHERE key = 'schema_version'").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return strconv.Atoi(v)
}

// splitStatements splits a migration on semicolons that end a line, dropping comments.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}
