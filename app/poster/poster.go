// Package poster draws a referral campaign's share poster: the campaign
// image, the inviter's avatar and name, the campaign title and the
// inviter's mini-program code, as one PNG a consumer saves and shares.
// It knows nothing of WeCom or the database: the caller brings the bytes.
package poster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/siyu-scrm/siyu/app"
)

// Canvas size: the 9:16-ish portrait phones show full screen and WeChat
// saves without cropping.
const (
	Width  = 750
	Height = 1334
)

// DefaultCaption is the line under the title when Spec.Caption is empty.
const DefaultCaption = "长按识别小程序码，为我助力"

// Spec is what one poster shows. Only Code is required: a missing or
// undecodable Background or Avatar falls back to a drawn default, so a
// broken campaign image never stops a consumer from getting a poster.
type Spec struct {
	Background []byte // campaign image, PNG or JPEG; scaled to cover
	Avatar     []byte // inviter's avatar, PNG or JPEG; drawn as a circle
	Name       string // inviter's name; ellipsised when too long
	Title      string // campaign title, up to two lines
	Caption    string // under the title; DefaultCaption when empty
	Code       []byte // the inviter's mini-program code (getwxacodeunlimit PNG)
}

// CodeBounds is where Render draws the code (with its white margin), so
// a preview or a test can crop exactly what a consumer's phone scans.
func CodeBounds() image.Rectangle { return codeBox() }

// Render draws spec as a Width×Height PNG. An error means the code
// itself is missing or not an image (EINVALID) — a poster without a
// scannable code is worse than none.
func Render(spec Spec) ([]byte, error) {
	code, err := decodeImage(spec.Code)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "小程序码不是有效的图片")
	}
	face, err := newFaces()
	if err != nil {
		return nil, fmt.Errorf("poster font: %w", err)
	}
	canvas := image.NewRGBA(image.Rect(0, 0, Width, Height))
	if !drawBackground(canvas, spec.Background) {
		face.headline(canvas, spec.Title)
	}
	drawCard(canvas)
	if !drawAvatar(canvas, spec.Avatar) {
		face.initial(canvas, spec.Name)
	}
	drawTexts(canvas, face, spec)
	drawCode(canvas, code)
	var out bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&out, canvas); err != nil {
		return nil, fmt.Errorf("encode poster: %w", err)
	}
	return out.Bytes(), nil
}

// fill paints r with c (opaque or not) over what is there.
func fill(dst draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(dst, r, image.NewUniform(c), image.Point{}, draw.Over)
}
