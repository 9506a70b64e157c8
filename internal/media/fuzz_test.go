package media

import (
	"bytes"
	"errors"
	"image/color"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// FuzzIngest feeds Ingest arbitrary bytes: it must never panic, and must
// give either one of the package's errors or a consistent Image whose
// files are all there. Limits are small so each input stays cheap.
func FuzzIngest(f *testing.F) {
	jpegData := makeJPEG(f, 48, 32)
	pngData := encodePNGBytes(f, pattern(40, 30, 90))
	for _, seed := range [][]byte{
		jpegData,
		withEXIF(f, jpegData, 6),
		bigEndianEXIF(3),
		pngData,
		pngHeaderOnly(f, 100000, 100000),
		webpLossy1x1,
		webpLossless1x1,
		webpAlpha1x1,
		webpSolid(700, 3, color.NRGBA{1, 2, 3, 255}),
		jpegData[:len(jpegData)/2],
		pngData[:50],
		[]byte("GIF89a"),
		[]byte("<svg></svg>"),
		[]byte("RIFF\x00\x00\x00\x00WEBPVP8X"),
		[]byte("plain text"),
		{},
	} {
		f.Add(seed)
	}
	s, err := New(f.TempDir(), Limits{MaxBytes: 1 << 20, MaxPixels: 1 << 20, MaxSide: 4096})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := s.Ingest(t.Context(), bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrNotImage) && !errors.Is(err, ErrUnsupported) &&
				!errors.Is(err, ErrTooManyPixels) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error is none of the package's: %v", err)
			}
			return
		}
		if len(img.Hash) != 64 || img.Width <= 0 || img.Height <= 0 ||
			int64(img.Width)*int64(img.Height) > s.limits.MaxPixels || len(img.Renditions) == 0 {
			t.Fatalf("insane image: %+v", img)
		}
		switch img.Format {
		case "jpeg", "png", "webp":
		default:
			t.Fatalf("format %q", img.Format)
		}
		last := img.Renditions[len(img.Renditions)-1]
		if last.Width != min(img.Width, MaxWidth) {
			t.Fatalf("largest rendition %+v for a %d-wide image", last, img.Width)
		}
		for i, r := range img.Renditions {
			if r.Width <= 0 || r.Height <= 0 || (i > 0 && r.Width <= img.Renditions[i-1].Width) || !validName(r.File) {
				t.Fatalf("bad rendition %d: %+v", i, img.Renditions)
			}
			fi, err := os.Stat(filepath.Join(s.dir, r.File))
			if err != nil || fi.Size() != r.Bytes {
				t.Fatalf("rendition %s: %v, %d bytes recorded", r.File, err, r.Bytes)
			}
		}
	})
}

// BenchmarkIngest measures a typical photo: a 3000×2000 JPEG, into four
// renditions, each written and synced.
func BenchmarkIngest(b *testing.B) {
	data := makeJPEG(b, 3000, 2000)
	root := b.TempDir()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		// A fresh directory each time: an upload already stored would skip the writes.
		s, err := New(filepath.Join(root, strconv.Itoa(i)), Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Ingest(b.Context(), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	// CPU time is steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(i), "cpu-ms/op")
}

// cpuTime is the user and system CPU time used so far by this process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
