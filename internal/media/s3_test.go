package media_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"testing"

	"github.com/newsdesk/newsdesk/internal/content"
	"github.com/newsdesk/newsdesk/internal/media"
	"github.com/newsdesk/newsdesk/internal/testkit"
)

// TestStoreInBucket ingests an image and keeps a film in a bucket of a real S3-compatible
// store: every rendition is an object, a second Store over the same bucket and prefix (a
// second instance) serves them, a large file is read in ranges, and with the store
// stopped an upload fails with ErrUnavailable.
func TestStoreInBucket(t *testing.T) {
	w := testkit.StartSeaweedFS(t)
	ctx := context.Background()
	one, err := media.NewWith(w.Client(t, "site"), media.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	two, err := media.NewWith(w.Client(t, "site"), media.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	img, err := one.Ingest(ctx, bytes.NewReader(testJPEG(t, 1300, 700)))
	if err != nil {
		t.Fatal(err)
	}
	if len(img.Renditions) != 4 {
		t.Fatalf("renditions %+v", img.Renditions)
	}
	stored := map[string]int64{}
	if err := one.Blobs().List(ctx, func(name string, size int64) error { stored[name] = size; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, r := range img.Renditions {
		if stored[r.File] != r.Bytes {
			t.Errorf("rendition %s: %d bytes in the bucket, %d made", r.File, stored[r.File], r.Bytes)
		}
		for _, s := range []*media.Store{one, two} {
			obj, err := s.Open(ctx, r.File)
			if err != nil {
				t.Fatalf("open %s: %v", r.File, err)
			}
			b, _ := io.ReadAll(obj)
			obj.Close()
			if int64(len(b)) != r.Bytes {
				t.Errorf("read %s: %d bytes, want %d", r.File, len(b), r.Bytes)
			}
			if _, err := jpeg.DecodeConfig(bytes.NewReader(b)); err != nil {
				t.Errorf("%s is not a JPEG: %v", r.File, err)
			}
		}
	}
	if _, err := two.Open(ctx, img.Hash[:32]+"-99.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing rendition: %v", err)
	}
	if _, err := two.Open(ctx, "../"+img.Renditions[0].File); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a name the store cannot have made: %v", err)
	}

	film := bytes.Repeat([]byte("0123456789abcdef"), 6<<20/16) // over the cached size: read in ranges
	f, err := two.Keep(ctx, bytes.NewReader(film), ".mp4", 0)
	if err != nil || !f.Written {
		t.Fatalf("keep: %+v, %v", f, err)
	}
	if again, err := one.Keep(ctx, bytes.NewReader(film), ".mp4", 0); err != nil || again.Written || again.Name != f.Name {
		t.Errorf("keep again from the other instance: %+v, %v", again, err)
	}
	obj, err := one.Open(ctx, f.Name)
	if err != nil {
		t.Fatal(err)
	}
	if end, err := obj.Seek(0, io.SeekEnd); err != nil || end != int64(len(film)) {
		t.Errorf("size %d, %v", end, err)
	}
	part := make([]byte, 20)
	if _, err := obj.Seek(5<<20+3, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(obj, part); err != nil || !bytes.Equal(part, film[5<<20+3:5<<20+23]) {
		t.Errorf("range at 5 MiB: %q, %v", part, err)
	}
	obj.Close()

	// The store stops: a new upload is refused as unavailable, what is cached still serves.
	w.Kill(t)
	_, err = one.Ingest(ctx, bytes.NewReader(testJPEG(t, 400, 300)))
	if !errors.Is(err, media.ErrUnavailable) || !errors.Is(err, content.ErrUnavailable) {
		t.Errorf("ingest with the store stopped: %v", err)
	}
	if _, err := one.Keep(ctx, bytes.NewReader([]byte("another film")), ".mp4", 0); !errors.Is(err, media.ErrUnavailable) {
		t.Errorf("keep with the store stopped: %v", err)
	}
	if obj, err := one.Open(ctx, img.Renditions[0].File); err != nil {
		t.Errorf("a cached rendition with the store stopped: %v", err)
	} else {
		obj.Close()
	}
}

// testJPEG is a w×h JPEG of a gradient.
func testJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
