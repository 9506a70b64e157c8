package brand

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
)

// ErrAccent is an accent colour that is not "#rrggbb"; its text is shown to the admin.
var ErrAccent = fmt.Errorf("give the accent colour as # and six hexadecimal digits, such as #0b5c6b")

// ParseAccent reads an accent colour: "#rrggbb" (or "rrggbb", any case). Only these
// forms reach a stylesheet, so a value cannot carry CSS of its own.
func ParseAccent(s string) (color.RGBA, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return color.RGBA{}, ErrAccent
	}
	var rgb [3]uint8
	for i := range rgb {
		n, err := strconv.ParseUint(s[2*i:2*i+2], 16, 8)
		if err != nil {
			return color.RGBA{}, ErrAccent
		}
		rgb[i] = uint8(n)
	}
	return color.RGBA{R: rgb[0], G: rgb[1], B: rgb[2], A: 255}, nil
}

// Hex writes c as "#rrggbb".
func Hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// luminance is the relative luminance of c (WCAG 2).
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG contrast ratio of a and b (1 to 21).
func Contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Readable returns c, or c mixed towards black or white (whichever is further from bg)
// in small steps, until text in it on bg — and bg's colour on it, as on a button —
// reaches ratio: an accent of the admin's choosing cannot make the site unreadable.
func Readable(c, bg color.RGBA, ratio float64) color.RGBA {
	towards := color.RGBA{A: 255}
	if luminance(bg) < 0.5 {
		towards = color.RGBA{R: 255, G: 255, B: 255, A: 255}
	}
	out := c
	for i := 1; Contrast(out, bg) < ratio && i <= 20; i++ {
		t := float64(i) / 20
		mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a)*(1-t) + float64(b)*t)) }
		out = color.RGBA{R: mix(c.R, towards.R), G: mix(c.G, towards.G), B: mix(c.B, towards.B), A: 255}
	}
	return out
}

// The backgrounds an accent is read on: the masthead's white (light), the briefs
// column's band (dark, the lightest of the dark theme's backgrounds).
var (
	lightBackground = color.RGBA{R: 255, G: 255, B: 255, A: 255}
	darkBackground  = color.RGBA{R: 0x1f, G: 0x1e, B: 0x1c, A: 255}
)

// Stylesheet is the small stylesheet that sets the accent: the colour as given, made
// readable on the light theme's backgrounds, and a lighter one for the dark theme.
func Stylesheet(accent color.RGBA) string {
	light := Readable(accent, lightBackground, 4.5)
	dark := Readable(accent, darkBackground, 4.5)
	return ":root { --accent: " + Hex(light) + "; }\n@media (prefers-color-scheme: dark) {\n  :root { --accent: " + Hex(dark) + "; }\n}\n"
}

// CardColour is the accent as the share card and the monogram paint it, under white text.
func CardColour(accent color.RGBA) color.RGBA { return Readable(accent, lightBackground, 4.5) }

// DefaultAccent is the accent of a site that has not chosen one (the stylesheet's).
var DefaultAccent = color.RGBA{R: 0x8a, G: 0x1c, B: 0x1c, A: 255}
