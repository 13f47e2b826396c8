package poster

import (
	"image/draw"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
)

// drawTexts writes the name, the invitation, the title (two lines at
// most) and the caption.
func drawTexts(dst draw.Image, f *faces, spec Spec) {
	name := f.printable(spec.Name)
	if name == "" {
		name = "你的好友"
	}
	slot := nameSlot()
	f.line(dst, slot, 0, fit(f.at(slot.size), name, slot.width))
	f.line(dst, inviteSlot(), 0, inviteLine)
	f.title(dst, f.printable(spec.Title))
	caption := f.printable(spec.Caption)
	if caption == "" {
		caption = DefaultCaption
	}
	slot = captionSlot()
	f.line(dst, slot, 0, fit(f.at(slot.size), caption, slot.width))
}

// title wraps the campaign title onto two lines, ellipsising the second.
func (f *faces) title(dst draw.Image, title string) {
	slot := titleSlot()
	face := f.at(slot.size)
	first, rest := split(face, title, slot.width)
	f.line(dst, slot, 0, first)
	if rest = strings.TrimSpace(rest); rest != "" {
		f.line(dst, slot, titleLeading, fit(face, rest, slot.width))
	}
}

// initial writes the name's first character (友 for a nameless friend)
// centred on the default avatar's disc.
func (f *faces) initial(dst draw.Image, name string) {
	r, _ := utf8.DecodeRuneInString(f.printable(name))
	if r == utf8.RuneError || r == missingRune {
		r = '友'
	}
	slot, box := initialSlot(), avatarBox()
	face := f.at(slot.size)
	m := face.Metrics()
	slot.x = box.Min.X + (box.Dx()-font.MeasureString(face, string(r)).Ceil())/2
	slot.y = box.Min.Y + (box.Dy()+(m.Ascent-m.Descent).Ceil())/2
	f.line(dst, slot, 0, string(r))
}

// headline writes the title large and centred on the default background,
// on two lines at most.
func (f *faces) headline(dst draw.Image, title string) {
	slot := headlineSlot()
	face := f.at(slot.size)
	first, rest := split(face, f.printable(title), slot.width)
	for i, s := range []string{first, fit(face, strings.TrimSpace(rest), slot.width)} {
		line := slot
		line.x += (slot.width - font.MeasureString(face, s).Ceil()) / 2
		f.line(dst, line, i*headlineLeading, s)
	}
}
