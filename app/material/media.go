package material

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// MediaID returns a media_id of material id that WeCom still takes: the
// last upload's while Fresh, else a new upload's.
func (s *Service) MediaID(ctx context.Context, corpID, id int64) (string, error) {
	mediaID, _, err := s.Resolve(ctx, corpID, id)
	return mediaID, err
}

// Resolve is MediaID that also says whether the id was uploaded for this
// call (or by another instance while this one waited): a refusal of a
// fresh upload is not WeCom having lost an old one. Of several instances
// asking at once, one claims the upload; the others wait for its id (or
// take over when its lease runs out).
func (s *Service) Resolve(ctx context.Context, corpID, id int64) (string, bool, error) {
	giveUp, waited := time.Now().Add(uploadLease+5*time.Second), false
	for {
		m, err := s.Store.FindMaterial(ctx, corpID, id)
		if err != nil {
			return "", false, err
		}
		if s.fresh(m) {
			return m.MediaID, waited, nil
		}
		if m.LeaseUntil == nil || !s.now().Before(*m.LeaseUntil) {
			fence, err := s.Store.ClaimUpload(ctx, m, s.now().Add(uploadLease))
			if err != nil {
				return "", false, err
			}
			if fence > 0 {
				mediaID, err := s.upload(ctx, m, fence)
				return mediaID, true, err
			}
		}
		if time.Now().After(giveUp) {
			return "", false, app.Errorf(app.EUNAVAILABLE, "素材「%s」正在上传到企业微信，请稍后重试", m.Name)
		}
		if err := app.Sleep(ctx, waitStep); err != nil {
			return "", false, err
		}
		waited = true
	}
}

// fresh reports whether m's media_id is young enough to use.
func (s *Service) fresh(m *app.Material) bool {
	return m.MediaID != "" && m.MediaAt != nil && s.now().Sub(*m.MediaAt) < Fresh
}

// upload uploads m's file under the claim fence and records its id.
func (s *Service) upload(ctx context.Context, m *app.Material, fence int64) (string, error) {
	data, err := s.Store.ContentOf(ctx, m.CorpID, m.ID)
	if err != nil {
		return "", err
	}
	cl, err := s.Clients.Client(ctx, m.CorpID)
	if err != nil {
		return "", err
	}
	id, at, err := cl.UploadAttachment(ctx, m.Kind, m.Name, data)
	if err != nil {
		return "", err
	}
	return id, s.Store.SetMedia(ctx, m, fence, id, at)
}

// ForgetMedia drops media ids WeCom refused (40007), each material's only
// if it still holds that id (another instance may have uploaded anew
// since), so the next use uploads those materials again.
func (s *Service) ForgetMedia(ctx context.Context, corpID int64, used map[int64]string) error {
	return s.Store.ForgetMedia(ctx, corpID, used)
}

// Find returns material id of the corp.
func (s *Service) Find(ctx context.Context, corpID, id int64) (*app.Material, error) {
	return s.Store.FindMaterial(ctx, corpID, id)
}

// List returns a page of the corp's materials, newest first.
func (s *Service) List(ctx context.Context, corpID int64, p app.Page) ([]app.Material, int64, error) {
	if p.Limit <= 0 || p.Limit > app.MaxPageSize {
		p.Limit = app.MaxPageSize
	}
	return s.Store.ListMaterials(ctx, corpID, p)
}
