package s3_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"

	"github.com/newsdesk/newsdesk/internal/s3"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestBucket puts, reads (whole and from an offset), lists and deletes objects on a real
// S3-compatible store, under two prefixes that do not see each other's objects.
func TestBucket(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	ctx := context.Background()
	a, other := w.Client(t, "site/a"), w.Client(t, "site/b")
	if err := a.Check(ctx); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"one.jpg": "first file", "two.mp4": strings.Repeat("film ", 1000), "three.png": ""}
	for name, body := range files {
		if err := a.Put(ctx, name, strings.NewReader(body), int64(len(body)), "application/octet-stream"); err != nil {
			t.Fatalf("put %s: %v", name, err)
		}
	}
	if err := other.Put(ctx, "one.jpg", strings.NewReader("other"), 5, ""); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		rc, size, err := a.Get(ctx, name, 0)
		if err != nil {
			t.Fatalf("get %s: %v", name, err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || string(got) != body || size != int64(len(body)) {
			t.Errorf("get %s: %d bytes (size %d), %v", name, len(got), size, err)
		}
		if n, err := a.Head(ctx, name); err != nil || n != int64(len(body)) {
			t.Errorf("head %s: %d, %v", name, n, err)
		}
	}
	rc, size, err := a.Get(ctx, "two.mp4", 4995)
	if err != nil {
		t.Fatal(err)
	}
	tail, _ := io.ReadAll(rc)
	rc.Close()
	if string(tail) != "film " || size != 5000 {
		t.Errorf("get from 4995: %q, size %d", tail, size)
	}

	var listed []string
	if err := a.List(ctx, func(name string, size int64) error {
		if int64(len(files[name])) != size {
			t.Errorf("listed %s with %d bytes", name, size)
		}
		listed = append(listed, name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Join(listed, " ") != "one.jpg three.png two.mp4" {
		t.Errorf("listed %v", listed)
	}

	if err := a.Delete(ctx, "one.jpg"); err != nil {
		t.Fatal(err)
	}
	if err := a.Delete(ctx, "one.jpg"); err != nil {
		t.Errorf("deleting a missing object: %v", err)
	}
	if _, err := a.Head(ctx, "one.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("head after delete: %v", err)
	}
	if _, _, err := a.Get(ctx, "one.jpg", 0); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("get after delete: %v", err)
	}
	if n, err := other.Head(ctx, "one.jpg"); err != nil || n != 5 {
		t.Errorf("the other prefix's one.jpg: %d, %v", n, err)
	}
}

// TestBucketRefusals: wrong credentials, a missing bucket and a body that changed between
// its hashing and its sending are each refused with an error that says so, and the
// changed body is not stored.
func TestBucketRefusals(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	ctx := context.Background()
	cfg := s3.Config{Bucket: w.Bucket, Prefix: "p", Endpoint: w.Endpoint, Region: "us-east-1", AccessKey: w.AccessKey, SecretKey: "wrong"}
	bad, err := s3.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Check(ctx); err == nil || !errors.Is(err, s3.ErrCredentials) || !strings.Contains(err.Error(), "refused the credentials") {
		t.Errorf("wrong secret: %v", err)
	}
	cfg.AccessKey, cfg.SecretKey = "nobody", w.SecretKey
	if bad, _ = s3.New(cfg); bad.Check(ctx) == nil {
		t.Error("an unknown key was accepted")
	}
	cfg.AccessKey, cfg.Bucket = w.AccessKey, "no-such-bucket"
	missing, _ := s3.New(cfg)
	if err := missing.Check(ctx); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing bucket: %v", err)
	}
	cfg.Endpoint = "http://127.0.0.1:1"
	gone, _ := s3.New(cfg)
	if err := gone.Check(ctx); err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Errorf("no server: %v", err)
	}

	b := w.Client(t, "p")
	body := &changing{first: []byte("the bytes that were hashed"), then: []byte("the bytes that were posted")}
	if err := b.Put(ctx, "changed.jpg", body, int64(len(body.first)), ""); err == nil {
		t.Error("a body that changed after hashing was stored")
	}
	if _, err := b.Head(ctx, "changed.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after the refused put: %v", err)
	}
}

// changing reads first until it is sought back to the start, then.
type changing struct {
	first, then []byte
	r           *bytes.Reader
}

func (c *changing) Read(p []byte) (int, error) {
	if c.r == nil {
		c.r = bytes.NewReader(c.first)
	}
	return c.r.Read(p)
}

func (c *changing) Seek(off int64, whence int) (int64, error) {
	c.r = bytes.NewReader(c.then)
	return c.r.Seek(off, whence)
}

// TestBucketServerKilledMidUpload stops the store (SIGKILL) while an object's body is being
// sent: the put fails with an error, and once the store is back the object is not there,
// neither whole nor in part.
func TestBucketServerKilledMidUpload(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	ctx := context.Background()
	b := w.Client(t, "mid")
	body := newStalling(8<<20, 1<<20)
	errc := make(chan error, 1)
	go func() { errc <- b.Put(ctx, "big.mp4", body, body.size, "video/mp4") }()
	<-body.stalled // the first MiB has been handed to the connection
	w.Kill(t)
	close(body.release)
	err := <-errc
	if err == nil {
		t.Fatal("the put succeeded although the store was killed during it")
	}
	t.Logf("put while killed: %v", err)
	w.Start(t)
	if _, err := b.Head(ctx, "big.mp4"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after the restart the half-sent object: %v", err)
	}
	if err := b.List(ctx, func(name string, _ int64) error {
		t.Errorf("listed %s after a failed upload", name)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// stalling is a body of size bytes that, on the pass that sends it (after the first
// Seek), stops after at bytes: it closes stalled and waits for release.
type stalling struct {
	size, at, pos   int64
	sending         bool
	stalled         chan struct{}
	release         chan struct{}
	stalledReported bool
}

func newStalling(size, at int64) *stalling {
	return &stalling{size: size, at: at, stalled: make(chan struct{}), release: make(chan struct{})}
}

func (s *stalling) Read(p []byte) (int, error) {
	if s.pos >= s.size {
		return 0, io.EOF
	}
	if s.sending && s.pos >= s.at && !s.stalledReported {
		s.stalledReported = true
		close(s.stalled)
		<-s.release
	}
	n := int64(len(p))
	if s.sending && s.pos < s.at {
		n = min(n, s.at-s.pos)
	}
	n = min(n, s.size-s.pos)
	for i := range p[:n] {
		p[i] = byte(s.pos + int64(i))
	}
	s.pos += n
	return int(n), nil
}

func (s *stalling) Seek(off int64, whence int) (int64, error) {
	s.pos, s.sending = off, true
	return off, nil
}
