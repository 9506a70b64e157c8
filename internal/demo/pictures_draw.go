package demo

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
)

// The demo pictures are drawn here, not photographed: flat, abstract scenes in the
// manner of an illustration, made of gradients, polygons and a seeded scatter of
// detail, so that the same picture comes out on every run.

// PictureWidth and PictureHeight are the size the demo pictures are drawn at.
const (
	PictureWidth  = 1200
	PictureHeight = 750
)

// canvas is a picture being drawn.
type canvas struct {
	*image.RGBA
	rnd *rand.Rand
}

func newCanvas(seed uint64) canvas {
	return canvas{image.NewRGBA(image.Rect(0, 0, PictureWidth, PictureHeight)), rand.New(rand.NewPCG(seed, 0x5eed))} // #nosec G404 -- strokes of a demo drawing, not a secret
}

func rgb(hex uint32) color.RGBA {
	return color.RGBA{uint8(hex >> 16 & 0xff), uint8(hex >> 8 & 0xff), uint8(hex & 0xff), 0xff} // #nosec G115 -- each byte masked
}

// mix is a + (b-a)·t.
func mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	f := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*t + .5) }
	return color.RGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), 0xff}
}

// gradient fills rows y0..y1 with a vertical gradient from top to bottom.
func (c canvas) gradient(y0, y1 int, top, bottom color.RGBA) {
	for y := y0; y < y1; y++ {
		col := mix(top, bottom, float64(y-y0)/float64(max(1, y1-y0-1)))
		for x := 0; x < PictureWidth; x++ {
			c.SetRGBA(x, y, col)
		}
	}
}

// rect fills a rectangle.
func (c canvas) rect(x0, y0, x1, y1 int, col color.RGBA) {
	r := image.Rect(x0, y0, x1, y1).Intersect(c.Bounds())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c.SetRGBA(x, y, col)
		}
	}
}

// disc fills a circle.
func (c canvas) disc(cx, cy, r float64, col color.RGBA) {
	for y := int(cy - r); y <= int(cy+r); y++ {
		for x := int(cx - r); x <= int(cx+r); x++ {
			if dx, dy := float64(x)-cx, float64(y)-cy; dx*dx+dy*dy <= r*r && image.Pt(x, y).In(c.Bounds()) {
				c.SetRGBA(x, y, col)
			}
		}
	}
}

// below fills, in every column, the pixels under the curve y = f(x), shaded from top at
// the curve to bottom at the picture's foot.
func (c canvas) below(f func(x float64) float64, top, bottom color.RGBA) {
	for x := 0; x < PictureWidth; x++ {
		y0 := max(0, int(f(float64(x))))
		for y := y0; y < PictureHeight; y++ {
			c.SetRGBA(x, y, mix(top, bottom, float64(y-y0)/float64(PictureHeight-y0)))
		}
	}
}

// polygon fills a polygon (even-odd rule), row by row.
func (c canvas) polygon(pts [][2]float64, col color.RGBA) {
	minY, maxY := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	for y := max(0, int(minY)); y <= min(PictureHeight-1, int(maxY)); y++ {
		fy := float64(y) + .5
		var xs []float64
		for i := range pts {
			a, b := pts[i], pts[(i+1)%len(pts)]
			if (a[1] <= fy) != (b[1] <= fy) {
				xs = append(xs, a[0]+(fy-a[1])/(b[1]-a[1])*(b[0]-a[0]))
			}
		}
		for i := 1; i < len(xs); i++ { // a handful of crossings: insertion sort
			for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
				xs[j], xs[j-1] = xs[j-1], xs[j]
			}
		}
		for i := 0; i+1 < len(xs); i += 2 {
			c.rect(int(xs[i]+.5), y, int(xs[i+1]+.5), y+1, col)
		}
	}
}

// drawScene draws the named scene; an unknown name gives a plain gradient.
func drawScene(name string) image.Image {
	switch name {
	case "containers":
		return drawContainers()
	case "ferry":
		return drawFerry()
	case "glacier":
		return drawGlacier()
	case "tea":
		return drawTea()
	case "silk":
		return drawSilk()
	case "night-train":
		return drawNightTrain()
	}
	c := newCanvas(0)
	c.gradient(0, PictureHeight, rgb(0x9fc3d9), rgb(0xf0e6d0))
	return c
}

// drawContainers: stacks of freight containers on a quay under a pale morning sky, a
// crane above them.
func drawContainers() image.Image {
	c := newCanvas(1)
	c.gradient(0, 520, rgb(0x8db8d8), rgb(0xf4dcc0))
	c.gradient(520, PictureHeight, rgb(0x5b5f66), rgb(0x33363b))
	colours := []color.RGBA{rgb(0xb5452f), rgb(0x2f6d8f), rgb(0xd99a2b), rgb(0x3f7f4f), rgb(0x8a8f96), rgb(0x6b3d7a)}
	const w, h = 150, 62
	for col := 0; col < 9; col++ {
		stack := 2 + c.rnd.IntN(4)
		for row := 0; row < stack; row++ {
			x0, y0 := 10+col*132, 560-(row+1)*h
			base := colours[c.rnd.IntN(len(colours))]
			c.rect(x0, y0, x0+w-6, y0+h-4, base)
			for rib := x0 + 8; rib < x0+w-10; rib += 10 { // corrugation
				c.rect(rib, y0+4, rib+3, y0+h-8, mix(base, rgb(0x000000), .18))
			}
		}
	}
	crane := rgb(0x2b2d31)
	c.rect(880, 90, 900, 560, crane)
	c.rect(560, 90, 1200, 108, crane)
	c.polygon([][2]float64{{880, 90}, {900, 90}, {890, 40}}, crane)
	c.rect(640, 108, 643, 250, crane)
	c.rect(610, 250, 676, 290, rgb(0xd99a2b))
	return c
}

// drawFerry: a ferry on the Caspian at dusk, the sun low over the water.
func drawFerry() image.Image {
	c := newCanvas(2)
	c.gradient(0, 430, rgb(0x2c3e6b), rgb(0xf2a65a))
	c.disc(880, 400, 70, rgb(0xffd68a))
	c.gradient(430, PictureHeight, rgb(0x3b5b7a), rgb(0x142235))
	for i := 0; i < 260; i++ { // glints on the water
		x, y := c.rnd.Float64()*PictureWidth, 440+c.rnd.Float64()*300
		l := 8 + c.rnd.Float64()*40
		c.rect(int(x), int(y), int(x+l), int(y)+2, mix(rgb(0xffd68a), rgb(0x3b5b7a), (y-430)/320))
	}
	hull := rgb(0x1d232b)
	c.polygon([][2]float64{{220, 430}, {760, 430}, {720, 485}, {270, 485}}, hull)
	c.rect(300, 372, 640, 430, rgb(0xe8e4dc))
	c.rect(360, 330, 580, 372, rgb(0xe8e4dc))
	c.rect(600, 300, 625, 372, rgb(0xb5452f))
	for x := 315; x < 630; x += 28 {
		c.rect(x, 388, x+16, 400, rgb(0x2c3e6b))
	}
	return c
}

// drawGlacier: a ridge of the Greater Caucasus, snow on the peaks, a glacier's tongue
// in the valley.
func drawGlacier() image.Image {
	c := newCanvas(3)
	c.gradient(0, PictureHeight, rgb(0x4a86c5), rgb(0xdbeaf5))
	peaks := [][3]float64{{-100, 700, 260}, {250, 620, 150}, {600, 720, 210}, {980, 600, 120}, {1300, 700, 230}}
	for i, p := range peaks {
		x, w, top := p[0], p[1], p[2]
		rock := mix(rgb(0x4d5866), rgb(0x6f7b88), float64(i%2)*.6)
		c.polygon([][2]float64{{x - w/2, PictureHeight}, {x, top}, {x + w/2, PictureHeight}}, rock)
		snow := (PictureHeight - top) * .28
		c.polygon([][2]float64{{x - w/2*snow/(PictureHeight-top), top + snow}, {x, top}, {x + w/2*snow/(PictureHeight-top), top + snow},
			{x + w*.05, top + snow*.8}, {x - w*.06, top + snow*1.1}}, rgb(0xf5f8fb))
	}
	c.polygon([][2]float64{{480, PictureHeight}, {560, 470}, {640, 470}, {760, PictureHeight}}, rgb(0xcfe3ef))
	c.below(func(x float64) float64 { return 690 + 25*math.Sin(x/90) }, rgb(0x56684a), rgb(0x3a4a32))
	return c
}

// drawTea: terraces of tea bushes on the hills around Lankaran, in rows that follow the
// slope, under a hazy sky.
func drawTea() image.Image {
	c := newCanvas(4)
	c.gradient(0, PictureHeight, rgb(0xcfe0d8), rgb(0xf3eedc))
	c.below(func(x float64) float64 { return 170 + 40*math.Sin(x/210) }, rgb(0x7d9b84), rgb(0x9db79b))
	for row := 0; row < 14; row++ {
		base := 250.0 + float64(row)*38
		phase, amp := float64(row)*.45, 30+float64(row)*3
		curve := func(x float64) float64 { return base + amp*math.Sin(x/260+phase) }
		dark := mix(rgb(0x2f6b3a), rgb(0x1f4d2a), float64(row)/14)
		light := mix(rgb(0x5c9a52), rgb(0x3f7f4f), float64(row)/14)
		for x := 0; x < PictureWidth; x++ {
			y0 := int(curve(float64(x)))
			for y := y0; y < y0+30 && y < PictureHeight; y++ {
				c.SetRGBA(x, y, mix(light, dark, float64(y-y0)/30))
			}
			for y := y0 + 30; y < y0+38 && y < PictureHeight; y++ {
				c.SetRGBA(x, y, rgb(0x6e5a3e)) // the path between rows
			}
		}
	}
	return c
}

// drawSilk: a silk headscarf's pattern, diamonds and dots on a crimson ground, as a loom
// weaves it.
func drawSilk() image.Image {
	c := newCanvas(5)
	ground := rgb(0x8e1f2f)
	c.rect(0, 0, PictureWidth, PictureHeight, ground)
	palette := []color.RGBA{rgb(0xe8b64c), rgb(0x1f5f6b), rgb(0xf1e6d2), rgb(0x3d2a5c)}
	const cell = 150
	for gy := -1; gy <= PictureHeight/cell+1; gy++ {
		for gx := -1; gx <= PictureWidth/cell+1; gx++ {
			cx, cy := float64(gx*cell+cell/2+(gy%2)*cell/2), float64(gy*cell+cell/2)
			for k, r := range []float64{70, 52, 30, 12} {
				col := palette[(k+gx+gy+8)%len(palette)]
				c.polygon([][2]float64{{cx, cy - r}, {cx + r, cy}, {cx, cy + r}, {cx - r, cy}}, col)
			}
		}
	}
	for y := 0; y < PictureHeight; y += 3 { // the weft, faintly
		for x := 0; x < PictureWidth; x++ {
			c.SetRGBA(x, y, mix(c.RGBAAt(x, y), rgb(0x000000), .08))
		}
	}
	return c
}

// drawNightTrain: a night train crossing a plain under the stars, its windows lit.
func drawNightTrain() image.Image {
	c := newCanvas(6)
	c.gradient(0, 560, rgb(0x0b1026), rgb(0x2e3a66))
	for i := 0; i < 420; i++ {
		x, y := c.rnd.IntN(PictureWidth), c.rnd.IntN(480)
		c.rect(x, y, x+1+c.rnd.IntN(2), y+1+c.rnd.IntN(2), mix(rgb(0x8895c0), rgb(0xffffff), c.rnd.Float64()))
	}
	c.disc(980, 120, 46, rgb(0xf2ecd0))
	c.disc(998, 108, 44, rgb(0x151b36)) // a crescent
	c.below(func(x float64) float64 { return 470 + 35*math.Sin(x/170) + 18*math.Sin(x/53) }, rgb(0x161b2e), rgb(0x0b0e19))
	c.rect(0, 585, PictureWidth, 592, rgb(0x3a3f52)) // the rails
	for car := 0; car < 6; car++ {
		x0 := 90 + car*170
		c.rect(x0, 520, x0+160, 585, rgb(0x24345a))
		for wx := x0 + 12; wx < x0+150; wx += 30 {
			c.rect(wx, 535, wx+18, 555, rgb(0xf6d27a))
		}
	}
	c.polygon([][2]float64{{1110, 520}, {1150, 520}, {1185, 560}, {1185, 585}, {1110, 585}}, rgb(0x8e1f2f))
	return c
}
