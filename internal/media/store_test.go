package media

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "media")
	s, err := New(dir, Limits{MaxSide: 100})
	if err != nil {
		t.Fatal(err)
	}
	want := Limits{MaxBytes: 20 << 20, MaxPixels: 50_000_000, MaxSide: 100, MaxConcurrent: 2, MaxMemory: 512 << 20}
	if s.limits != want {
		t.Errorf("limits %+v, want %+v", s.limits, want)
	}
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o027 != 0 {
		t.Errorf("media directory: %v, %v", fi.Mode(), err)
	}
	if _, err := New(dir, Limits{MaxMemory: -1}); err == nil {
		t.Error("New accepted a negative limit")
	}
	if _, err := New("", Limits{}); err == nil {
		t.Error("New accepted an empty directory")
	}
}

func TestPath(t *testing.T) {
	s := newStore(t, Limits{})
	const hash = "0123456789abcdef0123456789abcdef"
	tests := []struct {
		file string
		ok   bool
	}{
		{hash + "-320.jpg", true},
		{hash + "-1600.png", true},
		{hash + "-7.jpg", true},
		{"../x", false},
		{"../" + hash + "-320.jpg", false},
		{hash + "-320.jpg/..", false},
		{"sub/" + hash + "-320.jpg", false},
		{hash + "-320.jpg\x00", false},
		{"", false},
		{".", false},
		{".ingest-123.tmp", false},
		{hash + "-320.gif", false},
		{hash + "-320.jpeg", false},
		{hash + "-320", false},
		{hash + "-.jpg", false},
		{hash + "-0320.jpg", false},
		{hash + "-123456.jpg", false},
		{hash + "--320.jpg", false},
		{hash + "-3a0.jpg", false},
		{hash + "-320.jpg.png", false},
		{strings.ToUpper(hash) + "-320.jpg", false},
		{hash[:31] + "-320.jpg", false},
		{hash + "0-320.jpg", false},
		{`..\` + hash + "-320.jpg", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := s.Path(tt.file)
			if !tt.ok {
				if err == nil || !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("Path(%q) = %q, %v; want an fs.ErrNotExist error", tt.file, p, err)
				}
				return
			}
			if err != nil || p != filepath.Join(s.dir, tt.file) {
				t.Errorf("Path(%q) = %q, %v", tt.file, p, err)
			}
		})
	}
}

func TestSrcset(t *testing.T) {
	rs := []Rendition{{Width: 320, File: "a-320.jpg"}, {Width: 640, File: "a-640.jpg"}}
	tests := []struct {
		rs     []Rendition
		prefix string
		want   string
	}{
		{rs, "/media/", "/media/a-320.jpg 320w, /media/a-640.jpg 640w"},
		{rs[:1], "https://cdn.example/m/", "https://cdn.example/m/a-320.jpg 320w"},
		{nil, "/media/", ""},
	}
	for _, tt := range tests {
		if got := Srcset(tt.rs, tt.prefix); got != tt.want {
			t.Errorf("Srcset(%v, %q) = %q, want %q", tt.rs, tt.prefix, got, tt.want)
		}
	}
}
