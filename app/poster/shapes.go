package poster

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
)

// roundRect is an alpha mask: r with corners of radius rad, edges
// antialiased over one pixel. A circle is a square with rad = half side.
type roundRect struct {
	r   image.Rectangle
	rad float64
}

func (m roundRect) ColorModel() color.Model { return color.AlphaModel }
func (m roundRect) Bounds() image.Rectangle { return m.r }

// At is the coverage of pixel (x, y): its centre's distance inside the
// rounded edge, clamped to [0, 1].
func (m roundRect) At(x, y int) color.Color {
	px, py := float64(x)+0.5, float64(y)+0.5
	cx := math.Max(float64(m.r.Min.X)+m.rad, math.Min(px, float64(m.r.Max.X)-m.rad))
	cy := math.Max(float64(m.r.Min.Y)+m.rad, math.Min(py, float64(m.r.Max.Y)-m.rad))
	d := m.rad - math.Hypot(px-cx, py-cy) + 0.5
	return color.Alpha{uint8(255 * math.Max(0, math.Min(1, d)))}
}

// drawCard is the white card the inviter, title and code sit on.
func drawCard(dst draw.Image) {
	r := cardBox()
	shadow := roundRect{r.Add(image.Pt(0, 6)), 24}
	draw.DrawMask(dst, shadow.r, image.NewUniform(color.RGBA{0, 0, 0, 0x30}), image.Point{}, shadow, shadow.r.Min, draw.Over)
	draw.DrawMask(dst, r, image.White, image.Point{}, roundRect{r, 24}, r.Min, draw.Over)
}

// drawAvatar draws the avatar as a circle, or when there is none (or it
// does not decode) a coloured disc, and reports which: the disc gets the
// name's first character (faces.initial).
func drawAvatar(dst draw.Image, b []byte) bool {
	r := avatarBox()
	disc := roundRect{r, float64(r.Dx()) / 2}
	img, err := decodeImage(b)
	if err != nil {
		draw.DrawMask(dst, r, image.NewUniform(color.RGBA{0xf0, 0x8c, 0x5a, 0xff}), image.Point{}, disc, r.Min, draw.Over)
		return false
	}
	square := image.NewRGBA(r)
	fill(square, r, color.White) // under a transparent avatar
	cover(square, r, img)
	draw.DrawMask(dst, r, square, r.Min, disc, r.Min, draw.Over)
	return true
}

// drawCode puts the code on white in codeBox: a larger code is scaled
// down smoothly (CatmullRom keeps module edges), a smaller one is
// enlarged by a whole factor with no interpolation, so each module stays
// a crisp block of pixels that a phone's scanner reads.
func drawCode(dst draw.Image, code image.Image) {
	box := codeBox()
	fill(dst, box, color.White)
	inner := box.Inset(10)
	cb := code.Bounds()
	if cb.Dx() > inner.Dx() || cb.Dy() > inner.Dy() {
		xdraw.CatmullRom.Scale(dst, fitSquare(inner, cb), code, cb, xdraw.Over, nil)
		return
	}
	k := min(inner.Dx()/cb.Dx(), inner.Dy()/cb.Dy())
	xdraw.NearestNeighbor.Scale(dst, centred(inner, cb.Dx()*k, cb.Dy()*k), code, cb, xdraw.Over, nil)
}

// fitSquare is the largest rectangle of src's aspect ratio centred in r.
func fitSquare(r, src image.Rectangle) image.Rectangle {
	if src.Dx()*r.Dy() > src.Dy()*r.Dx() {
		return centred(r, r.Dx(), src.Dy()*r.Dx()/src.Dx())
	}
	return centred(r, src.Dx()*r.Dy()/src.Dy(), r.Dy())
}

// centred is a w×h rectangle centred in r.
func centred(r image.Rectangle, w, h int) image.Rectangle {
	min := image.Pt(r.Min.X+(r.Dx()-w)/2, r.Min.Y+(r.Dy()-h)/2)
	return image.Rectangle{min, min.Add(image.Pt(w, h))}
}
