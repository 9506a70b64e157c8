package app_test

import (
	"bytes"
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/newsdesk/newsdesk/internal/app"
	"github.com/newsdesk/newsdesk/internal/config"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/testkit"
	"github.com/newsdesk/newsdesk/internal/testkit/sitekit"
)

// BenchmarkMediaFile serves the 640-wide rendition of an uploaded picture through the whole
// handler (headers, ETag, ServeContent) from a media directory and from a bucket of a real
// S3-compatible store: "bucket" as served after the first read (the memory cache),
// "bucket-miss" opened and read from a media Store whose cache is cold (one GET to the
// store each, without the HTTP handler).
func BenchmarkMediaFile(b *testing.B) {
	w := testkit.StartSeaweedFS(b)
	st := sitekit.Demo(b, filepath.Join(b.TempDir(), "site.db"))
	png := testPNG(b, 1200, 800)
	build := func(media string) *app.Site {
		site, err := app.Build(config.Config{BaseURL: "http://x", TimeZone: "Asia/Baku", Media: media, Getenv: w.Env()}, st, nil)
		if err != nil {
			b.Fatal(err)
		}
		return site
	}
	disk, bucket := build(b.TempDir()), build(w.Location("bench"))
	var file string
	for _, s := range []*app.Site{disk, bucket} {
		img, err := s.Media.Ingest(context.Background(), bytes.NewReader(png))
		if err != nil {
			b.Fatal(err)
		}
		file = img.Renditions[1].File
	}
	for _, tc := range []struct {
		name string
		site func() *app.Site
	}{
		{"disk", func() *app.Site { return disk }},
		{"bucket", func() *app.Site { return bucket }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			site := tc.site()
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				site.Handler.ServeHTTP(rec, httptest.NewRequest("GET", "/media/"+file, nil))
				if rec.Code != 200 {
					b.Fatalf("GET %s: %d", file, rec.Code)
				}
			}
		})
	}
	b.Run("bucket-miss", func(b *testing.B) {
		blobs := w.Client(b, "bench")
		for b.Loop() {
			ms, err := media.NewWith(blobs, media.Limits{}) // a cold cache: one GET to the store
			if err != nil {
				b.Fatal(err)
			}
			obj, err := ms.Open(context.Background(), file)
			if err != nil {
				b.Fatal(err)
			}
			if n, err := io.Copy(io.Discard, obj); err != nil || n == 0 {
				b.Fatalf("read %s: %d, %v", file, n, err)
			}
			obj.Close()
		}
	})
}
