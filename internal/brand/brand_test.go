package brand

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

func TestParseAccent(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" : refused
	}{
		{"#0B5C6B", "#0b5c6b"}, {"0b5c6b", "#0b5c6b"}, {" #ffffff ", "#ffffff"},
		{"#fff", ""}, {"red", ""}, {"#0b5c6g", ""}, {"#0b5c6b; background:url(x)", ""}, {"", ""}, {"#-12345", ""},
	}
	for _, tc := range tests {
		c, err := ParseAccent(tc.in)
		if tc.want == "" {
			if !errors.Is(err, ErrAccent) {
				t.Errorf("ParseAccent(%q) = %v, %v; want refused", tc.in, c, err)
			}
			continue
		}
		if err != nil || Hex(c) != tc.want {
			t.Errorf("ParseAccent(%q) = %s, %v; want %s", tc.in, Hex(c), err, tc.want)
		}
	}
}

// TestStylesheetReadable: whatever accent an admin picks, the stylesheet's accents reach
// 4.5:1 on the backgrounds they are read on, and a readable accent is kept as it is.
func TestStylesheetReadable(t *testing.T) {
	for _, hex := range []string{"#ffff00", "#ffffff", "#000000", "#0b5c6b", "#8a1c1c", "#7fdbff", "#123456"} {
		c, _ := ParseAccent(hex)
		css := Stylesheet(c)
		if strings.ContainsAny(css, "<>\"'") || strings.Count(css, "--accent: #") != 2 {
			t.Errorf("%s: stylesheet %q", hex, css)
		}
		for _, bg := range []color.RGBA{lightBackground, darkBackground} {
			if got := Readable(c, bg, 4.5); Contrast(got, bg) < 4.5 {
				t.Errorf("%s on %s: %s has contrast %.2f", hex, Hex(bg), Hex(got), Contrast(got, bg))
			}
		}
	}
	if c, _ := ParseAccent("#0b5c6b"); Readable(c, lightBackground, 4.5) != c {
		t.Error("a readable accent was changed")
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestDrawings(t *testing.T) {
	accent, _ := ParseAccent("#ffd700") // too light for white text: the card darkens it
	card, err := Card("Caspian Wire", "caspianwire.example", accent)
	if err != nil {
		t.Fatal(err)
	}
	m := decodePNG(t, card)
	if b := m.Bounds(); b.Dx() != CardWidth || b.Dy() != CardHeight {
		t.Fatalf("card is %v", b)
	}
	bg := color.RGBAModel.Convert(m.At(20, 20)).(color.RGBA)
	if Contrast(bg, lightBackground) < 4.5 {
		t.Errorf("card background %s is too light for its white text", Hex(bg))
	}
	white := 0
	for x := 100; x < 700; x++ {
		if r, g, b, _ := m.At(x, 260).RGBA(); r > 0xf000 && g > 0xf000 && b > 0xf000 {
			white++
		}
	}
	if white == 0 {
		t.Error("the card shows no name")
	}
	// A name too long for the card is drawn smaller, not cut off.
	if _, err := Card(strings.Repeat("Caspian ", 12), "", accent); err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{32, 180} {
		icon, err := Monogram("каспий", accent, size)
		if err != nil {
			t.Fatal(err)
		}
		if b := decodePNG(t, icon).Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("monogram %d is %v", size, b)
		}
	}
}

func TestCheckSVG(t *testing.T) {
	tests := []struct {
		name, svg string
		w, h      int // 0: refused
	}{
		{"plain", `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="240" height="60"><rect width="10" height="10" fill="#123"/></svg>`, 240, 60},
		{"viewBox", `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 80"><title>Logo</title><path d="M0 0h10v10z"/></svg>`, 320, 80},
		{"gradient", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs><rect fill="url(#g)" width="10" height="10"/><use xlink:href="#g"/></svg>`, 10, 10},
		{"script", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(1)</script></svg>`, 0, 0},
		{"event", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1" onload="alert(1)"></svg>`, 0, 0},
		{"foreign", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><foreignObject/></svg>`, 0, 0},
		{"external link", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><use href="https://evil.example/x.svg#a"/></svg>`, 0, 0},
		{"javascript link", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1" height="1"><use xlink:href="javascript:alert(1)"/></svg>`, 0, 0},
		{"external url", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect fill="url(https://evil.example/)"/></svg>`, 0, 0},
		{"entity", `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">&x;</svg>`, 0, 0},
		{"style", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><style>@import url(x)</style></svg>`, 0, 0},
		{"no size", `<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>`, 0, 0},
		{"not svg", `<html><svg/></html>`, 0, 0},
		{"broken", `<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect>`, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, err := Logo(strings.NewReader(tc.svg))
			if tc.w == 0 {
				if !errors.Is(err, ErrUpload) {
					t.Errorf("accepted (%v), want refused", err)
				}
				return
			}
			if err != nil || a.Width != tc.w || a.Height != tc.h || a.Type != "image/svg+xml" || string(a.Data) != tc.svg {
				t.Errorf("Logo = %+v, %v", a, err)
			}
		})
	}
}

func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = byte(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRasterUploads(t *testing.T) {
	logo, err := Logo(bytes.NewReader(testPNG(t, 1200, 300)))
	if err != nil || logo.Type != "image/png" || logo.Height != LogoHeight || logo.Width != 480 {
		t.Fatalf("logo %s %dx%d, %v", logo.Type, logo.Width, logo.Height, err)
	}
	if b := decodePNG(t, logo.Data).Bounds(); b.Dx() != 480 || b.Dy() != LogoHeight {
		t.Errorf("logo file is %v", b)
	}
	icon, err := Icon(bytes.NewReader(testPNG(t, 300, 200)))
	if err != nil || icon.Width != IconSize || icon.Height != IconSize {
		t.Fatalf("icon %+v, %v", icon.Type, err)
	}
	small, err := ShrinkIcon(icon, 32)
	if err != nil || decodePNG(t, small).Bounds().Dx() != 32 {
		t.Errorf("small icon: %v", err)
	}
	card, err := ShareCard(bytes.NewReader(testPNG(t, 800, 800)))
	if err != nil || card.Type != "image/jpeg" || card.Width != CardWidth || card.Height != CardHeight {
		t.Fatalf("card %s %dx%d, %v", card.Type, card.Width, card.Height, err)
	}
	for name, data := range map[string][]byte{"text": []byte("hello"), "empty": nil, "tiny": testPNG(t, 4, 4),
		"huge": bytes.Repeat([]byte{0}, MaxUpload+1)} {
		if _, err := Icon(bytes.NewReader(data)); !errors.Is(err, ErrUpload) {
			t.Errorf("%s: %v, want refused", name, err)
		}
	}
	back, ok, err := DecodeAsset(logo.Encode())
	if err != nil || !ok || back.Type != logo.Type || back.Width != logo.Width || !bytes.Equal(back.Data, logo.Data) {
		t.Errorf("asset round trip: %v %v", ok, err)
	}
	if _, ok, err := DecodeAsset(""); ok || err != nil {
		t.Error("empty setting is not an asset")
	}
	if _, _, err := DecodeAsset("image/png x 1 AAAA"); err == nil {
		t.Error("a damaged setting was read")
	}
}
