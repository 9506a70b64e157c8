package media

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// Images made in the tests. Nothing here is read from disk.

// pattern fills an w×h NRGBA image with gradients and a checkerboard, so
// that encoders have real work and scaling errors show; alpha is the
// alpha of every pixel.
func pattern(w, h int, alpha uint8) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := m.PixOffset(x, y)
			m.Pix[i+0] = uint8(x * 255 / max(1, w-1))
			m.Pix[i+1] = uint8(y * 255 / max(1, h-1))
			if (x/16+y/16)%2 == 0 {
				m.Pix[i+2] = 200
			}
			m.Pix[i+3] = alpha
		}
	}
	return m
}

func encodeJPEGBytes(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNGBytes(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func makeJPEG(t testing.TB, w, h int) []byte { return encodeJPEGBytes(t, pattern(w, h, 255)) }

// halves is a w×h JPEG whose left half is red and right half blue.
func halves(t testing.TB, w, h int) []byte {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 255, 255}
			}
			m.SetRGBA(x, y, c)
		}
	}
	return encodeJPEGBytes(t, m)
}

// Three 1×1 WebP files in wide use as browser feature probes: lossy (VP8),
// lossless (VP8L), and lossy with an alpha channel (VP8X + ALPH).
var (
	webpLossy1x1    = mustBase64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA")
	webpLossless1x1 = mustBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")
	webpAlpha1x1    = mustBase64("UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==")
)

func mustBase64(s string) []byte {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// webpSolid builds a lossless WebP of one colour at any size, up to
// 16384×16384, in a few dozen bytes: no transforms, no colour cache, and
// one single-symbol prefix code per channel, so that each pixel takes no
// bits at all. That also makes it the smallest decompression bomb.
func webpSolid(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.write(0x2f, 8) // VP8L signature
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	if c.A != 255 {
		bw.write(1, 1) // alpha is used
	} else {
		bw.write(0, 1)
	}
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	// Green, red, blue, alpha, distance: simple code, one 8-bit symbol.
	for _, sym := range []uint8{c.G, c.R, c.B, c.A, 0} {
		bw.write(1, 1)
		bw.write(0, 1)
		bw.write(1, 1)
		bw.write(uint64(sym), 8)
	}
	return riffWebP("VP8L", bw.bytes())
}

// riffWebP wraps one chunk in a WebP RIFF container.
func riffWebP(fourCC string, payload []byte) []byte {
	var chunk []byte
	chunk = append(chunk, fourCC...)
	chunk = binary.LittleEndian.AppendUint32(chunk, uint32(len(payload)))
	chunk = append(chunk, payload...)
	if len(payload)%2 == 1 {
		chunk = append(chunk, 0)
	}
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(4+len(chunk)))
	out = append(out, "WEBP"...)
	return append(out, chunk...)
}

// bitWriter packs bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf []byte
	acc uint64
	n   uint
}

func (b *bitWriter) write(v uint64, bits uint) {
	b.acc |= v << b.n
	b.n += bits
	for b.n >= 8 {
		b.buf = append(b.buf, byte(b.acc))
		b.acc >>= 8
		b.n -= 8
	}
}

func (b *bitWriter) bytes() []byte {
	if b.n > 0 {
		return append(b.buf, byte(b.acc))
	}
	return b.buf
}

// pngHeaderOnly is a PNG signature and an IHDR chunk (with a correct CRC)
// claiming w×h 8-bit RGBA, followed by nothing: the shape of a
// decompression bomb, stopped at the header.
func pngHeaderOnly(t testing.TB, w, h uint32) []byte {
	t.Helper()
	// Encode a real 1×1 PNG, then rewrite the size in its IHDR and fix the CRC.
	b := encodePNGBytes(t, image.NewNRGBA(image.Rect(0, 0, 1, 1)))
	ihdr := b[8+8 : 8+8+13] // after signature, length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(b[8+8+13:], crc32.ChecksumIEEE(b[8+4:8+8+13]))
	return b[:8+8+13+4]
}

// jpegWithSize rewrites the frame size in the SOF0 segment of a JPEG.
func jpegWithSize(t testing.TB, src []byte, w, h uint16) []byte {
	t.Helper()
	b := bytes.Clone(src)
	i := bytes.Index(b, []byte{0xff, 0xc0})
	if i < 0 {
		t.Fatal("no SOF0 in JPEG")
	}
	binary.BigEndian.PutUint16(b[i+5:], h)
	binary.BigEndian.PutUint16(b[i+7:], w)
	return b
}

// gpsMarker is an ASCII value stored in the test EXIF block; it must not
// survive ingestion.
const gpsMarker = "GPS-48.8566N-2.3522E"

// withEXIF inserts, after the SOI of a JPEG, an APP1 Exif segment with an
// orientation tag and a GPS IFD holding gpsMarker.
func withEXIF(t testing.TB, src []byte, orientation uint16) []byte {
	t.Helper()
	le := binary.LittleEndian
	var tiff []byte
	tiff = append(tiff, "II"...)
	tiff = le.AppendUint16(tiff, 42)
	tiff = le.AppendUint32(tiff, 8) // IFD0 right after the header
	// IFD0: two entries, then no next IFD.
	tiff = le.AppendUint16(tiff, 2)
	tiff = appendIFDEntry(tiff, 0x0112, 3, 1, uint32(orientation)) // Orientation, SHORT
	gpsIFD := uint32(8 + 2 + 2*12 + 4)
	tiff = appendIFDEntry(tiff, 0x8825, 4, 1, gpsIFD) // GPS IFD pointer, LONG
	tiff = le.AppendUint32(tiff, 0)
	// GPS IFD: one ASCII entry whose value follows the IFD.
	value := gpsMarker + "\x00"
	tiff = le.AppendUint16(tiff, 1)
	tiff = appendIFDEntry(tiff, 0x0002, 2, uint32(len(value)), gpsIFD+2+12+4) // GPSLatitude (as text)
	tiff = le.AppendUint32(tiff, 0)
	tiff = append(tiff, value...)

	segment := append([]byte("Exif\x00\x00"), tiff...)
	app1 := []byte{0xff, 0xe1}
	app1 = binary.BigEndian.AppendUint16(app1, uint16(2+len(segment)))
	app1 = append(app1, segment...)

	out := append([]byte{}, src[:2]...)
	out = append(out, app1...)
	return append(out, src[2:]...)
}

func appendIFDEntry(b []byte, tag, typ uint16, count, value uint32) []byte {
	le := binary.LittleEndian
	b = le.AppendUint16(b, tag)
	b = le.AppendUint16(b, typ)
	b = le.AppendUint32(b, count)
	return le.AppendUint32(b, value)
}

// webpExtendedLossless is a lossless w×h WebP in the extended container (a
// VP8X chunk that claims no alpha, then the VP8L body), whose header reads as
// lossy to webp.DecodeConfig while it decodes to an *image.NRGBA.
func webpExtendedLossless(w, h int) []byte {
	simple := webpSolid(w, h, color.NRGBA{R: 9, A: 255})
	vp8x := []byte{0, 0, 0, 0} // no ICC, alpha, EXIF, XMP or animation
	vp8x = append(vp8x, byte(w-1), byte((w-1)>>8), byte((w-1)>>16), byte(h-1), byte((h-1)>>8), byte((h-1)>>16))
	chunks := append([]byte("VP8X"), binary.LittleEndian.AppendUint32(nil, uint32(len(vp8x)))...)
	chunks = append(chunks, vp8x...)
	chunks = append(chunks, simple[12:]...) // the VP8L chunk
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(chunks)))...)
	out = append(out, "WEBP"...)
	return append(out, chunks...)
}
