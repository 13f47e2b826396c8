package poster

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	_ "image/jpeg" // campaign images and avatars come as JPEG too
	_ "image/png"

	xdraw "golang.org/x/image/draw"
)

// maxPixels refuses images whose header promises more than this many
// pixels before decoding them: a 40 MP upload would take a second of CPU
// and hundreds of MB for a poster that shows it at 750 wide.
const maxPixels = 40_000_000

// errTooLarge is an image over maxPixels.
var errTooLarge = errors.New("image too large")

// decodeImage decodes PNG or JPEG bytes, refusing empty and huge ones.
func decodeImage(b []byte) (image.Image, error) {
	if len(b) == 0 {
		return nil, errors.New("no image")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if cfg.Width*cfg.Height > maxPixels {
		return nil, errTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	return img, err
}

// cover scales src to fill r, cropping the overflow around its centre.
func cover(dst xdraw.Image, r image.Rectangle, src image.Image) {
	sb := src.Bounds()
	sw, sh := sb.Dx(), sb.Dy()
	if sw == 0 || sh == 0 {
		return
	}
	// crop src to r's aspect ratio: keep the full height or the full width.
	if sw*r.Dy() > sh*r.Dx() {
		w := sh * r.Dx() / r.Dy()
		sb.Min.X += (sw - w) / 2
		sb.Max.X = sb.Min.X + w
	} else {
		h := sw * r.Dy() / r.Dx()
		sb.Min.Y += (sh - h) / 2
		sb.Max.Y = sb.Min.Y + h
	}
	xdraw.ApproxBiLinear.Scale(dst, r, src, sb, xdraw.Over, nil)
}

// gradient is the default background: a warm red-to-orange wash that
// reads as a campaign without competing with the card.
func gradient(dst *image.RGBA) {
	top, bottom := color.RGBA{0xe8, 0x45, 0x3c, 0xff}, color.RGBA{0xf7, 0xa0, 0x46, 0xff}
	h := dst.Bounds().Dy()
	for y := 0; y < h; y++ {
		c := mix(top, bottom, float64(y)/float64(h-1))
		for x := dst.Bounds().Min.X; x < dst.Bounds().Max.X; x++ {
			dst.SetRGBA(x, y, c)
		}
	}
}

// mix is a + t(b-a), channel by channel.
func mix(a, b color.RGBA, t float64) color.RGBA {
	m := func(x, y uint8) uint8 { return uint8(float64(x) + t*(float64(y)-float64(x)) + 0.5) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// drawBackground covers the canvas with the campaign image, or the
// gradient when there is none or it does not decode, and reports which:
// the gradient gets the title as a headline (faces.headline).
func drawBackground(dst *image.RGBA, b []byte) bool {
	img, err := decodeImage(b)
	if err != nil {
		gradient(dst)
		return false
	}
	fill(dst, dst.Bounds(), color.White) // under a transparent PNG
	cover(dst, dst.Bounds(), img)
	return true
}
