package media

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"runtime"
	"runtime/metrics"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestHalveImage: halving any decoded image two rows at a time gives exactly
// what converting it whole to RGBA and halving that gives.
func TestHalveImage(t *testing.T) {
	src := pattern(37, 23, 200)
	gray := image.NewGray(image.Rect(0, 0, 37, 23))
	ycc := image.NewYCbCr(image.Rect(0, 0, 37, 23), image.YCbCrSubsampleRatio420)
	pal := image.NewPaletted(image.Rect(0, 0, 37, 23), color.Palette{color.Black, color.White, color.NRGBA{10, 200, 30, 128}})
	n64 := image.NewNRGBA64(image.Rect(0, 0, 37, 23))
	for y := range 23 {
		for x := range 37 {
			c := src.NRGBAAt(x, y)
			gray.SetGray(x, y, color.Gray{c.R})
			yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
			ycc.Y[ycc.YOffset(x, y)], ycc.Cb[ycc.COffset(x, y)], ycc.Cr[ycc.COffset(x, y)] = yy, cb, cr
			pal.SetColorIndex(x, y, uint8((x+y)%3))
			n64.Set(x, y, c)
		}
	}
	offset := pattern(60, 40, 255).SubImage(image.Rect(5, 7, 42, 30))
	tests := map[string]image.Image{"NRGBA": src, "Gray": gray, "YCbCr 4:2:0": ycc, "Paletted": pal, "NRGBA64": n64,
		"not at the origin": offset, "RGBA": toRGBA(src)}
	for name, m := range tests {
		t.Run(name, func(t *testing.T) {
			got, want := halveImage(m), halve(toRGBA(m))
			if got.Rect != want.Rect || !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("halveImage differs from halve(toRGBA): %v vs %v", got.Rect, want.Rect)
			}
		})
	}
}

// solidPNG is a w×h PNG of one grey: a few kilobytes for millions of pixels,
// the kind of upload that costs the server far more than the sender.
func solidPNG(t testing.TB, w, h int, m func(r image.Rectangle) image.Image) []byte {
	t.Helper()
	if m == nil {
		m = func(r image.Rectangle) image.Image { return image.NewGray(r) }
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// noisy is a w×h NRGBA image with alpha that compresses badly, so that the
// renditions (PNG) are as large as they get.
func noisy(w, h int) image.Image {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	x := uint32(2463534242)
	for i := range m.Pix {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		m.Pix[i] = uint8(x)
	}
	return m
}

// noisyGray is noisy as a grey image: opaque, so its renditions are JPEG.
func noisyGray(w, h int) image.Image {
	n := noisy(w, h).(*image.NRGBA)
	return &image.Gray{Pix: n.Pix[:w*h], Stride: w, Rect: n.Rect}
}

// TestWorkingMemoryBoundsAllocations holds the estimate that admits decodes
// to what the runtime counts: everything Ingest allocates (the upload's bytes
// aside) stays under it, for hostile shapes and ordinary photos alike.
func TestWorkingMemoryBoundsAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes images of millions of pixels")
	}
	gray16 := func(r image.Rectangle) image.Image { return image.NewGray16(r) }
	nrgba64 := func(r image.Rectangle) image.Image { m := image.NewNRGBA64(r); m.Pix[7] = 1; return m }
	pal := func(r image.Rectangle) image.Image {
		return image.NewPaletted(r, color.Palette{color.Black, color.White})
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"grey PNG, 2400×2400", solidPNG(t, 2400, 2400, nil)},
		{"paletted PNG, 3300×1000", solidPNG(t, 3300, 1000, pal)},
		{"16-bit grey PNG, 1500×1500", solidPNG(t, 1500, 1500, gray16)},
		{"16-bit PNG with alpha, 1700×1000", solidPNG(t, 1700, 1000, nrgba64)},
		{"tall PNG just over a rendition, 1601×2500", solidPNG(t, 1601, 2500, nil)},
		{"tall PNG under the largest width, 1200×3000", solidPNG(t, 1200, 3000, nil)},
		{"wide PNG, 9000×300", solidPNG(t, 9000, 300, nil)},
		{"noisy PNG with alpha, 1700×1000", encodePNGBytes(t, noisy(1700, 1000))},
		{"photo JPEG, 3400×2000", makeJPEG(t, 3400, 2000)},
		{"turned JPEG, 2400×1600", withEXIF(t, makeJPEG(t, 2400, 1600), 6)},
		{"mirrored JPEG, 1600×900", withEXIF(t, makeJPEG(t, 1600, 900), 2)},
		{"lossless WebP, 1800×1800", webpSolid(1800, 1800, color.NRGBA{R: 9, A: 255})},
		{"lossless WebP with alpha, 1200×1200", webpSolid(1200, 1200, color.NRGBA{R: 9, A: 99})},
		{"lossless WebP in an extended container claiming no alpha, 7000×7000", webpExtendedLossless(7000, 7000)},
		{"noisy photo JPEG, 1700×1000", encodeJPEGBytes(t, noisy(1700, 1000))},
		{"noisy grey PNG, 1700×1000", encodePNGBytes(t, noisyGray(1700, 1000))},
	}
	s := newStore(t, Limits{MaxMemory: 4 << 30})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			format, err := sniff(tc.data)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := decodeConfig(format, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			orientation := 1
			if format == "jpeg" {
				orientation = jpegOrientation(tc.data)
			}
			bound := workingMemory(format, tc.data, cfg, orientation)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if _, err := s.Ingest(t.Context(), bytes.NewReader(tc.data)); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			read := 4*int64(len(tc.data)) + 1<<20 // reading the upload, before the budget
			alloc := int64(after.TotalAlloc - before.TotalAlloc)
			t.Logf("%dx%d: allocated %d MiB, bound %d MiB", cfg.Width, cfg.Height, alloc>>20, bound>>20)
			if alloc > bound+read {
				t.Errorf("Ingest allocated %d bytes, over the bound of %d (+%d for the upload)", alloc, bound, read)
			}
		})
	}
}

// TestParallelDecodesStayWithinBudget runs many hostile uploads at once: the
// memory admitted to their decodes together never exceeds MaxMemory, each
// upload still gets through, and an image that alone needs more than the
// budget is refused from its header, before any pixel is decoded. The check
// reads the budget's own record of its peak, so it does not depend on timing.
func TestParallelDecodesStayWithinBudget(t *testing.T) {
	bomb := solidPNG(t, 2000, 2000, nil) // 4 megapixels in a few kilobytes
	cfg, err := decodeConfig("png", bomb)
	if err != nil {
		t.Fatal(err)
	}
	need := workingMemory("png", bomb, cfg, 1)
	limit := 2*need + need/2 // room for two at a time, not three
	s := newStore(t, Limits{MaxMemory: limit, MaxConcurrent: 8})
	const n = 5
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, errs[i] = s.Ingest(t.Context(), bytes.NewReader(bomb)) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("upload %d: %v", i, err)
		}
	}
	if peak := s.decodes.peakUse(); peak > limit || peak < need {
		t.Errorf("peak admitted %d bytes; the budget is %d and one decode needs %d", peak, limit, need)
	}
	t.Logf("%d parallel uploads of %dx%d: %d MiB each, budget %d MiB, peak %d MiB",
		n, cfg.Width, cfg.Height, need>>20, limit>>20, s.decodes.peakUse()>>20)

	small := newStore(t, Limits{MaxMemory: need - 1})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = small.Ingest(t.Context(), bytes.NewReader(bomb))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooManyPixels) {
		t.Errorf("an image over the whole budget: %v, want ErrTooManyPixels", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing it allocated %d bytes", alloc)
	}
	if small.decodes.peakUse() != 0 {
		t.Errorf("the refused image was admitted")
	}
}

// TestBudget: decodes are admitted in order of arrival while they fit; a
// waiter whose context ends leaves the queue and lets the next one in.
func TestBudget(t *testing.T) {
	b := newBudget(100, 3)
	ctx := context.Background()
	if err := b.acquire(ctx, 60); err != nil {
		t.Fatal(err)
	}
	// 50 does not fit beside 60; 10 would, but waits behind it.
	big := make(chan error, 1)
	go func() { big <- b.acquire(ctx, 50) }()
	waitQueued(t, b, 1)
	cancelled, cancel := context.WithCancel(ctx)
	small := make(chan error, 1)
	go func() { small <- b.acquire(cancelled, 10) }()
	waitQueued(t, b, 2)
	cancel()
	if err := <-small; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled waiter: %v", err)
	}
	b.release(60)
	if err := <-big; err != nil {
		t.Fatal(err)
	}
	if err := b.acquire(ctx, 50); err != nil {
		t.Fatal(err)
	}
	b.release(50)
	b.release(50)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.used != 0 || b.running != 0 || len(b.queue) != 0 || b.peak != 100 {
		t.Errorf("after all releases: used %d, running %d, queue %d, peak %d", b.used, b.running, len(b.queue), b.peak)
	}
}

// waitQueued waits until n decodes wait in b's queue.
func waitQueued(t *testing.T, b *budget, n int) {
	t.Helper()
	for {
		b.mu.Lock()
		q := len(b.queue)
		b.mu.Unlock()
		if q == n {
			return
		}
		runtime.Gosched()
	}
}

// BenchmarkParallelBombs uploads three 7000×7000 grey PNGs of 60 KB at once
// with the default limits, as the security test did, and reports the peak of
// the live heap (sampled) and the peak the budget admitted. The figures are
// in docs/performance.md.
func BenchmarkParallelBombs(b *testing.B) {
	bomb := solidPNG(b, 7000, 7000, nil)
	s := newStore(b, Limits{})
	var peak uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
			}
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
		}
	})
	runtime.GC()
	for b.Loop() {
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				if _, err := s.Ingest(b.Context(), bytes.NewReader(bomb)); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
	}
	close(stop)
	sampler.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(s.decodes.peakUse())/(1<<20), "admitted-MiB")
}

// TestJPEGProgressiveIsAssumed: the coefficient memory of a progressive JPEG is
// counted unless a baseline frame is seen, so a stray byte that this parser
// stops at (and image/jpeg skips) cannot hide a progressive frame.
func TestJPEGProgressiveIsAssumed(t *testing.T) {
	baseline := makeJPEG(t, 64, 48)
	sof := bytes.Index(baseline, []byte{0xff, 0xc0})
	if sof < 0 {
		t.Fatal("no SOF0 in the encoded JPEG")
	}
	progressive := bytes.Clone(baseline)
	progressive[sof+1] = 0xc2
	junk := func(b []byte) []byte { return slices.Concat(b[:sof], []byte{0x00}, b[sof:]) }
	tests := []struct {
		name string
		data []byte
		want bool
	}{
		{"baseline", baseline, false},
		{"progressive", progressive, true},
		{"progressive after a stray byte", junk(progressive), true},
		{"baseline after a stray byte", junk(baseline), true},
		{"no frame at all", []byte("\xff\xd8\xff\xd9"), true},
	}
	for _, tc := range tests {
		if got := jpegProgressive(tc.data); got != tc.want {
			t.Errorf("%s: progressive %v, want %v", tc.name, got, tc.want)
		}
	}
}
