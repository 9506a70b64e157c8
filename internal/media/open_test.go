package media

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileCache keeps files up to its size, dropping the least recently used first, and
// never keeps a file over the largest cached size.
func TestFileCache(t *testing.T) {
	c := newFileCache(10)
	c.put("a", []byte("aaaa"))
	c.put("b", []byte("bbbb"))
	if _, ok := c.get("a"); !ok { // a is now the most recent
		t.Fatal("a not cached")
	}
	c.put("c", []byte("cccc")) // 12 bytes: b, the least recent, goes
	for name, want := range map[string]bool{"a": true, "b": false, "c": true} {
		if _, ok := c.get(name); ok != want {
			t.Errorf("%s cached: %v, want %v", name, ok, want)
		}
	}
	c.put("big", make([]byte, 11))
	if _, ok := c.get("big"); ok || c.used != 8 {
		t.Errorf("a file over the cache's size was kept (used %d)", c.used)
	}
}

// TestDirBlobs: Put is whole or nothing, List skips temporary files, Get reads from an
// offset, Delete of a missing file is no error.
func TestDirBlobs(t *testing.T) {
	ctx := context.Background()
	d := Dir(t.TempDir())
	if err := d.Put(ctx, "x.jpg", strings.NewReader("0123456789"), 10, "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, "short.jpg", strings.NewReader("0123"), 10, ""); err == nil {
		t.Error("a body shorter than its size was stored")
	}
	if err := os.WriteFile(filepath.Join(string(d), ".ingest-1.tmp"), []byte("half"), 0o600); err != nil {
		t.Fatal(err)
	}
	var names []string
	if err := d.List(ctx, func(name string, size int64) error { names = append(names, name); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "x.jpg" {
		t.Errorf("listed %v", names)
	}
	rc, size, err := d.Get(ctx, "x.jpg", 6)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	if string(b) != "6789" || size != 10 {
		t.Errorf("from 6: %q of %d", b, size)
	}
	if err := d.Delete(ctx, "x.jpg"); err != nil {
		t.Fatal(err)
	}
	if err := d.Delete(ctx, "x.jpg"); err != nil {
		t.Errorf("deleting a missing file: %v", err)
	}
	if _, err := d.Head(ctx, "x.jpg"); err == nil {
		t.Error("a deleted file is still there")
	}
}
