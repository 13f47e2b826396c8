package sandbox

import (
	"bytes"
	"image"
	"image/color"
	_ "image/jpeg" // a poster may be saved as JPEG
	_ "image/png"

	"rsc.io/qr"
)

// drawnCode is a mini-program code the sandbox drew: its modules and
// what it opens.
type drawnCode struct {
	bits *qr.Code
	code WXACode
}

// DrawWXACode is WeChat drawing the mini-program code of (page, scene),
// as getwxacodeunlimit does once it has checked them: for tests of what
// Siyu does with the PNG (a poster) without a mini-program token.
func (c *Corp) DrawWXACode(page, scene string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.drawWXACode(page, scene)
}

// scanPicture reads a picture of one code on a light ground (a poster's
// code area, cropped) the way a phone does, for an upright code at any
// scale: the dark modules' bounding box is the code, each module is read
// at its centre, and the modules must equal a code the sandbox drew.
func (c *Corp) scanPicture(b []byte) (WXACode, bool) {
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return WXACode{}, false
	}
	box, ok := darkBounds(img)
	if !ok {
		return WXACode{}, false
	}
	for _, d := range c.st.mini.drawn {
		if sameModules(img, box, d.bits) {
			return d.code, true
		}
	}
	return WXACode{}, false
}

// dark reports whether a pixel reads as a dark module.
func dark(c color.Color) bool {
	g := color.GrayModel.Convert(c).(color.Gray)
	_, _, _, a := c.RGBA()
	return a > 0x8000 && g.Y < 128
}

// darkBounds is the smallest rectangle holding every dark pixel.
func darkBounds(img image.Image) (image.Rectangle, bool) {
	var box image.Rectangle
	found := false
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if dark(img.At(x, y)) {
				box = box.Union(image.Rect(x, y, x+1, y+1))
				found = true
			}
		}
	}
	return box, found
}

// sameModules samples box as code's module grid, each module at its
// centre, and compares every module with code's.
func sameModules(img image.Image, box image.Rectangle, code *qr.Code) bool {
	n := code.Size
	if box.Dx() < n || box.Dy() < n {
		return false
	}
	for my := 0; my < n; my++ {
		for mx := 0; mx < n; mx++ {
			x := box.Min.X + (2*mx+1)*box.Dx()/(2*n)
			y := box.Min.Y + (2*my+1)*box.Dy()/(2*n)
			if dark(img.At(x, y)) != code.Black(mx, my) {
				return false
			}
		}
	}
	return true
}
