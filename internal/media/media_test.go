package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func newStore(t testing.TB, l Limits) *Store {
	t.Helper()
	s, err := New(filepath.Join(t.TempDir(), "media"), l)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkRenditions checks that each rendition's file exists, has the
// recorded size, decodes to the recorded size in the expected format,
// and keeps the aspect ratio of img.
func checkRenditions(t *testing.T, s *Store, img Image, wantExt string) {
	t.Helper()
	for i, r := range img.Renditions {
		if i > 0 && r.Width <= img.Renditions[i-1].Width {
			t.Errorf("renditions not in ascending width: %+v", img.Renditions)
		}
		if !strings.HasPrefix(r.File, img.Hash[:32]+"-") || !strings.HasSuffix(r.File, "."+wantExt) {
			t.Errorf("rendition file %q: want %s-<width>.%s", r.File, img.Hash[:32], wantExt)
		}
		path, err := s.Path(r.File)
		if err != nil {
			t.Fatalf("Path(%q): %v", r.File, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) != r.Bytes {
			t.Errorf("%s: %d bytes on disk, rendition says %d", r.File, len(data), r.Bytes)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s does not decode: %v", r.File, err)
		}
		if want := map[string]string{"jpg": "jpeg", "png": "png"}[wantExt]; format != want {
			t.Errorf("%s is %s, want %s", r.File, format, want)
		}
		if cfg.Width != r.Width || cfg.Height != r.Height {
			t.Errorf("%s is %dx%d, rendition says %dx%d", r.File, cfg.Width, cfg.Height, r.Width, r.Height)
		}
		// The aspect ratio is kept: the height is within a pixel of exact.
		if d := r.Height*img.Width - img.Height*r.Width; d > img.Width || -d > img.Width {
			t.Errorf("%s: %dx%d does not keep the aspect ratio of %dx%d", r.File, r.Width, r.Height, img.Width, img.Height)
		}
	}
	if n := len(img.Renditions); n == 0 || img.Renditions[n-1].Width != min(img.Width, MaxWidth) {
		t.Errorf("largest rendition should be %d wide: %+v", min(img.Width, MaxWidth), img.Renditions)
	}
}

func TestIngestFormats(t *testing.T) {
	tests := []struct {
		name          string
		data          []byte
		format        string
		width, height int
		widths        []int
		heights       []int
		ext           string
	}{
		{"jpeg wide", makeJPEG(t, 2000, 1000), "jpeg", 2000, 1000,
			[]int{320, 640, 1024, 1600}, []int{160, 320, 512, 800}, "jpg"},
		{"jpeg exactly max width", makeJPEG(t, 1600, 900), "jpeg", 1600, 900,
			[]int{320, 640, 1024, 1600}, []int{180, 360, 576, 900}, "jpg"},
		{"jpeg portrait odd size", makeJPEG(t, 333, 1001), "jpeg", 333, 1001,
			[]int{320, 333}, []int{962, 1001}, "jpg"},
		{"jpeg smaller than every width", makeJPEG(t, 100, 50), "jpeg", 100, 50,
			[]int{100}, []int{50}, "jpg"},
		{"jpeg very wide strip", makeJPEG(t, 1700, 2), "jpeg", 1700, 2,
			[]int{320, 640, 1024, 1600}, []int{1, 1, 1, 2}, "jpg"},
		{"png opaque", encodePNGBytes(t, pattern(800, 600, 255)), "png", 800, 600,
			[]int{320, 640, 800}, []int{240, 480, 600}, "jpg"},
		{"png transparent", encodePNGBytes(t, pattern(500, 250, 128)), "png", 500, 250,
			[]int{320, 500}, []int{160, 250}, "png"},
		{"png paletted", encodePNGBytes(t, image.NewPaletted(image.Rect(0, 0, 64, 32),
			color.Palette{color.Black, color.White})), "png", 64, 32, []int{64}, []int{32}, "jpg"},
		{"png 16-bit gray", encodePNGBytes(t, image.NewGray16(image.Rect(0, 0, 400, 100))), "png", 400, 100,
			[]int{320, 400}, []int{80, 100}, "jpg"},
		{"webp lossless 700x350", webpSolid(700, 350, color.NRGBA{10, 200, 30, 255}), "webp", 700, 350,
			[]int{320, 640, 700}, []int{160, 320, 350}, "jpg"},
		{"webp lossless transparent", webpSolid(2000, 10, color.NRGBA{10, 200, 30, 7}), "webp", 2000, 10,
			[]int{320, 640, 1024, 1600}, []int{2, 3, 5, 8}, "png"},
		{"webp lossless 1x1 transparent", webpLossless1x1, "webp", 1, 1, []int{1}, []int{1}, "png"},
		{"webp lossy 1x1", webpLossy1x1, "webp", 1, 1, []int{1}, []int{1}, "jpg"},
		{"webp lossy with alpha 1x1", webpAlpha1x1, "webp", 1, 1, []int{1}, []int{1}, "png"},
	}
	s := newStore(t, Limits{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := s.Ingest(t.Context(), bytes.NewReader(tt.data))
			if err != nil {
				t.Fatalf("Ingest: %v", err)
			}
			if img.Format != tt.format || img.Width != tt.width || img.Height != tt.height {
				t.Errorf("got %s %dx%d, want %s %dx%d", img.Format, img.Width, img.Height, tt.format, tt.width, tt.height)
			}
			if len(img.Hash) != 64 {
				t.Errorf("hash %q is not hex SHA-256", img.Hash)
			}
			var widths, heights []int
			for _, r := range img.Renditions {
				widths = append(widths, r.Width)
				heights = append(heights, r.Height)
			}
			if !equalInts(widths, tt.widths) || !equalInts(heights, tt.heights) {
				t.Errorf("rendition sizes %v × %v, want %v × %v", widths, heights, tt.widths, tt.heights)
			}
			checkRenditions(t, s, img, tt.ext)
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestIngestRejects(t *testing.T) {
	valid := makeJPEG(t, 64, 48)
	var gifData bytes.Buffer
	if err := gif.Encode(&gifData, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	pngData := encodePNGBytes(t, pattern(64, 48, 255))
	tests := []struct {
		name   string
		limits Limits
		data   []byte
		want   error
	}{
		{"one byte over the limit", Limits{MaxBytes: int64(len(valid)) - 1}, valid, ErrTooLarge},
		{"21 MB with the default limit", Limits{}, append(bytes.Clone(valid), make([]byte, 21<<20)...), ErrTooLarge},
		{"png claiming 100000x100000", Limits{}, pngHeaderOnly(t, 100000, 100000), ErrTooManyPixels},
		{"png over the pixel count, sides allowed", Limits{}, pngHeaderOnly(t, 10000, 10000), ErrTooManyPixels},
		{"png over a small side limit", Limits{MaxSide: 63}, pngData, ErrTooManyPixels},
		{"jpeg claiming 65535x65535", Limits{}, jpegWithSize(t, valid, 65535, 65535), ErrTooManyPixels},
		{"webp lossless 16384x16384", Limits{}, webpSolid(16384, 16384, color.NRGBA{A: 255}), ErrTooManyPixels},
		{"gif", Limits{}, gifData.Bytes(), ErrUnsupported},
		{"bmp", Limits{}, append([]byte("BM"), make([]byte, 60)...), ErrUnsupported},
		{"svg", Limits{}, []byte(`<?xml version="1.0"?>` + "\n" + `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrUnsupported},
		{"tiff", Limits{}, []byte("II*\x00\x08\x00\x00\x00"), ErrUnsupported},
		{"avif", Limits{}, []byte("\x00\x00\x00\x1cftypavif\x00\x00\x00\x00"), ErrUnsupported},
		{"text", Limits{}, []byte("Dear editor, please find attached"), ErrNotImage},
		{"html", Limits{}, []byte("<!doctype html><p>hello"), ErrNotImage},
		{"empty", Limits{}, nil, ErrNotImage},
		{"jpeg signature only", Limits{}, []byte{0xff, 0xd8, 0xff}, ErrNotImage},
		{"truncated jpeg", Limits{}, valid[:len(valid)/2], ErrNotImage},
		{"jpeg with its end cut off", Limits{}, valid[:len(valid)-40], ErrNotImage},
		{"truncated png", Limits{}, pngData[:len(pngData)/2], ErrNotImage},
		{"png header only, plausible size", Limits{}, pngHeaderOnly(t, 100, 100), ErrNotImage},
		{"png with corrupt data", Limits{}, corrupt(pngData, 60), ErrNotImage},
		{"webp riff with nothing inside", Limits{}, []byte("RIFF\x04\x00\x00\x00WEBP"), ErrNotImage},
		{"truncated webp", Limits{}, webpLossy1x1[:30], ErrNotImage},
		{"zero-width jpeg", Limits{}, jpegWithSize(t, valid, 0, 48), ErrNotImage},
		{"jpeg header bigger than its data", Limits{}, jpegWithSize(t, valid, 640, 480), ErrNotImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t, tt.limits)
			img, err := s.Ingest(t.Context(), bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) {
				t.Fatalf("Ingest = %+v, %v; want %v", img, err, tt.want)
			}
			entries, _ := os.ReadDir(s.dir)
			if len(entries) != 0 {
				t.Errorf("rejected upload left %d files behind", len(entries))
			}
		})
	}
}

// corrupt returns a copy of b with the byte at i inverted.
func corrupt(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0xff
	return c
}

// A header claiming a huge image is refused from the header alone: fast,
// and without allocating anything like the pixels it claims.
func TestIngestBombIsCheap(t *testing.T) {
	s := newStore(t, Limits{})
	bombs := map[string][]byte{
		"png":  pngHeaderOnly(t, 100000, 100000),
		"webp": webpSolid(16384, 16384, color.NRGBA{A: 255}),
		"jpeg": jpegWithSize(t, makeJPEG(t, 16, 16), 65000, 65000),
	}
	for name, data := range bombs {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := s.Ingest(t.Context(), bytes.NewReader(data))
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooManyPixels) {
				t.Fatalf("Ingest: %v, want ErrTooManyPixels", err)
			}
			if elapsed > 100*time.Millisecond {
				t.Errorf("refusing took %v", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
				t.Errorf("refusing allocated %d bytes", alloc)
			}
		})
	}
}

func TestIngestStripsMetadata(t *testing.T) {
	data := withEXIF(t, makeJPEG(t, 700, 400), 1)
	for _, marker := range []string{"Exif", gpsMarker, "\x25\x88\x04\x00"} { // the last: GPS IFD pointer tag, type LONG
		if !bytes.Contains(data, []byte(marker)) {
			t.Fatalf("test upload lacks %q: the test would prove nothing", marker)
		}
	}
	if o := jpegOrientation(data); o != 1 {
		t.Fatalf("test upload has orientation %d, want 1", o)
	}
	s := newStore(t, Limits{})
	img, err := s.Ingest(t.Context(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(img.Renditions) != 3 {
		t.Fatalf("want 3 renditions, got %+v", img.Renditions)
	}
	for _, r := range img.Renditions {
		out, err := os.ReadFile(filepath.Join(s.dir, r.File))
		if err != nil {
			t.Fatal(err)
		}
		for _, marker := range []string{"Exif", "GPS", "\x25\x88\x04\x00", "\xff\xe1"} {
			if bytes.Contains(out, []byte(marker)) {
				t.Errorf("%s still contains %q", r.File, marker)
			}
		}
	}
}

func TestIngestOrientation(t *testing.T) {
	red, blue := color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}
	// The upload is red on the left and blue on the right; most are 40×20.
	tests := []struct {
		orientation   uint16
		upload        image.Point
		width, height int        // of the image as displayed
		first, last   color.RGBA // at the top-left and bottom-right
	}{
		{1, image.Pt(40, 20), 40, 20, red, blue},
		{2, image.Pt(40, 20), 40, 20, blue, red},
		{3, image.Pt(40, 20), 40, 20, blue, red},
		{4, image.Pt(40, 20), 40, 20, red, blue},
		{5, image.Pt(40, 20), 20, 40, red, blue},
		{6, image.Pt(40, 20), 20, 40, red, blue},
		{7, image.Pt(40, 20), 20, 40, blue, red},
		{8, image.Pt(40, 20), 20, 40, blue, red},
		{9, image.Pt(40, 20), 40, 20, red, blue},         // invalid: ignored
		{6, image.Pt(1800, 700), 700, 1800, red, blue},   // turned, not scaled
		{8, image.Pt(1000, 3300), 3300, 1000, blue, red}, // halved, then scaled
		{6, image.Pt(2000, 600), 600, 2000, red, blue},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %v", tt.orientation, tt.upload), func(t *testing.T) {
			s := newStore(t, Limits{})
			data := withEXIF(t, halves(t, tt.upload.X, tt.upload.Y), tt.orientation)
			img, err := s.Ingest(t.Context(), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if img.Width != tt.width || img.Height != tt.height {
				t.Errorf("image is %dx%d, want %dx%d", img.Width, img.Height, tt.width, tt.height)
			}
			f, err := os.Open(filepath.Join(s.dir, img.Renditions[0].File))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			m, err := jpeg.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			b := m.Bounds()
			if r := img.Renditions[0]; b.Dx() != r.Width || b.Dy() != r.Height || r.Height != scaledHeight(tt.width, tt.height, r.Width) {
				t.Fatalf("rendition is %v, recorded %+v, image %dx%d", b, r, tt.width, tt.height)
			}
			if got := m.At(b.Min.X+2, b.Min.Y+2); !near(got, tt.first) {
				t.Errorf("top-left is %v, want %v", got, tt.first)
			}
			if got := m.At(b.Max.X-3, b.Max.Y-3); !near(got, tt.last) {
				t.Errorf("bottom-right is %v, want %v", got, tt.last)
			}
		})
	}
}

// near reports whether c is within JPEG error of want.
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(x uint32, y uint8) bool { return int(x>>8)-int(y) < 40 && int(y)-int(x>>8) < 40 }
	return d(r, want.R) && d(g, want.G) && d(b, want.B)
}

func TestIngestTwiceIsIdempotent(t *testing.T) {
	s := newStore(t, Limits{})
	data := encodePNGBytes(t, pattern(900, 300, 100))
	first, err := s.Ingest(t.Context(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Ingest(t.Context(), bytes.NewReader(data))
	if err != nil {
		t.Fatalf("second Ingest: %v", err)
	}
	if first.Hash != second.Hash || Srcset(first.Renditions, "") != Srcset(second.Renditions, "") {
		t.Errorf("second ingest differs:\n%+v\n%+v", first, second)
	}
	for i := range first.Renditions {
		if first.Renditions[i] != second.Renditions[i] {
			t.Errorf("rendition %d: %+v then %+v", i, first.Renditions[i], second.Renditions[i])
		}
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(first.Renditions) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only the %d renditions", names, len(first.Renditions))
	}
}

func TestIngestConcurrentSameUpload(t *testing.T) {
	s := newStore(t, Limits{MaxConcurrent: 2})
	data := makeJPEG(t, 700, 500)
	const n = 4
	images := make([]Image, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { images[i], errs[i] = s.Ingest(t.Context(), bytes.NewReader(data)) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("ingest %d: %v", i, errs[i])
		}
		if Srcset(images[i].Renditions, "") != Srcset(images[0].Renditions, "") {
			t.Errorf("ingest %d gave %+v, ingest 0 %+v", i, images[i], images[0])
		}
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(images[0].Renditions) {
		t.Errorf("directory holds %d files, want %d", len(entries), len(images[0].Renditions))
	}
	checkRenditions(t, s, images[0], "jpg")
}

func TestIngestCancelled(t *testing.T) {
	s := newStore(t, Limits{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.Ingest(ctx, bytes.NewReader(makeJPEG(t, 10, 10))); !errors.Is(err, context.Canceled) {
		t.Errorf("Ingest with a cancelled context: %v", err)
	}
}
