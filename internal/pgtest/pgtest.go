// Package pgtest gives Go tests a fresh, empty PostgreSQL database each.
//
// The databases live in one cluster per test binary. When NEWSDESK_TEST_PG holds the admin URL of a
// running cluster (scripts/test starts one for the whole run), that cluster is used. Otherwise the
// package starts its own throwaway cluster the first time a test asks for a database: initdb into a
// temporary folder (as the postgres user when running as root, since PostgreSQL refuses root), a
// free port on 127.0.0.1, trust authentication. Main stops it and removes the folder when the tests
// end, so a package that uses pgtest calls it from TestMain:
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
// Without PostgreSQL binaries and without NEWSDESK_TEST_PG, New skips the test, unless CI or
// NEWSDESK_REQUIRE_PG is set: then it fails, so that CI cannot pass by skipping.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
)

// EnvAdminURL names the variable that holds the admin URL of an existing cluster.
const EnvAdminURL = "NEWSDESK_TEST_PG"

// EnvRequire names the variable that turns a missing PostgreSQL into a failure instead of a skip
// (as CI does).
const EnvRequire = "NEWSDESK_REQUIRE_PG"

// errNoPostgres marks the one situation that skips rather than fails: no cluster given, none to start.
var errNoPostgres = errors.New("no PostgreSQL binaries (initdb, postgres) in /usr/lib/postgresql/*/bin or PATH, and " +
	EnvAdminURL + " is unset")

// The cluster is shared by every test of one test binary; this is the package's only state, and it
// exists because a test binary has no other place to keep a process it started.
var (
	state      clusterState
	mainCalled atomic.Bool
	dbCounter  atomic.Int64
)

type clusterState struct {
	once     sync.Once
	adminURL string
	admin    *sql.DB
	err      error
	own      *cluster // nil when NEWSDESK_TEST_PG was used
}

// Main runs the tests of m and then stops and removes the cluster that pgtest started, if any.
// Call it from TestMain in every package whose tests call New.
func Main(m *testing.M) {
	mainCalled.Store(true)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		if _, ok := <-signals; ok {
			shutdown()
			os.Exit(130)
		}
	}()
	code := m.Run()
	signal.Stop(signals)
	shutdown()
	os.Exit(code)
}

// New creates a database with a unique name and returns its URL. The database is empty (created
// from template0, UTF8) and is dropped, with any connections left to it, when the test ends.
func New(t testing.TB) string {
	t.Helper()
	admin, adminURL := cluster0(t)

	name := uniqueName()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("pgtest: create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("pgtest: drop database %s: %v", name, err)
		}
	})
	dsn, err := withDatabase(adminURL, name)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	return dsn
}

// cluster0 returns the admin connection pool and URL, starting a cluster on first use.
func cluster0(t testing.TB) (*sql.DB, string) {
	t.Helper()
	state.once.Do(func() {
		state.adminURL = os.Getenv(EnvAdminURL)
		if state.adminURL == "" {
			if !mainCalled.Load() {
				// Without Main nobody would stop the cluster: refuse rather than leak a server.
				state.err = errors.New("pgtest would start its own PostgreSQL cluster, but pgtest.Main was not " +
					"called: add `func TestMain(m *testing.M) { pgtest.Main(m) }` to the package's tests")
				return
			}
			state.own, state.err = startCluster()
			if state.err != nil {
				return
			}
			state.adminURL = state.own.adminURL()
		}
		state.admin, state.err = openAdmin(state.adminURL)
	})
	if errors.Is(state.err, errNoPostgres) {
		if required() {
			t.Fatalf("pgtest: %v (and CI or %s is set, so this is a failure, not a skip)", state.err, EnvRequire)
		}
		t.Skipf("pgtest: skipping: %v; run scripts/test or install postgresql", state.err)
	}
	if state.err != nil {
		t.Fatalf("pgtest: %v", state.err)
	}
	return state.admin, state.adminURL
}

// shutdown closes the admin pool and stops the cluster pgtest started, if any.
func shutdown() {
	if state.admin != nil {
		state.admin.Close()
	}
	if state.own != nil {
		state.own.stop()
	}
}

func required() bool {
	return truthy(os.Getenv("CI")) || truthy(os.Getenv(EnvRequire))
}

func truthy(v string) bool {
	v = strings.ToLower(strings.TrimSpace(v))
	return v != "" && v != "0" && v != "false" && v != "no"
}

func openAdmin(adminURL string) (*sql.DB, error) {
	db, err := sql.Open("pgx", adminURL)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", EnvAdminURL, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to the admin database %s: %w", redact(adminURL), err)
	}
	return db, nil
}

// uniqueName is unique across the test binaries (pid) that may share one cluster, and within one.
func uniqueName() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("pgtest_%d_%d_%s", os.Getpid(), dbCounter.Add(1), hex.EncodeToString(b[:]))
}

// withDatabase returns adminDSN pointed at database name. adminDSN is a postgres:// URL or a
// key=value connection string.
func withDatabase(adminDSN, name string) (string, error) {
	if strings.HasPrefix(adminDSN, "postgres://") || strings.HasPrefix(adminDSN, "postgresql://") {
		u, err := url.Parse(adminDSN)
		if err != nil {
			return "", fmt.Errorf("parse %s: %w", EnvAdminURL, err)
		}
		u.Path = "/" + name
		u.RawPath = ""
		return u.String(), nil
	}
	return adminDSN + " dbname=" + name, nil
}

// redact hides a password in a URL for error messages.
func redact(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && u.User != nil {
		return u.Redacted()
	}
	return dsn
}

// cluster is a throwaway PostgreSQL server that this process started.
type cluster struct {
	dir  string // temporary folder: data/, the socket, server.log
	port int
	cmd  *exec.Cmd
	done chan struct{} // closed when the server process has exited
}

func (c *cluster) adminURL() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// findBinaries returns the folder holding initdb and postgres: PostgreSQL 15 first, then PATH, then
// the newest other version installed the Debian way.
func findBinaries() (string, error) {
	candidates := []string{"/usr/lib/postgresql/15/bin"}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		candidates = append(candidates, filepath.Dir(p))
	}
	others, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(others, func(i, j int) bool { return versionOf(others[i]) > versionOf(others[j]) })
	candidates = append(candidates, others...)
	for _, dir := range candidates {
		if isExecutable(filepath.Join(dir, "initdb")) && isExecutable(filepath.Join(dir, "postgres")) {
			return dir, nil
		}
	}
	return "", errNoPostgres
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}

// startCluster runs initdb and starts postgres on a free port of 127.0.0.1.
func startCluster() (*cluster, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("make cluster folder: %w", err)
	}
	cred, err := ownerCredential()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("give cluster folder to postgres: %w", err)
		}
	}
	data := filepath.Join(dir, "data")
	initdb := exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", // #nosec G204 -- test helper: runs PostgreSQL's own initdb from the installation directory
		"-E", "UTF8", "--locale=C", "--no-sync")
	initdb.Dir = dir
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	hba := "local all all trust\nhost all all 127.0.0.1/32 trust\n"
	if err := os.WriteFile(filepath.Join(data, "pg_hba.conf"), []byte(hba), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("write pg_hba.conf: %w", err)
	}
	if cred != nil {
		if err := os.Chown(filepath.Join(data, "pg_hba.conf"), int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("give pg_hba.conf to postgres: %w", err)
		}
	}

	var lastErr error
	for attempt := 0; attempt < 5; attempt++ {
		c, err := startServer(bin, dir, cred)
		if err == nil {
			return c, nil
		}
		lastErr = err
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

// ownerCredential returns the postgres user's credential when running as root, nil otherwise.
func ownerCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, PostgreSQL must run as the postgres user: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("postgres uid %q: %w", u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("postgres gid %q: %w", u.Gid, err)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// startServer starts postgres in the foreground as a child of this process, so that the kernel
// stops it (SIGQUIT, PostgreSQL's immediate shutdown) even if the test binary dies without Main's
// cleanup, and waits until it accepts connections.
func startServer(bin, dir string, cred *syscall.Credential) (*cluster, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	return startServerOn(bin, dir, cred, port)
}

// startServerOn starts postgres as startServer does, on the given port.
func startServerOn(bin, dir string, cred *syscall.Credential, port int) (*cluster, error) {
	logFile, err := os.OpenFile(filepath.Join(dir, "server.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644) // #nosec G302 G304 -- test helper: the server log in the test's own temporary directory
	if err != nil {
		return nil, fmt.Errorf("open server log: %w", err)
	}
	defer logFile.Close()
	cmd := exec.Command(filepath.Join(bin, "postgres"), "-D", filepath.Join(dir, "data"), // #nosec G204 -- test helper: runs PostgreSQL's own server binary
		"-p", strconv.Itoa(port), "-k", dir,
		"-c", "listen_addresses=127.0.0.1",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200")
	cmd.Dir = dir
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGQUIT, Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	c := &cluster{dir: dir, port: port, cmd: cmd, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		close(c.done)
	}()

	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-c.done:
			log, _ := os.ReadFile(filepath.Join(dir, "server.log")) // #nosec G304 -- test helper: the server log in the test's own temporary directory
			return nil, fmt.Errorf("postgres exited on start (port %d):\n%s", port, log)
		case <-time.After(50 * time.Millisecond):
		}
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err != nil {
			continue
		}
		conn.Close()
		if db, err := openAdmin(c.adminURL()); err == nil {
			db.Close()
			return c, nil
		}
	}
	c.kill()
	log, _ := os.ReadFile(filepath.Join(dir, "server.log")) // #nosec G304 -- test helper: the server log in the test's own temporary directory
	return nil, fmt.Errorf("postgres did not accept connections within 60s:\n%s", log)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// kill stops the server at once (immediate shutdown) and waits for it to exit.
func (c *cluster) kill() {
	_ = c.cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
		_ = syscall.Kill(-c.cmd.Process.Pid, syscall.SIGKILL)
		<-c.done
	}
}

// stop kills the server and removes its folder.
func (c *cluster) stop() {
	c.kill()
	os.RemoveAll(c.dir)
}
