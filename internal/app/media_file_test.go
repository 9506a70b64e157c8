package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"testing"
)

// TestMediaFileServed serves a video kept as it is (an import's) with its content type,
// in ranges as players ask for it.
func TestMediaFileServed(t *testing.T) {
	s := newSecSite(t, filepath.Join(t.TempDir(), "site.db"), nil)
	film := []byte("bytes of a made-up film, kept as they came")
	f, err := s.site.Media.Keep(context.Background(), bytes.NewReader(film), ".mp4", 0)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", s.srv.URL+"/media/"+f.Name, nil)
	req.Header.Set("Range", "bytes=6-7")
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(body) != "of" || resp.Header.Get("Content-Type") != "video/mp4" ||
		resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET %s: %d %q %v", f.Name, resp.StatusCode, body, resp.Header)
	}
}
