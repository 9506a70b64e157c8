package media

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
)

func TestKeep(t *testing.T) {
	s, err := New(t.TempDir(), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	film := []byte("bytes of a made-up film")
	f, err := s.Keep(ctx, bytes.NewReader(film), ".MP4", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Name) != 32+4 || !strings.HasSuffix(f.Name, ".mp4") || f.Type != "video/mp4" || f.Bytes != int64(len(film)) || !f.Written {
		t.Errorf("kept %+v", f)
	}
	path, err := s.Path(f.Name)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, film) {
		t.Errorf("file holds %q, %v", got, err)
	}
	again, err := s.Keep(ctx, bytes.NewReader(film), ".mp4", 0)
	if err != nil || again.Name != f.Name || again.Written {
		t.Errorf("kept again %+v, %v", again, err)
	}
	if got := ContentType(f.Name); got != "video/mp4" {
		t.Errorf("content type %q", got)
	}

	if _, err := s.Keep(ctx, strings.NewReader("<script>"), ".html", 0); !errors.Is(err, ErrNotKept) {
		t.Errorf("html kept: %v", err)
	}
	if _, err := s.Keep(ctx, strings.NewReader("0123456789"), ".mp3", 5); !errors.Is(err, ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	entries, _ := os.ReadDir(s.dir)
	if len(entries) != 1 {
		t.Errorf("media directory holds %d files, want the one film (no temporary file left)", len(entries))
	}
	for _, name := range []string{f.Name[:32] + ".html", f.Name[:32] + ".svg", f.Name[:32] + ".MP4", "../" + f.Name, f.Name[:31] + ".mp4"} {
		if _, err := s.Path(name); err == nil {
			t.Errorf("Path(%q) accepted", name)
		}
		if ContentType(name) != "" {
			t.Errorf("ContentType(%q) = %q", name, ContentType(name))
		}
	}
}
