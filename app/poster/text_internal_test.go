package poster

import (
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
)

// Every rune of sample names and titles has a glyph in the embedded
// font, and drawing a name puts dark pixels in its slot.
func TestChineseGlyphs(t *testing.T) {
	f, err := newFaces()
	require.NoError(t, err)
	for _, s := range []string{"张晓明", "欧阳娜娜", "李婷婷", "王者荣耀·冲鸭", "邀请3位好友，领取新年礼盒！", DefaultCaption, inviteLine, "ABC abc 123（）【】“”"} {
		assert.Equal(t, s, f.printable(s), "every rune has a glyph: %s", s)
	}
	slot := nameSlot()
	dst := image.NewRGBA(image.Rect(0, 0, Width, Height))
	fill(dst, dst.Bounds(), color.White)
	f.line(dst, slot, 0, "张晓明")
	dark := 0
	for y := slot.y - 32; y < slot.y+8; y++ {
		for x := slot.x; x < slot.x+slot.width; x++ {
			if dst.RGBAAt(x, y).R < 0x80 {
				dark++
			}
		}
	}
	assert.Greater(t, dark, 200, "three hanzi at 32 px ink a few hundred pixels")
}

// Runes the font lacks become a visible substitute; control characters
// become spaces.
func TestPrintable(t *testing.T) {
	f, err := newFaces()
	require.NoError(t, err)
	assert.Equal(t, "小□明", f.printable("小😀明"))
	assert.Equal(t, "a b", f.printable("\ta\nb\n"))
}

// A name wider than its slot is cut and ends in an ellipsis; one that
// fits is left alone.
func TestFit(t *testing.T) {
	f, err := newFaces()
	require.NoError(t, err)
	slot := nameSlot()
	face := f.at(slot.size)
	assert.Equal(t, "张晓明", fit(face, "张晓明", slot.width))
	long := fit(face, strings.Repeat("长", 30), slot.width)
	assert.True(t, strings.HasSuffix(long, "…"), long)
	assert.LessOrEqual(t, font.MeasureString(face, long).Ceil(), slot.width)
	assert.Greater(t, len([]rune(long)), 4, "as much as fits is kept")
	first, rest := split(f.at(titleSlot().size), strings.Repeat("题", 20), titleSlot().width)
	assert.Equal(t, 20, len([]rune(first+rest)))
	assert.NotEmpty(t, rest)
}

// An avatar that does not decode gets the default disc, not an error.
func TestDrawAvatar(t *testing.T) {
	dst := image.NewRGBA(image.Rect(0, 0, Width, Height))
	assert.False(t, drawAvatar(dst, []byte("GIF89a")))
	assert.False(t, drawAvatar(dst, nil))
	c := dst.RGBAAt(avatarBox().Min.X+6, avatarBox().Min.Y+avatarBox().Dy()/2)
	assert.Equal(t, color.RGBA{0xf0, 0x8c, 0x5a, 0xff}, c, "the default disc")
}

// Without a campaign image the title is written large on the gradient.
func TestHeadline(t *testing.T) {
	f, err := newFaces()
	require.NoError(t, err)
	dst := image.NewRGBA(image.Rect(0, 0, Width, Height))
	require.False(t, drawBackground(dst, nil))
	f.headline(dst, "邀请3位好友，领取新年礼盒")
	white := 0
	slot := headlineSlot()
	for y := slot.y - 60; y < slot.y+headlineLeading; y++ {
		for x := 0; x < Width; x++ {
			if c := dst.RGBAAt(x, y); c.G > 0xf0 && c.B > 0xf0 {
				white++
			}
		}
	}
	assert.Greater(t, white, 1000, "the headline inks the band")
}
