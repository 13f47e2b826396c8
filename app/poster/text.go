package poster

import (
	_ "embed"
	"image"
	"image/draw"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// fontData is a subset of Noto Sans CJK SC Regular (SIL OFL 1.1, see
// font/LICENSE): GB2312's 6,763 hanzi, ASCII and CJK punctuation, made by
// scripts/poster-font. Embedded so an intranet server needs no font
// installed and no CDN.
//
//go:embed font/NotoSansSC-Subset.otf
var fontData []byte

// missingRune stands in for a character the font lacks (an emoji, a rare
// hanzi), so the reader sees that something is there.
const missingRune = '□'

// faces draws text in the embedded font at the layout's sizes.
type faces struct {
	font  *opentype.Font
	buf   sfnt.Buffer
	cache map[float64]font.Face
}

func newFaces() (*faces, error) {
	f, err := opentype.Parse(fontData)
	if err != nil {
		return nil, err
	}
	fs := &faces{font: f, cache: map[float64]font.Face{}}
	for _, slot := range []textSlot{headlineSlot(), initialSlot(), nameSlot(), inviteSlot(), titleSlot(), captionSlot()} {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: slot.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, err
		}
		fs.cache[slot.size] = face
	}
	return fs, nil
}

// at is the face of size px, one of the layout's text sizes.
func (f *faces) at(px float64) font.Face { return f.cache[px] }

// printable replaces what the font cannot draw with missingRune and
// control characters (a newline in a nickname) with spaces.
func (f *faces) printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		if i, err := f.font.GlyphIndex(&f.buf, r); err != nil || i == 0 {
			return missingRune
		}
		return r
	}, strings.TrimSpace(s))
}

// fit cuts s to width pixels at face, ending in "…" when it had to cut.
func fit(face font.Face, s string, width int) string {
	if font.MeasureString(face, s).Ceil() <= width {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		if t := string(runes[:n]) + "…"; font.MeasureString(face, t).Ceil() <= width {
			return t
		}
	}
	return "…"
}

// split returns the longest prefix of s that fits width, and the rest;
// CJK text breaks between any two characters.
func split(face font.Face, s string, width int) (string, string) {
	runes := []rune(s)
	n := len(runes)
	for n > 1 && font.MeasureString(face, string(runes[:n])).Ceil() > width {
		n--
	}
	return string(runes[:n]), string(runes[n:])
}

// line draws s at slot, already fitted.
func (f *faces) line(dst draw.Image, slot textSlot, dy int, s string) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(slot.color), Face: f.at(slot.size),
		Dot: fixed.P(slot.x, slot.y+dy)}
	d.DrawString(s)
}
