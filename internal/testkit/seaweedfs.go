package testkit

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdesk/newsdesk/internal/s3"
)

// SeaweedFS is a real S3-compatible object store (SeaweedFS, a test-only tool; see
// docs/decisions.md) started for one test on free loopback ports, with one bucket.
type SeaweedFS struct {
	// Endpoint is the S3 API's base URL; Bucket the bucket made for the test.
	Endpoint, Bucket string
	// AccessKey and SecretKey are the credentials it accepts.
	AccessKey, SecretKey string

	bin, dir string
	args     []string
	mu       sync.Mutex
	cmd      *exec.Cmd
	done     chan struct{}
	log      *bytes.Buffer
}

// StartSeaweedFS starts SeaweedFS (the weed binary in $NEWSDESK_SEAWEEDFS, which
// ./scripts/test builds) with its master, volume server, filer and S3 gateway in one
// process, waits until a test object can be written, and stops it when the test ends.
// The test skips, saying why, when there is no binary.
func StartSeaweedFS(tb testing.TB) *SeaweedFS {
	tb.Helper()
	bin := toolBinary(tb, "NEWSDESK_SEAWEEDFS", "SeaweedFS (weed)", "builds")
	dir := tb.TempDir()
	w := &SeaweedFS{Bucket: "newsdesk-test", AccessKey: "newsdesk-test-key", SecretKey: "newsdesk-test-secret/0123456789",
		bin: bin, dir: dir, log: &bytes.Buffer{}}
	creds := fmt.Sprintf(`{"identities":[{"name":"newsdesk","credentials":[{"accessKey":%q,"secretKey":%q}],`+
		`"actions":["Admin","Read","List","Tagging","Write"]}]}`, w.AccessKey, w.SecretKey)
	if err := os.WriteFile(filepath.Join(dir, "s3.json"), []byte(creds), 0o600); err != nil {
		tb.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o750); err != nil {
		tb.Fatal(err)
	}
	port := func() string { return strings.TrimPrefix(freeAddr(tb), "127.0.0.1:") }
	s3Port := port()
	w.Endpoint = "http://127.0.0.1:" + s3Port
	w.args = []string{"server", "-dir=" + filepath.Join(dir, "data"), "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-master.port=" + port(), "-master.port.grpc=" + port(), "-master.volumeSizeLimitMB=64", "-master.telemetry=false",
		"-volume.port=" + port(), "-volume.port.grpc=" + port(), "-volume.preStopSeconds=0", "-volume.max=16",
		"-filer", "-filer.port=" + port(), "-filer.port.grpc=" + port(), "-filer.localSocket=" + filepath.Join(dir, "filer.sock"),
		"-s3", "-s3.port=" + s3Port, "-s3.port.grpc=" + port(), "-s3.port.iceberg=0", "-s3.port.lance=0",
		"-s3.localSocket=" + filepath.Join(dir, "s3.sock"), "-s3.config=" + filepath.Join(dir, "s3.json")}
	tb.Cleanup(func() { w.Kill(tb) })
	w.Start(tb)
	return w
}

// Start starts the weed process (again, after Kill: same folder, same ports) and waits
// until it stores and lists objects.
func (w *SeaweedFS) Start(tb testing.TB) {
	tb.Helper()
	w.mu.Lock()
	cmd := exec.Command(w.bin, w.args...) // #nosec G204 G702 -- the test machine's own SeaweedFS, with arguments made here
	cmd.Stdout, cmd.Stderr = lockedWriter{&w.mu, w.log}, lockedWriter{&w.mu, w.log}
	if err := cmd.Start(); err != nil {
		w.mu.Unlock()
		tb.Fatalf("start SeaweedFS: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	w.cmd, w.done = cmd, done
	w.mu.Unlock()
	b := w.Client(tb, "")
	probe := []byte("probe")
	Eventually(tb, 3*time.Minute, "SeaweedFS to store an object on "+w.Endpoint, func() bool {
		select {
		case <-done:
			tb.Fatalf("SeaweedFS stopped:\n%s", w.Log())
		default:
		}
		ctx := context.Background()
		if err := b.CreateBucket(ctx); err != nil {
			return false
		}
		if err := b.Put(ctx, ".ready-probe", bytes.NewReader(probe), int64(len(probe)), ""); err != nil {
			return false
		}
		return b.Delete(ctx, ".ready-probe") == nil
	})
}

// Kill stops the weed process at once (SIGKILL, as a crash would) and waits until it
// has exited and its S3 port is closed.
func (w *SeaweedFS) Kill(tb testing.TB) {
	tb.Helper()
	w.mu.Lock()
	cmd, done := w.cmd, w.done
	w.cmd = nil
	w.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Kill()
	<-done
	addr := strings.TrimPrefix(w.Endpoint, "http://")
	Eventually(tb, time.Minute, "SeaweedFS's port to close", func() bool {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			return true
		}
		c.Close()
		return false
	})
}

// Location is the --media value of prefix in the test's bucket: s3://bucket/prefix.
func (w *SeaweedFS) Location(prefix string) string {
	return s3.URLScheme + w.Bucket + "/" + prefix
}

// Env returns what os.Getenv would give a server configured for this store: the
// endpoint, a region and the credentials, as the AWS_* variables.
func (w *SeaweedFS) Env() func(string) string {
	env := map[string]string{"AWS_ENDPOINT_URL_S3": w.Endpoint, "AWS_REGION": "us-east-1",
		"AWS_ACCESS_KEY_ID": w.AccessKey, "AWS_SECRET_ACCESS_KEY": w.SecretKey}
	return func(k string) string { return env[k] }
}

// Client returns a client of prefix in the test's bucket.
func (w *SeaweedFS) Client(tb testing.TB, prefix string) *s3.Bucket {
	tb.Helper()
	b, err := s3.New(s3.Config{Bucket: w.Bucket, Prefix: prefix, Endpoint: w.Endpoint, Region: "us-east-1",
		AccessKey: w.AccessKey, SecretKey: w.SecretKey})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// Log is what the weed process printed so far (for a failure's message).
func (w *SeaweedFS) Log() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	s := w.log.String()
	if len(s) > 8000 {
		s = s[len(s)-8000:]
	}
	return s
}

// lockedWriter writes to w under mu (the process's output is copied by another goroutine).
type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
