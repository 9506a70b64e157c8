package media

import (
	"image"
	"image/color"
	"image/draw"
	"testing"
)

func TestHalve(t *testing.T) {
	// 5×2: two 2×2 blocks and an odd column that is dropped.
	src := image.NewRGBA(image.Rect(0, 0, 5, 2))
	copy(src.Pix, []uint8{
		0, 0, 0, 0, 4, 8, 12, 16, 100, 100, 100, 100, 200, 200, 200, 200, 9, 9, 9, 9,
		2, 2, 2, 2, 6, 10, 14, 18, 100, 100, 100, 100, 201, 201, 201, 201, 9, 9, 9, 9,
	})
	got := halve(src)
	want := []uint8{3, 5, 7, 9, 150, 150, 150, 150}
	if got.Rect != image.Rect(0, 0, 2, 1) || string(got.Pix) != string(want) {
		t.Errorf("halve = %v %v, want %v", got.Rect, got.Pix, want)
	}
}

// Scaling a flat colour, transparency included, must give the same colour
// everywhere, whatever path scale takes (halving, Catmull-Rom, or both).
func TestScaleKeepsFlatColour(t *testing.T) {
	c := color.NRGBA{R: 200, G: 100, B: 50, A: 128}
	want := color.RGBAModel.Convert(c).(color.RGBA)
	tests := []struct {
		from, to image.Point
	}{
		{image.Pt(5000, 12), image.Pt(1600, 4)}, // halves twice, then Catmull-Rom
		{image.Pt(3000, 2000), image.Pt(1600, 1067)},
		{image.Pt(640, 480), image.Pt(320, 240)}, // exactly one halving
		{image.Pt(300, 200), image.Pt(300, 200)}, // conversion only
		{image.Pt(3, 1), image.Pt(1, 1)},
	}
	for _, tt := range tests {
		src := image.NewNRGBA(image.Rectangle{Max: tt.from})
		draw.Draw(src, src.Rect, image.NewUniform(c), image.Point{}, draw.Src)
		got := scale(src, tt.to.X, tt.to.Y)
		if got.Rect.Size() != tt.to {
			t.Fatalf("%v → %v: got %v", tt.from, tt.to, got.Rect)
		}
		for i := 0; i < len(got.Pix); i += 4 {
			p := color.RGBA{got.Pix[i], got.Pix[i+1], got.Pix[i+2], got.Pix[i+3]}
			if diff(p.R, want.R) > 1 || diff(p.G, want.G) > 1 || diff(p.B, want.B) > 1 || diff(p.A, want.A) > 1 {
				t.Fatalf("%v → %v: pixel %d is %v, want %v", tt.from, tt.to, i/4, p, want)
			}
		}
	}
}

func diff(a, b uint8) uint8 { return max(a, b) - min(a, b) }

func TestRenditionWidths(t *testing.T) {
	tests := []struct {
		width int
		want  []int
	}{
		{1, []int{1}},
		{320, []int{320}},
		{321, []int{320, 321}},
		{1024, []int{320, 640, 1024}},
		{1599, []int{320, 640, 1024, 1599}},
		{1600, []int{320, 640, 1024, 1600}},
		{20000, []int{320, 640, 1024, 1600}},
	}
	for _, tt := range tests {
		if got := renditionWidths(tt.width); !equalInts(got, tt.want) {
			t.Errorf("renditionWidths(%d) = %v, want %v", tt.width, got, tt.want)
		}
	}
}
