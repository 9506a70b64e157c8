package media

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"strings"
	"testing"
)

func TestOrient(t *testing.T) {
	// A 3×2 image whose pixels are a b c / d e f (by red value).
	src := image.NewRGBA(image.Rect(0, 0, 3, 2))
	for i, c := range "abcdef" {
		src.Pix[4*i] = uint8(c)
	}
	tests := []struct {
		orientation int
		want        string // rows separated by "/"
	}{
		{1, "abc/def"},
		{2, "cba/fed"},
		{3, "fed/cba"},
		{4, "def/abc"},
		{5, "ad/be/cf"},
		{6, "da/eb/fc"},
		{7, "fc/eb/da"},
		{8, "cf/be/ad"},
	}
	for _, tt := range tests {
		m := orient(src, tt.orientation)
		var rows []string
		for y := range m.Rect.Dy() {
			var row []byte
			for x := range m.Rect.Dx() {
				row = append(row, m.Pix[m.PixOffset(x, y)])
			}
			rows = append(rows, string(row))
		}
		if got := strings.Join(rows, "/"); got != tt.want {
			t.Errorf("orient %d: %s, want %s", tt.orientation, got, tt.want)
		}
	}
}

func TestJPEGOrientation(t *testing.T) {
	plain := makeJPEG(t, 8, 8)
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"no exif", plain, 1},
		{"orientation 6", withEXIF(t, plain, 6), 6},
		{"orientation 8", withEXIF(t, plain, 8), 8},
		{"orientation 0 is invalid", withEXIF(t, plain, 0), 1},
		{"segment length past the end", withEXIF(t, plain, 6)[:30], 1},
		{"not a jpeg", []byte("hello"), 1},
		{"big-endian exif", bigEndianEXIF(6), 6},
	}
	for _, tt := range tests {
		if got := jpegOrientation(tt.data); got != tt.want {
			t.Errorf("%s: orientation %d, want %d", tt.name, got, tt.want)
		}
	}
}

// bigEndianEXIF is the start of a JPEG with a Motorola-order EXIF block.
func bigEndianEXIF(orientation byte) []byte {
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00" + string(orientation) + "\x00\x00\x00\x00\x00\x00")
	seg := append([]byte("Exif\x00\x00"), tiff...)
	out := []byte{0xff, 0xd8, 0xff, 0xe1, 0, byte(2 + len(seg))}
	out = append(out, seg...)
	return append(out, 0xff, 0xd9)
}

// TestDecodersNotWidenedByRegistration: the test binary registers GIF (by
// importing image/gif), yet GIF stays unsupported.
func TestDecodersNotWidenedByRegistration(t *testing.T) {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.White}), nil); err != nil {
		t.Fatal(err)
	}
	if _, format, err := image.DecodeConfig(bytes.NewReader(b.Bytes())); err != nil || format != "gif" {
		t.Fatalf("GIF is not registered in this binary (%q, %v): the test proves nothing", format, err)
	}
	if _, err := newStore(t, Limits{}).Ingest(t.Context(), &b); !errors.Is(err, ErrUnsupported) {
		t.Errorf("GIF: %v, want ErrUnsupported", err)
	}
}
