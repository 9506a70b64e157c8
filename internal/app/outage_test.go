package app_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/pgtest"
)

// TestDatabaseOutage takes the PostgreSQL database away while the site runs: /readyz and
// pages answer 503 (never 500) and the site recovers on its own when the database is back.
func TestDatabaseOutage(t *testing.T) {
	dsn := pgtest.New(t)
	s := newDemoSite(t, dsn)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	admin, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	exec := func(q string) {
		t.Helper()
		if _, err := admin.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if resp, _ := s.get(t, "/en/"); resp.StatusCode != 200 {
		t.Fatalf("before the outage: %d", resp.StatusCode)
	}
	exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false")
	exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'")
	for _, p := range []string{"/readyz", "/en/", leadEN, "/en/politics/"} {
		resp, body := s.get(t, p)
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("during the outage GET %s = %d, want 503", p, resp.StatusCode)
		}
		if p != "/readyz" && (resp.Header.Get("Retry-After") == "" || !strings.Contains(body, "Temporarily unavailable")) {
			t.Errorf("during the outage GET %s: no Retry-After or notice", p)
		}
	}
	if resp, _ := s.get(t, "/healthz"); resp.StatusCode != 200 {
		t.Errorf("/healthz during the outage = %d, want 200 (the process is up)", resp.StatusCode)
	}
	exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true")
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, _ := s.get(t, leadEN)
		if resp.StatusCode == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("site did not recover: %d", resp.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if resp, _ := s.get(t, "/readyz"); resp.StatusCode != 200 {
		t.Errorf("/readyz after recovery = %d", resp.StatusCode)
	}
}
