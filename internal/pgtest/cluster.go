package pgtest

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"testing"
	"time"
)

// Cluster is a PostgreSQL server of one test's own, which the test may stop and start
// again (outage tests); the shared cluster of New must never be stopped. It always
// starts its own server, even when NEWSDESK_TEST_PG names one, and removes it when the
// test ends.
type Cluster struct {
	bin  string
	cred *syscall.Credential
	c    *cluster
}

// NewCluster initialises and starts a throwaway cluster for t. Without PostgreSQL
// binaries it skips t (fails it under CI or NEWSDESK_REQUIRE_PG), as New does.
func NewCluster(t testing.TB) *Cluster {
	t.Helper()
	c, err := startCluster()
	if errors.Is(err, errNoPostgres) {
		if required() {
			t.Fatalf("pgtest: %v (and CI or %s is set, so this is a failure, not a skip)", err, EnvRequire)
		}
		t.Skipf("pgtest: skipping: %v", err)
	}
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	cl := &Cluster{c: c}
	t.Cleanup(func() { cl.c.stop() })
	if cl.bin, err = findBinaries(); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	if cl.cred, err = ownerCredential(); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return cl
}

// NewDatabase creates an empty database in the cluster and returns its URL.
func (cl *Cluster) NewDatabase(t testing.TB) string {
	t.Helper()
	admin, err := openAdmin(cl.c.adminURL())
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer admin.Close()
	name := uniqueName()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	dsn, err := withDatabase(cl.c.adminURL(), name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return dsn
}

// Stop shuts the server down as "pg_ctl stop -m fast" does (SIGINT: clients are
// disconnected, transactions in progress roll back, committed ones are kept) and waits
// until it has exited.
func (cl *Cluster) Stop(t testing.TB) {
	t.Helper()
	if err := cl.c.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("pgtest: stop: %v", err)
	}
	select {
	case <-cl.c.done:
	case <-time.After(60 * time.Second):
		t.Fatal("pgtest: the server did not stop within 60 s")
	}
}

// Start starts the stopped server again, on the same port and data, and waits until it
// accepts connections.
func (cl *Cluster) Start(t testing.TB) {
	t.Helper()
	select {
	case <-cl.c.done:
	default:
		t.Fatal("pgtest: Start: the server is running")
	}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		var c *cluster
		if c, err = startServerOn(cl.bin, cl.c.dir, cl.cred, cl.c.port); err == nil {
			cl.c = c
			return
		}
		time.Sleep(200 * time.Millisecond) // the port may linger a moment after the stop
	}
	t.Fatalf("pgtest: start again: %v", fmt.Errorf("port %d: %w", cl.c.port, err))
}
