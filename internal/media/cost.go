package media

import (
	"image"
	"image/color"
)

// Working memory. Before an image is decoded, Ingest works out from its header
// an upper bound of the bytes that decoding it and making its renditions will
// allocate, and waits until that much of Limits.MaxMemory is free (see budget).
// The bound follows the steps of decode and render one by one; the tests hold
// it to what the runtime counts for hostile and ordinary images alike.

// workingMemory bounds the bytes that decoding an image with header cfg and
// rendering it allocate. data is the upload (its header says more than cfg).
func workingMemory(format string, data []byte, cfg image.Config, orientation int) int64 {
	decoded, rgba := decodeMemory(format, data, cfg)
	return decoded + renderMemory(cfg.Width, cfg.Height, orientation, rgba, opaqueModel(format, data, cfg.ColorModel)) + 1<<20
}

// decodeMemory bounds what a decoder allocates for an image, and says whether
// it returns an *image.RGBA (which rendering can use without converting it).
func decodeMemory(format string, data []byte, cfg image.Config) (n int64, rgba bool) {
	w, h := int64(cfg.Width), int64(cfg.Height)
	switch format {
	case "png":
		var bpp int64 = 8 // 16-bit colour with alpha, the most a PNG takes
		switch cfg.ColorModel.(type) {
		case color.Palette:
			bpp = 1
		}
		switch cfg.ColorModel {
		case color.GrayModel:
			bpp = 1
		case color.Gray16Model:
			bpp = 2
		case color.RGBAModel, color.NRGBAModel:
			bpp = 4
		}
		n = w * h * bpp
		if len(data) > 28 && data[28] == 1 { // Adam7: each pass is decoded into an image of its own first
			n *= 2
		}
		return n + 2*(w*bpp+1) + 1<<20, cfg.ColorModel == color.RGBAModel
	case "jpeg":
		// Planes are padded to whole 16-pixel blocks; chroma is counted at full
		// size, which bounds every subsampling the decoder accepts.
		pw, ph := (w+15)&^15, (h+15)&^15
		var planes int64 = 3
		switch cfg.ColorModel {
		case color.GrayModel:
			planes = 1
		case color.CMYKModel:
			planes = 4
		}
		n = planes * pw * ph
		switch cfg.ColorModel {
		case color.CMYKModel, color.RGBAModel: // converted into a 4-byte image after decoding
			n += 4 * w * h
			rgba = cfg.ColorModel == color.RGBAModel
		}
		if jpegProgressive(data) { // every coefficient is kept: 64 int32 per 8×8 block and plane
			n += 4 * planes * pw * ph
		}
		return n + 1<<20, rgba
	}
	// WebP: lossy is 4:2:0 in whole macroblocks (1.5 bytes a pixel); lossless
	// and lossless alpha keep a uint32 a pixel, then convert: 12 bytes a
	// pixel bounds them.
	if webpSimpleLossy(data) {
		return 2*((w+15)&^15)*((h+15)&^15) + 1<<20, false
	}
	return 12*w*h + 1<<20, false
}

// webpSimpleLossy reports whether a WebP upload is the simple lossy format
// (its only chunk is "VP8 "), the one kind that always decodes to an opaque
// *image.YCbCr. An extended file (VP8X) may say it has no alpha and still
// carry a lossless body, which decodes to *image.NRGBA: it is counted as
// lossless, whatever its header's colour model.
func webpSimpleLossy(data []byte) bool {
	return len(data) >= 16 && string(data[12:16]) == "VP8 "
}

// opaqueModel reports whether every image with this header decodes opaque, so
// that its renditions are JPEG (smaller to encode than PNG).
func opaqueModel(format string, data []byte, m color.Model) bool {
	switch format {
	case "jpeg":
		return true
	case "png":
		return m == color.GrayModel || m == color.Gray16Model || m == color.RGBAModel || m == color.RGBA64Model
	}
	return webpSimpleLossy(data) && m == color.YCbCrModel
}

// renderMemory bounds what render allocates for a w×h image (before turning it
// upright) that decoded to an *image.RGBA if rgba, and is opaque if opaque: it
// follows render's steps.
func renderMemory(w, h, orientation int, rgba, opaque bool) int64 {
	uw, uh := w, h // upright
	if orientation >= 5 {
		uw, uh = h, w
	}
	widths := renditionWidths(uw)
	var n int64
	sw, sh, srcRGBA := w, h, rgba // what the next rendition is made from
	for i := len(widths) - 1; i >= 0; i-- {
		tw := widths[i]
		th := scaledHeight(uw, uh, tw)
		first := i == len(widths)-1
		switch {
		case !first:
			n += scaleMemory(sw, sh, tw, th, srcRGBA)
		case tw == uw && orientation == 1:
			// the upload itself is encoded
		case orientation >= 5:
			n += scaleMemory(sw, sh, th, tw, srcRGBA) + 4*int64(tw)*int64(th)
		default:
			n += scaleMemory(sw, sh, tw, th, srcRGBA)
			if orientation >= 2 {
				n += 4 * int64(tw) * int64(th)
			}
		}
		n += encodeMemory(tw, th, opaque)
		if !first || tw != uw || orientation != 1 {
			srcRGBA = true
		}
		sw, sh = tw, th
	}
	return n
}

// scaleMemory bounds what scale allocates to make a tw×th image from an sw×sh one.
func scaleMemory(sw, sh, tw, th int, rgba bool) int64 {
	var n int64
	switch {
	case sw >= 2*tw && sh >= 2*th:
		if !rgba {
			n += 4 * 2 * int64(sw) // the two rows halveImage converts at a time
		}
	case !rgba:
		n += 4 * int64(sw) * int64(sh) // toRGBA
	}
	for sw >= 2*tw && sh >= 2*th {
		sw, sh = sw/2, sh/2
		n += 4 * int64(sw) * int64(sh)
	}
	if sw != tw || sh != th {
		// catmullRom: the image scaled across, turned, scaled, turned back;
		// a float64 RGBA scratch buffer of a band of rows for each of its
		// two scalers per pass; the filter's weight tables.
		n += 8*int64(tw)*int64(sh) + 8*int64(tw)*int64(th) + 2*2*32*scaleBand*int64(tw+th) + 256*int64(sw+sh+tw+th)
	}
	return n
}

// encodeMemory bounds what encoding a w×h rendition allocates: the encoder's
// own state and a buffer that grows by doubling to the encoded size, which for
// noise comes near (JPEG) or beyond (PNG) the raw pixels.
func encodeMemory(w, h int, opaque bool) int64 {
	if opaque {
		return 6*int64(w)*int64(h) + 1<<20
	}
	return 12*int64(w)*int64(h) + 2<<20
}
