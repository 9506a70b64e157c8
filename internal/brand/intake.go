package brand

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/jpeg"  // also decodes uploaded JPEG
	_ "image/png" // decodes uploaded PNG
	"io"
	"strconv"
	"strings"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp" // decodes uploaded WebP
)

// Uploads. A raster image is decoded (within limits read from its header first) and
// drawn anew at the size its use needs, so no metadata and no bytes of the upload reach
// readers. An SVG logo is kept as it is, but only when every element and attribute is
// one a drawing needs: no script, no event handler, no foreign content, no reference
// outside the file (the site's policy would block scripts in it anyway).

// MaxUpload is the largest brand upload, in bytes.
const MaxUpload = 2 << 20

// maxSide bounds a raster upload's width and height, read from its header.
const maxSide = 8000

// ErrUpload is an upload the brand cannot use; the wrapped text says why, for the admin.
var ErrUpload = errors.New("the image cannot be used")

// readUpload reads at most MaxUpload bytes.
func readUpload(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxUpload+1))
	if err != nil {
		return nil, fmt.Errorf("read upload: %w", err)
	}
	if len(data) > MaxUpload {
		return nil, fmt.Errorf("%w: it is larger than %d MB", ErrUpload, MaxUpload>>20)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%w: the file is empty", ErrUpload)
	}
	return data, nil
}

// decodeRaster decodes a PNG, JPEG or WebP within maxSide.
func decodeRaster(data []byte) (image.Image, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: upload SVG, PNG, JPEG or WebP", ErrUpload)
	}
	if cfg.Width < 16 || cfg.Height < 16 || cfg.Width > maxSide || cfg.Height > maxSide {
		return nil, fmt.Errorf("%w: it is %d×%d pixels; give one from 16 to %d pixels a side", ErrUpload, cfg.Width, cfg.Height, maxSide)
	}
	m, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: the image is damaged", ErrUpload)
	}
	return m, nil
}

// readRaster reads and decodes a raster upload.
func readRaster(r io.Reader) (image.Image, error) {
	data, err := readUpload(r)
	if err != nil {
		return nil, err
	}
	return decodeRaster(data)
}

// scaled draws src into a w×h image, covering it (cropped to the centre where the
// shapes differ).
func scaled(src image.Image, w, h int) *image.RGBA {
	b := src.Bounds()
	crop := b
	if b.Dx()*h > b.Dy()*w { // wider than wanted
		cw := b.Dy() * w / h
		crop.Min.X += (b.Dx() - cw) / 2
		crop.Max.X = crop.Min.X + cw
	} else {
		ch := b.Dx() * h / w
		crop.Min.Y += (b.Dy() - ch) / 2
		crop.Max.Y = crop.Min.Y + ch
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), src, crop, xdraw.Over, nil)
	return dst
}

// LogoHeight is the height a raster logo is stored at: twice the masthead's, for sharp
// screens.
const LogoHeight = 120

// Logo takes in an uploaded logo: an SVG as it is (checked), a raster image redrawn
// LogoHeight pixels high (at most 8 times as wide) as PNG.
func Logo(r io.Reader) (Asset, error) {
	data, err := readUpload(r)
	if err != nil {
		return Asset{}, err
	}
	if looksSVG(data) {
		w, h, err := CheckSVG(data)
		if err != nil {
			return Asset{}, err
		}
		return Asset{Type: "image/svg+xml", Width: w, Height: h, Data: data}, nil
	}
	m, err := decodeRaster(data)
	if err != nil {
		return Asset{}, err
	}
	b := m.Bounds()
	h := min(LogoHeight, b.Dy())
	w := max(1, b.Dx()*h/b.Dy())
	if w > 8*h {
		w = 8 * h
	}
	png, err := encodePNG(scaled(m, w, h))
	if err != nil {
		return Asset{}, err
	}
	return Asset{Type: "image/png", Width: w, Height: h, Data: png}, nil
}

// IconSize is the size the icon is stored at (the home-screen icon's; browsers' tabs
// take the 32-pixel one the site draws from it).
const IconSize = 180

// Icon takes in an uploaded icon: a raster image redrawn square, IconSize pixels, PNG.
func Icon(r io.Reader) (Asset, error) {
	m, err := readRaster(r)
	if err != nil {
		return Asset{}, err
	}
	png, err := encodePNG(scaled(m, IconSize, IconSize))
	if err != nil {
		return Asset{}, err
	}
	return Asset{Type: "image/png", Width: IconSize, Height: IconSize, Data: png}, nil
}

// ShrinkIcon redraws a stored icon at size pixels (PNG).
func ShrinkIcon(icon Asset, size int) ([]byte, error) {
	m, _, err := image.Decode(bytes.NewReader(icon.Data))
	if err != nil {
		return nil, fmt.Errorf("decode icon: %w", err)
	}
	return encodePNG(scaled(m, size, size))
}

// ShareCard takes in an uploaded default share image: a raster image redrawn at
// CardWidth×CardHeight (cropped to the centre), JPEG.
func ShareCard(r io.Reader) (Asset, error) {
	m, err := readRaster(r)
	if err != nil {
		return Asset{}, err
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, scaled(m, CardWidth, CardHeight), &jpeg.Options{Quality: 85}); err != nil {
		return Asset{}, fmt.Errorf("encode JPEG: %w", err)
	}
	return Asset{Type: "image/jpeg", Width: CardWidth, Height: CardHeight, Data: buf.Bytes()}, nil
}

func looksSVG(data []byte) bool {
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	return strings.Contains(head, "<svg")
}

// svgElements are the elements a logo may use.
var svgElements = map[string]bool{
	"svg": true, "g": true, "path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "text": true, "tspan": true, "defs": true, "lineargradient": true,
	"radialgradient": true, "stop": true, "title": true, "desc": true, "clippath": true, "mask": true,
	"use": true, "symbol": true, "metadata": true,
}

// CheckSVG accepts an SVG whose elements are all drawing ones (svgElements), with no
// event attribute, no link outside the file, no style element or external entity, and
// returns its size: the width and height attributes, else the viewBox's.
func CheckSVG(data []byte) (w, h int, err error) {
	refuse := func(why string, a ...any) (int, int, error) {
		return 0, 0, fmt.Errorf("%w: the SVG %s", ErrUpload, fmt.Sprintf(why, a...))
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	root := true
	var vw, vh int // the viewBox's size
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return refuse("is not well-formed XML (%v)", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return refuse("has a DOCTYPE or entity declaration")
		case xml.ProcInst:
			if t.Target != "xml" {
				return refuse("has a processing instruction")
			}
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if !svgElements[name] {
				return refuse("has a <%s> element, which a logo does not need", t.Name.Local)
			}
			if root && name != "svg" {
				return refuse("does not begin with <svg>")
			}
			for _, a := range t.Attr {
				an, v := strings.ToLower(a.Name.Local), strings.ToLower(strings.TrimSpace(a.Value))
				switch {
				case strings.HasPrefix(an, "on"):
					return refuse("has an event attribute (%s)", a.Name.Local)
				case an == "href" && !strings.HasPrefix(v, "#"):
					return refuse("links outside itself (%s)", a.Value)
				case strings.Contains(v, "url(") && !strings.Contains(v, "url(#"), strings.Contains(v, "javascript:"),
					strings.Contains(v, "expression("), strings.Contains(v, "@import"):
					return refuse("has an attribute that loads or runs something (%s)", a.Name.Local)
				}
				if root {
					switch an {
					case "width":
						w = svgLength(a.Value)
					case "height":
						h = svgLength(a.Value)
					case "viewbox":
						if f := strings.Fields(strings.ReplaceAll(a.Value, ",", " ")); len(f) == 4 {
							vw, vh = svgLength(f[2]), svgLength(f[3])
						}
					}
				}
			}
			root = false
		}
	}
	if root {
		return refuse("has no <svg> element")
	}
	if w <= 0 || h <= 0 {
		w, h = vw, vh
	}
	if w <= 0 || h <= 0 {
		return refuse("has no size: give its <svg> a width and height or a viewBox")
	}
	return w, h, nil
}

// svgLength reads a length in user units or px, rounded; anything else is 0.
func svgLength(s string) int {
	f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil || f <= 0 || f > 100000 {
		return 0
	}
	return int(f + 0.5)
}
