package media

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"golang.org/x/image/draw"
)

// MaxWidth is the largest standard width; wider images are scaled down to it.
const MaxWidth = 1600

// jpegQuality is the quality renditions are encoded with as JPEG.
const jpegQuality = 82

// renditionWidths returns the widths of the renditions of an image w pixels
// wide, ascending: the standard widths below w, and w itself capped at MaxWidth.
func renditionWidths(w int) []int {
	var ws []int
	for _, std := range [...]int{320, 640, 1024, MaxWidth} {
		if std < w {
			ws = append(ws, std)
		}
	}
	if w <= MaxWidth {
		ws = append(ws, w)
	}
	return ws
}

// scaledHeight is the height, at width tw, of an image w×h, rounded and at least 1.
func scaledHeight(w, h, tw int) int {
	return max(1, int((int64(h)*int64(tw)+int64(w)/2)/int64(w)))
}

// render writes the renditions of m, which has the given EXIF orientation,
// under names starting with prefix.
//
// The largest rendition is made from m and turned upright; each smaller one
// is made from the one above it, which costs far less than scaling the
// original again, and at ratios of 2 or less loses nothing visible.
func (s *Store) render(ctx context.Context, m image.Image, orientation int, prefix string) ([]Rendition, error) {
	ext, encode := "jpg", encodeJPEG
	if !opaque(m) {
		ext, encode = "png", encodePNG
	}
	w, h := m.Bounds().Dx(), m.Bounds().Dy()
	if orientation >= 5 {
		w, h = h, w
	}
	widths := renditionWidths(w)
	rs := make([]Rendition, len(widths))
	var prev image.Image
	for i := len(widths) - 1; i >= 0; i-- {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		tw := widths[i]
		th := scaledHeight(w, h, tw)
		var cur image.Image
		switch {
		case prev != nil:
			cur = scale(prev, tw, th)
		case tw == w && orientation == 1:
			cur = m // the upload at its own size: re-encoding is enough
		case orientation >= 5:
			cur = orient(scale(m, th, tw), orientation)
		default:
			cur = orient(scale(m, tw, th), orientation)
		}
		name := prefix + "-" + strconv.Itoa(tw) + "." + ext
		n, err := s.writeFile(ctx, name, func(w io.Writer) error { return encode(w, cur) })
		if err != nil {
			return nil, err
		}
		rs[i] = Rendition{Width: tw, Height: th, File: name, Bytes: n}
		prev = cur
		m = nil // the smaller renditions are made from prev: let the decoded image go
	}
	return rs, nil
}

// opaque reports whether every pixel of m is fully opaque.
func opaque(m image.Image) bool {
	o, ok := m.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// scale returns src resized to w×h. It first halves the image with a 2×2
// box filter while it is at least twice the target size, which is exact
// for those steps, fast, and keeps the Catmull-Rom pass small on large
// uploads. The first
// halving reads src two rows at a time, so a large upload is never copied
// whole into RGBA.
func scale(src image.Image, w, h int) *image.RGBA {
	var m *image.RGBA
	if b := src.Bounds(); b.Dx() >= 2*w && b.Dy() >= 2*h {
		m = halveImage(src)
	} else {
		m = toRGBA(src)
	}
	for m.Rect.Dx() >= 2*w && m.Rect.Dy() >= 2*h {
		m = halve(m)
	}
	if m.Rect.Dx() == w && m.Rect.Dy() == h {
		return m
	}
	return catmullRom(m, w, h)
}

// catmullRom scales src, whose top-left is at the origin, to w×h with
// x/image/draw's Catmull-Rom filter, one dimension at a time: across the
// rows, then across the columns of the result turned on its side. Scaling
// the whole image in one call takes a float64 RGBA scratch buffer of the
// target width by the source height, 32 bytes a pixel (260 MB to make the
// 1024-wide rendition of a 1200×8000 infographic); this way takes two
// intermediate images of 4 bytes a pixel and a scratch buffer of a band of
// rows. The only difference is that the intermediate values are rounded to
// 8 bits.
func catmullRom(src *image.RGBA, w, h int) *image.RGBA {
	wide := scaleWidth(src, w)
	return orient(scaleWidth(orient(wide, 5), h), 5) // 5 transposes
}

// scaleBand is how many rows scaleWidth scales in one call.
const scaleBand = 64

// scaleWidth returns src, whose top-left is at the origin, scaled to width w
// at its own height, in bands of rows. With the height unchanged the
// filter's vertical weights are exactly 1 and 0, so each band is what
// scaling the whole image would give.
func scaleWidth(src *image.RGBA, w int) *image.RGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	if sw == w {
		return src
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, sh))
	scalers := map[int]draw.Scaler{} // by band height: each keeps its scratch buffer
	for y := 0; y < sh; y += scaleBand {
		n := min(scaleBand, sh-y)
		sc, ok := scalers[n]
		if !ok {
			sc = draw.CatmullRom.NewScaler(w, n, sw, n)
			scalers[n] = sc
		}
		sc.Scale(dst, image.Rect(0, y, w, y+n), src, image.Rect(0, y, sw, y+n), draw.Src, nil)
	}
	return dst
}

// toRGBA returns m as an RGBA image with its top-left at the origin,
// converting it if needed. Scaling from RGBA is faster than from the
// decoders' YCbCr, NYCbCrA or 16-bit images.
func toRGBA(m image.Image) *image.RGBA {
	if r, ok := m.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := m.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Rect, m, b.Min, draw.Src)
	return dst
}

// halveImage is halve for an image of any type: it converts two rows at a
// time to RGBA, exactly as toRGBA would, and halves them.
func halveImage(src image.Image) *image.RGBA {
	if r, ok := src.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return halve(r)
	}
	b := src.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	rows := image.NewRGBA(image.Rect(0, 0, b.Dx(), 2))
	for y := range h {
		draw.Draw(rows, rows.Rect, src, image.Pt(b.Min.X, b.Min.Y+2*y), draw.Src)
		halveRow(dst.Pix[y*dst.Stride:y*dst.Stride+4*w], rows.Pix, rows.Pix[rows.Stride:])
	}
	return dst
}

// halve returns src, whose top-left is at the origin, at half its size:
// each pixel is the mean of a 2×2 block. An odd last row or column is
// dropped. Averaging premultiplied RGBA is correct for transparency too.
func halve(src *image.RGBA) *image.RGBA {
	w, h := src.Rect.Dx()/2, src.Rect.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		halveRow(dst.Pix[y*dst.Stride:y*dst.Stride+4*w], src.Pix[2*y*src.Stride:], src.Pix[(2*y+1)*src.Stride:])
	}
	return dst
}

// halveRow writes into out (4 bytes a pixel) the means of the 2×2 blocks of
// the RGBA rows top and bottom.
func halveRow(out, top, bottom []byte) {
	for i := range out {
		j := i/4*8 + i%4
		sum := uint(top[j]) + uint(top[j+4]) + uint(bottom[j]) + uint(bottom[j+4])
		out[i] = uint8((sum + 2) / 4) // #nosec G115 -- the mean of four uint8 values fits in a uint8
	}
}

// orient turns src, whose top-left is at the origin, upright according to
// an EXIF orientation: 2 mirrors it, 3 turns it 180°, 4 flips it, 5
// transposes it, 6 turns it 90° clockwise, 7 transverses it, 8 turns it
// 90° anticlockwise.
func orient(src *image.RGBA, orientation int) *image.RGBA {
	if orientation < 2 || orientation > 8 {
		return src
	}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dw, dh := w, h
	if orientation >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := range dh {
		for dx := range dw {
			var sx, sy int
			switch orientation {
			case 2:
				sx, sy = w-1-dx, dy
			case 3:
				sx, sy = w-1-dx, h-1-dy
			case 4:
				sx, sy = dx, h-1-dy
			case 5:
				sx, sy = dy, dx
			case 6:
				sx, sy = dy, h-1-dx
			case 7:
				sx, sy = w-1-dy, h-1-dx
			case 8:
				sx, sy = w-1-dy, dx
			}
			s := sy*src.Stride + sx*4
			d := dy*dst.Stride + dx*4
			copy(dst.Pix[d:d+4], src.Pix[s:s+4])
		}
	}
	return dst
}

// encodeJPEG writes m as a baseline JPEG with no metadata.
func encodeJPEG(w io.Writer, m image.Image) error {
	return jpeg.Encode(w, m, &jpeg.Options{Quality: jpegQuality})
}

// encodePNG writes m as a PNG with no metadata.
func encodePNG(w io.Writer, m image.Image) error {
	return png.Encode(w, m)
}

// writeFile stores a rendition: encoded into memory, then put into the Blobs whole. A
// file of that name already there is left as it is: names come from the content, so it
// holds the same bytes. It returns the file's size. The bytes are kept in the memory
// cache too, as they are likely to be asked for next.
func (s *Store) writeFile(ctx context.Context, name string, encode func(io.Writer) error) (int64, error) {
	if n, err := s.blobs.Head(ctx, name); err == nil {
		return n, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return 0, storageError(name, err)
	}
	var buf bytes.Buffer
	if err := encode(&buf); err != nil {
		return 0, fmt.Errorf("encode %s: %w", name, err)
	}
	typ := "image/jpeg"
	if strings.HasSuffix(name, ".png") {
		typ = "image/png"
	}
	if err := s.blobs.Put(ctx, name, bytes.NewReader(buf.Bytes()), int64(buf.Len()), typ); err != nil {
		return 0, storageError(name, err)
	}
	if _, ok := s.blobs.(Dir); !ok {
		s.cache.put(name, buf.Bytes())
	}
	return int64(buf.Len()), nil
}

// closeTemp finishes a temporary file written with the outcome err: readable by the group,
// synced and closed. It returns the first error.
func closeTemp(f *os.File, err error) error {
	if err == nil {
		err = f.Chmod(0o640)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes the renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir) // #nosec G304 -- dir is the media store's own directory, from the configuration
	if err != nil {
		return fmt.Errorf("sync media directory: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync media directory: %w", err)
	}
	return nil
}
