package poster_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	xdraw "golang.org/x/image/draw"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/poster"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// newCorp is a sandbox corp that draws and scans mini-program codes.
func newCorp(t testing.TB) *sandbox.Corp {
	t.Helper()
	sb := sandbox.New(sandbox.Options{})
	t.Cleanup(func() { _ = sb.Close() })
	c, err := sb.AddCorp(sandbox.NewCorpConfig("wwposter"))
	require.NoError(t, err)
	return c
}

// solid is an encoded w×h image of one colour, as JPEG or PNG.
func solid(t testing.TB, w, h int, c color.Color, asJPEG bool) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		img.Set(i%w, i/w, c)
	}
	var b bytes.Buffer
	if asJPEG {
		require.NoError(t, jpeg.Encode(&b, img, nil))
	} else {
		require.NoError(t, png.Encode(&b, img))
	}
	return b.Bytes()
}

// decode decodes a rendered poster and checks its size.
func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	require.Equal(t, image.Rect(0, 0, poster.Width, poster.Height), img.Bounds())
	return img
}

// crop encodes r of img as a PNG, as a phone's camera frames the code.
func crop(t *testing.T, img image.Image, r image.Rectangle) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(r)))
	return b.Bytes()
}

// resized redraws a code PNG at width px (nearest pixel), as WeChat
// draws codes of other widths.
func resized(t *testing.T, code []byte, width int) []byte {
	t.Helper()
	src, err := png.Decode(bytes.NewReader(code))
	require.NoError(t, err)
	dst := image.NewRGBA(image.Rect(0, 0, width, width))
	xdraw.NearestNeighbor.Scale(dst, dst.Bounds(), src, src.Bounds(), xdraw.Src, nil)
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, dst))
	return b.Bytes()
}

// The poster is a canvas-sized PNG whose code area still scans to the
// inviter's scene, over a photo background and with a photo avatar.
func TestRender(t *testing.T) {
	corp := newCorp(t)
	code, err := corp.DrawWXACode("pages/campaign/index", "k7Qa9")
	require.NoError(t, err)
	out, err := poster.Render(poster.Spec{
		Background: solid(t, 1080, 1080, color.RGBA{0x30, 0x60, 0x90, 0xff}, true),
		Avatar:     solid(t, 132, 132, color.RGBA{0x90, 0x30, 0x30, 0xff}, false),
		Name:       "张晓明", Title: "邀请3位好友，领取新年礼盒", Code: code,
	})
	require.NoError(t, err)
	img := decode(t, out)
	scanned, ok := corp.ScanWXACode(crop(t, img, poster.CodeBounds()))
	require.True(t, ok, "the code scans after compositing")
	assert.Equal(t, "k7Qa9", scanned.Scene)
	assert.Equal(t, "pages/campaign/index", scanned.Page)

	// WeChat draws codes 280–1280 px wide; a large one is scaled down, a
	// small one enlarged by a whole factor, and both still scan.
	for _, width := range []int{82, 430, 1280} {
		t.Run(fmt.Sprintf("Code%dpx", width), func(t *testing.T) {
			out, err := poster.Render(poster.Spec{Name: "张晓明", Code: resized(t, code, width)})
			require.NoError(t, err)
			scanned, ok := corp.ScanWXACode(crop(t, decode(t, out), poster.CodeBounds()))
			require.True(t, ok)
			assert.Equal(t, "k7Qa9", scanned.Scene)
		})
	}
	t.Run("ErrCodeUnreadable", func(t *testing.T) {
		_, err := poster.Render(poster.Spec{Name: "张晓明", Code: []byte("not a png")})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		_, err = poster.Render(poster.Spec{Name: "张晓明"})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	})
}

// Bad or missing campaign images and avatars fall back to the drawn
// defaults instead of failing the poster.
func TestRenderFallbacks(t *testing.T) {
	code, err := newCorp(t).DrawWXACode("pages/campaign/index", "fb1")
	require.NoError(t, err)
	huge := solid(t, 8, 8, color.White, false)
	huge[16], huge[17], huge[18], huge[19] = 0, 0, 0x40, 0 // IHDR width 16,384
	huge[20], huge[21], huge[22], huge[23] = 0, 0, 0x40, 0 // × height 16,384
	tests := []struct {
		name               string
		background, avatar []byte
	}{
		{name: "None"},
		{name: "Garbage", background: []byte("<html>"), avatar: []byte{0xff, 0xd8, 0xff}},
		{name: "TooLarge", background: huge, avatar: huge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := poster.Render(poster.Spec{Background: tt.background, Avatar: tt.avatar, Name: "😀", Code: code})
			require.NoError(t, err)
			img := decode(t, out)
			r, g, b, _ := img.At(poster.Width/2, 0).RGBA()
			assert.Equal(t, [3]uint32{0xe8, 0x45, 0x3c}, [3]uint32{r >> 8, g >> 8, b >> 8}, "the default background's top")
		})
	}
}

func BenchmarkRender(b *testing.B) {
	code, err := newCorp(b).DrawWXACode("pages/campaign/index", "bench1")
	require.NoError(b, err)
	spec := poster.Spec{
		Background: solid(b, 1080, 1920, color.RGBA{0x30, 0x60, 0x90, 0xff}, true),
		Avatar:     solid(b, 132, 132, color.RGBA{0x90, 0x30, 0x30, 0xff}, true),
		Name:       "张晓明", Title: "邀请3位好友，领取新年礼盒", Code: code,
	}
	for b.Loop() {
		if _, err := poster.Render(spec); err != nil {
			b.Fatal(err)
		}
	}
}
