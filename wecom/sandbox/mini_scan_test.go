package sandbox_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// picture redraws a code PNG the way a poster might: scaled by num/den
// (nearest pixel), at an offset on a white ground, optionally with one
// pixel block (a module) inverted at (fx, fy).
func picture(t *testing.T, code []byte, num, den int, flip *image.Point) []byte {
	t.Helper()
	src, err := png.Decode(bytes.NewReader(code))
	require.NoError(t, err)
	sb := src.Bounds()
	w, h := sb.Dx()*num/den, sb.Dy()*num/den
	dst := image.NewRGBA(image.Rect(0, 0, w+40, h+40))
	for y := range h + 40 {
		for x := range w + 40 {
			dst.Set(x, y, color.White)
			if x >= 20 && y >= 20 && x < w+20 && y < h+20 {
				dst.Set(x, y, src.At(sb.Min.X+(x-20)*den/num, sb.Min.Y+(y-20)*den/num))
			}
		}
	}
	if flip != nil {
		for y := flip.Y - 6; y < flip.Y+6; y++ {
			for x := flip.X - 6; x < flip.X+6; x++ {
				r, _, _, _ := dst.At(x, y).RGBA()
				dst.Set(x, y, color.Gray{uint8(255 - r>>8)})
			}
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, dst))
	return b.Bytes()
}

// A picture of a drawn code (a poster's code area) scans at any scale,
// and no longer scans once a module reads wrong or it is not one drawn.
func TestScanWXACodePicture(t *testing.T) {
	c := newCorp(t)
	code, err := c.DrawWXACode("pages/campaign/index", "k7Qa9")
	require.NoError(t, err)
	got, ok := c.ScanWXACode(code)
	require.True(t, ok, "the PNG as drawn")
	assert.Equal(t, "k7Qa9", got.Scene)
	for _, scale := range [][2]int{{1, 1}, {3, 4}, {2, 1}} {
		got, ok := c.ScanWXACode(picture(t, code, scale[0], scale[1], nil))
		require.True(t, ok, "scaled %d/%d", scale[0], scale[1])
		assert.Equal(t, "pages/campaign/index", got.Page)
	}
	// the middle of the code, scaled 1:1 with a 20 px margin
	mid := image.Pt(20+164, 20+164)
	_, ok = c.ScanWXACode(picture(t, code, 1, 1, &mid))
	assert.False(t, ok, "a module flipped")
	other := newCorpNamed(t, "other")
	_, ok = other.ScanWXACode(picture(t, code, 1, 1, nil))
	assert.False(t, ok, "a code another corp drew")
	_, ok = c.ScanWXACode([]byte("not an image"))
	assert.False(t, ok)
}
