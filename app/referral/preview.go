package referral

import (
	"context"
	"fmt"

	"rsc.io/qr"

	"github.com/siyu-scrm/siyu/app/poster"
)

// Preview texts: the poster an operator previews is no participant's, so
// its code is a sample drawn here and says so, never a live code.
const (
	previewName    = "示例参与者"
	previewCaption = "预览：此处为示例码，参与者的海报上是其专属小程序码"
	previewPayload = "Siyu 裂变海报预览（示例码，不指向任何活动）"
)

// PreviewPoster draws campaign id's poster as a participant would get it,
// with a sample name and a sample code drawn locally (a QR code of a
// plain text, not a mini-program code): an operator sees the image, title
// and layout before anyone joins, and no mini-program is asked for a code
// no one can use.
func (s *Service) PreviewPoster(ctx context.Context, corpID, id int64) ([]byte, error) {
	c, err := s.Store.FindCampaign(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	code, err := qr.Encode(previewPayload, qr.M)
	if err != nil {
		return nil, fmt.Errorf("sample code: %w", err)
	}
	code.Scale = 8
	spec := poster.Spec{Name: previewName, Title: c.Title, Caption: previewCaption, Code: code.PNG()}
	if spec.Title == "" {
		spec.Title = c.Name
	}
	if c.PosterID != nil && s.Materials != nil {
		spec.Background, _ = s.Materials.ContentOf(ctx, c.CorpID, *c.PosterID) // a gone image falls back to the default, as Poster does
	}
	return poster.Render(spec)
}
