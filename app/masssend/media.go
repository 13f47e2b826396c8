package masssend

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Media gives attachments' materials a media_id WeCom still takes
// (app/material), uploading them again when theirs would lapse.
type Media interface {
	Find(ctx context.Context, corpID, id int64) (*app.Material, error)
	// Resolve gives material id's media_id and whether it was uploaded
	// just now (WeCom cannot have lost that one).
	Resolve(ctx context.Context, corpID, id int64) (string, bool, error)
	// ForgetMedia drops refused media ids (material → the id refused).
	ForgetMedia(ctx context.Context, corpID int64, used map[int64]string) error
}

// checkAll validates in, the materials its attachments name included,
// every refusal at once.
func (s *Service) checkAll(ctx context.Context, corpID int64, in *app.MassSendInput) error {
	var f app.Fields
	if err := check(in); err != nil {
		f = append(f, app.ErrorFields(err)...)
	}
	for i, a := range in.Attachments {
		for _, ref := range materialRefs(&a) {
			why, err := s.materialRefusal(ctx, corpID, ref)
			if err != nil {
				return err
			}
			f.Check(why != "", fmt.Sprintf("attachments[%d]", i), why)
		}
	}
	return f.Err()
}

// materialRefusal says what is wrong with ref's material ("" nothing).
func (s *Service) materialRefusal(ctx context.Context, corpID int64, ref materialRef) (string, error) {
	if s.Media == nil {
		return "素材库尚未接入，请直接填写 media_id", nil
	}
	m, err := s.Media.Find(ctx, corpID, *ref.id)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		return "素材不存在", nil
	case err != nil:
		return "", err
	case m.Kind != ref.kind:
		return fmt.Sprintf("素材「%s」不是%s", m.Name, app.MaterialKindNames[ref.kind]), nil
	}
	return "", nil
}

// materialRef is an attachment's material: the id field and the media_id
// field it fills, and the kind it must be.
type materialRef struct {
	id    *int64
	media *string
	kind  string
}

// materialRefs lists the materials attachment a names.
func materialRefs(a *app.MassSendAttachment) []materialRef {
	var out []materialRef
	for _, m := range []struct {
		v    *app.MassSendMedia
		kind string
	}{{a.Image, app.MaterialImage}, {a.Video, app.MaterialVideo}, {a.File, app.MaterialFile}} {
		if m.v != nil && m.v.MaterialID > 0 {
			out = append(out, materialRef{&m.v.MaterialID, &m.v.MediaID, m.kind})
		}
	}
	if p := a.MiniProgram; p != nil && p.PicMaterialID > 0 {
		out = append(out, materialRef{&p.PicMaterialID, &p.PicMediaID, app.MaterialImage})
	}
	return out
}

// attachments are ms's attachments in WeCom's shape, each material given
// a media_id WeCom takes now, and the materials whose id came from an
// earlier upload (material → media_id): the ones WeCom may have lost.
func (s *Service) attachments(ctx context.Context, ms *app.MassSend) ([]*wecom.Attachment, map[int64]string, error) {
	var atts []app.MassSendAttachment
	if ms.Attachments != "" && ms.Attachments != "null" {
		if err := json.Unmarshal([]byte(ms.Attachments), &atts); err != nil {
			return nil, nil, fmt.Errorf("mass send %d attachments: %w", ms.ID, err)
		}
	}
	old := map[int64]string{}
	for i := range atts {
		for _, ref := range materialRefs(&atts[i]) {
			if s.Media == nil {
				return nil, nil, errors.New("mass send: attachment names a material, no material capability wired")
			}
			id, uploaded, err := s.Media.Resolve(ctx, ms.CorpID, *ref.id)
			if err != nil {
				return nil, nil, err
			}
			if *ref.media = id; !uploaded {
				old[*ref.id] = id
			}
		}
	}
	b, _ := json.Marshal(atts)
	var out []*wecom.Attachment
	return out, old, json.Unmarshal(b, &out)
}
