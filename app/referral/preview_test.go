package referral_test

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/poster"
)

// An operator's poster preview is the campaign's poster, full size, with a
// sample code that is no participant's: it does not scan as a
// mini-program code. A campaign of another corp is not found.
func TestPreviewPoster(t *testing.T) {
	eachStack(t, 0, func(t *testing.T, w *world) {
		c := w.campaign(t, nil)
		out, err := w.s.Referrals.PreviewPoster(w.ctx, c.CorpID, c.ID)
		require.NoError(t, err)
		img, err := png.Decode(bytes.NewReader(out))
		require.NoError(t, err)
		require.Equal(t, image.Rect(0, 0, poster.Width, poster.Height), img.Bounds())
		var code bytes.Buffer
		require.NoError(t, png.Encode(&code, img.(interface {
			SubImage(image.Rectangle) image.Image
		}).SubImage(poster.CodeBounds())))
		_, ok := w.s.SC.ScanWXACode(code.Bytes())
		assert.False(t, ok, "the sample code is no mini-program code")
		_, err = w.s.Referrals.PreviewPoster(w.ctx, c.CorpID+1000, c.ID)
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
	})
}
