package poster

import (
	"image"
	"image/color"
)

// The layout: a white card along the bottom holds the inviter (avatar
// and name), the title and caption on the left, and the code on the
// right, above the campaign image that covers the whole canvas.
func cardBox() image.Rectangle   { return image.Rect(32, 918, Width-32, Height-40) }
func avatarBox() image.Rectangle { return image.Rect(64, 954, 64+88, 954+88) }

// codeBox is square and large enough that a downscaled 430 px wxacode
// keeps several pixels per module.
func codeBox() image.Rectangle { return image.Rect(Width-64-268, 946, Width-64, 946+268) }

// textSlot places one line: left x, baseline y, the width it may take,
// the font size in pixels and the colour.
type textSlot struct {
	x, y, width int
	size        float64
	color       color.Color
}

func nameSlot() textSlot   { return textSlot{168, 992, 250, 32, color.RGBA{0x22, 0x22, 0x22, 0xff}} }
func inviteSlot() textSlot { return textSlot{168, 1030, 250, 22, color.RGBA{0x88, 0x88, 0x88, 0xff}} }
func titleSlot() textSlot  { return textSlot{64, 1112, 340, 30, color.RGBA{0x22, 0x22, 0x22, 0xff}} }
func captionSlot() textSlot {
	return textSlot{64, 1236, 340, 22, color.RGBA{0xd2, 0x3c, 0x32, 0xff}}
}

// initialSlot is the default avatar's character, centred by faces.initial.
func initialSlot() textSlot { return textSlot{0, 0, 88, 44, color.White} }

// headlineSlot is the title written large on the default background,
// centred, for a campaign without an image of its own.
func headlineSlot() textSlot { return textSlot{64, 380, Width - 128, 60, color.White} }

// headlineLeading is the distance between the headline's baselines.
const headlineLeading = 84

// titleLeading is the distance between the title's two baselines.
const titleLeading = 42

// inviteLine sits under the name: who is asking the reader for what.
const inviteLine = "邀请你一起参加"
