// Package testkit is what tests share to set up real things: a fresh database on SQLite and
// on PostgreSQL, a migrated store, a server over real HTTP, a newsroom wired to the wire,
// and webhook receivers. Only tests import it (and package sitekit, its app-level half).
// The calling package's TestMain must call pgtest.Main.
package testkit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/account"
	"github.com/newsdesk/newsdesk/internal/pgtest"
	"github.com/newsdesk/newsdesk/internal/store"
)

// EachDB runs fn as two subtests, "sqlite" and "postgres", each with the DSN of a fresh,
// empty database of its kind.
func EachDB(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			fn(t, DSN(t, kind))
		})
	}
}

// DSN returns the DSN of a fresh, empty database of kind "sqlite" (a file in the test's
// temporary directory) or "postgres".
func DSN(tb testing.TB, kind string) string {
	tb.Helper()
	if kind == "postgres" {
		return pgtest.New(tb)
	}
	return filepath.Join(tb.TempDir(), "site.db")
}

// Open opens dsn with opt and closes it when the test ends; it does not migrate.
func Open(tb testing.TB, dsn string, opt store.Options) *store.Store {
	tb.Helper()
	st, err := store.Open(context.Background(), dsn, opt)
	if err != nil {
		tb.Fatalf("open %s: %v", dsn, err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// Store opens and migrates dsn and closes it when the test ends.
func Store(tb testing.TB, dsn string) *store.Store {
	tb.Helper()
	st := Open(tb, dsn, store.Options{})
	if _, err := st.Migrate(context.Background()); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return st
}

// Serve serves the handler build returns over real HTTP until the test ends. build is
// given the server's own base URL ("http://127.0.0.1:port"), which a site needs to know
// before it is built.
func Serve(tb testing.TB, build func(baseURL string) (http.Handler, error)) *httptest.Server {
	tb.Helper()
	srv := httptest.NewUnstartedServer(nil)
	h, err := build("http://" + srv.Listener.Addr().String())
	if err != nil {
		srv.Listener.Close()
		tb.Fatal(err)
	}
	srv.Config.Handler = h
	srv.Start()
	tb.Cleanup(srv.Close)
	return srv
}

// Each runs fn as two subtests, "sqlite" and "postgres", each with what open makes of a
// fresh, empty database of its kind.
func Each[E any](t *testing.T, open func(t *testing.T, dsn string) E, fn func(t *testing.T, e E)) {
	t.Helper()
	EachDB(t, func(t *testing.T, dsn string) { fn(t, open(t, dsn)) })
}

// EachStore runs fn as two subtests, "sqlite" and "postgres", each with a fresh, migrated
// store of its kind.
func EachStore(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	t.Helper()
	EachDB(t, func(t *testing.T, dsn string) { fn(t, Store(t, dsn)) })
}

// AddUser creates u in st and returns it with its id.
func AddUser(tb testing.TB, st *store.Store, u account.User) account.User {
	tb.Helper()
	ctx := context.Background()
	err := st.WithTx(ctx, func(tx *store.Tx) error {
		var err error
		u.ID, err = tx.CreateUser(ctx, u)
		return err
	})
	if err != nil {
		tb.Fatalf("add user %s: %v", u.Email, err)
	}
	return u
}
