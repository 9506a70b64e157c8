package brand

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The images drawn where none was uploaded: the share card (1200×630, the size link
// previews show best) and the monogram (the name's first letter on the accent, square),
// which is the icon and the publisher's logo of a site without its own. They are drawn
// with the Go fonts, which x/image carries: no font file to install.

// Card sizes, as Open Graph and X/Twitter large-image cards want them.
const (
	CardWidth  = 1200
	CardHeight = 630
)

// fonts holds the parsed Go fonts.
type fonts struct{ bold, regular *opentype.Font }

func loadFonts() (fonts, error) {
	b, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return fonts{}, fmt.Errorf("parse Go Bold: %w", err)
	}
	r, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return fonts{}, fmt.Errorf("parse Go Regular: %w", err)
	}
	return fonts{bold: b, regular: r}, nil
}

// face makes a face of f at size pixels.
func face(f *opentype.Font, size float64) (font.Face, error) {
	fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("font face at %.0f px: %w", size, err)
	}
	return fc, nil
}

// fit returns the face of f at the largest size from max down to min whose width of s
// is at most width.
func fit(f *opentype.Font, s string, width int, maxSize, minSize float64) (font.Face, error) {
	for size := maxSize; ; size -= 4 {
		fc, err := face(f, size)
		if err != nil {
			return nil, err
		}
		if font.MeasureString(fc, s).Ceil() <= width || size-4 < minSize {
			return fc, nil
		}
	}
}

// text draws s in c with its baseline at y, from x (or centred on x when centre).
func text(dst draw.Image, fc font.Face, c color.Color, s string, x, y int, centre bool) {
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(c), Face: fc}
	if centre {
		x -= d.MeasureString(s).Ceil() / 2
	}
	d.Dot = fixed.P(x, y)
	d.DrawString(s)
}

// Card draws the default share image: the agency's name in white on its accent, the
// site's address under a rule, and a darker band at the foot. PNG.
func Card(name, address string, accent color.RGBA) ([]byte, error) {
	f, err := loadFonts()
	if err != nil {
		return nil, err
	}
	bg := CardColour(accent)
	m := image.NewRGBA(image.Rect(0, 0, CardWidth, CardHeight))
	draw.Draw(m, m.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	band := color.RGBA{R: bg.R / 2, G: bg.G / 2, B: bg.B / 2, A: 255}
	draw.Draw(m, image.Rect(0, CardHeight-90, CardWidth, CardHeight), image.NewUniform(band), image.Point{}, draw.Src)
	white := color.RGBA{R: 255, G: 255, B: 255, A: 255}
	draw.Draw(m, image.Rect(100, 330, 260, 338), image.NewUniform(white), image.Point{}, draw.Src)
	big, err := fit(f.bold, name, CardWidth-200, 112, 40)
	if err != nil {
		return nil, err
	}
	text(m, big, white, name, 100, 290, false)
	if address != "" {
		small, err := fit(f.regular, address, CardWidth-200, 40, 20)
		if err != nil {
			return nil, err
		}
		text(m, small, white, address, 100, 400, false)
	}
	return encodePNG(m)
}

// Monogram draws the first letter of name, upper case, in white on the accent: a square
// of size pixels. PNG.
func Monogram(name string, accent color.RGBA, size int) ([]byte, error) {
	f, err := loadFonts()
	if err != nil {
		return nil, err
	}
	letter := "N"
	if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(name)); r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		letter = string(unicode.ToUpper(r))
	}
	m := image.NewRGBA(image.Rect(0, 0, size, size))
	draw.Draw(m, m.Bounds(), image.NewUniform(CardColour(accent)), image.Point{}, draw.Src)
	fc, err := face(f.bold, float64(size)*0.7)
	if err != nil {
		return nil, err
	}
	b, _ := font.BoundString(fc, letter)
	y := size/2 - (b.Min.Y+b.Max.Y).Round()/2 // the glyph's box centred
	text(m, fc, color.RGBA{R: 255, G: 255, B: 255, A: 255}, letter, size/2, y, true)
	return encodePNG(m)
}

func encodePNG(m image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, m); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	return buf.Bytes(), nil
}
