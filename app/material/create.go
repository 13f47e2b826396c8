package material

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// kindTypes are the content types each kind takes, as sniffed from the
// file (not its name): WeCom takes JPG and PNG images and MP4 videos.
var kindTypes = map[string][]string{
	app.MaterialImage: {"image/jpeg", "image/png"},
	app.MaterialVideo: {"video/mp4"},
	app.MaterialFile:  nil, // any
}

// kindNames are the kinds in Chinese, for refusals.
var kindNames = map[string]string{app.MaterialImage: "图片", app.MaterialVideo: "视频", app.MaterialFile: "文件"}

// Create checks in (every refusal at once), uploads it to WeCom so a file
// WeCom refuses is refused now, and keeps it. When WeCom cannot be
// reached it is kept anyway and uploaded when a send first uses it.
func (s *Service) Create(ctx context.Context, corpID int64, in app.MaterialInput) (*app.Material, error) {
	ctype, err := check(&in)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(in.Data)
	m := &app.Material{CorpID: corpID, Kind: in.Kind, Name: in.Name, ContentType: ctype, Size: int64(len(in.Data)),
		SHA256: hex.EncodeToString(sum[:]), CreatedBy: app.Actor(ctx)}
	if err := s.uploadNew(ctx, m, in.Data); err != nil {
		return nil, err
	}
	if err := s.Store.CreateMaterial(ctx, m, in.Data); err != nil {
		return nil, err
	}
	return m, s.audit(ctx, m)
}

// check validates in and returns the file's content type.
func check(in *app.MaterialInput) (string, error) {
	var f app.Fields
	in.Name = strings.TrimSpace(in.Name)
	allowed, known := kindTypes[in.Kind]
	f.Check(!known, "kind", "素材类型须为图片、视频或文件")
	f.Check(in.Name == "" || utf8.RuneCountInString(in.Name) > 128, "name", "请填写素材名称（不超过128个字）")
	f.Check(len(in.Data) == 0, "file", "请选择要上传的文件")
	f.Check(len(in.Data) > app.MaterialMaxBytes, "file", "素材不能超过 10 MB")
	ctype := http.DetectContentType(in.Data)
	if known && allowed != nil && len(in.Data) > 0 {
		ok := false
		for _, t := range allowed {
			ok = ok || strings.HasPrefix(ctype, t)
		}
		f.Check(!ok, "file", kindNames[in.Kind]+"须为 "+map[string]string{app.MaterialImage: "JPG 或 PNG", app.MaterialVideo: "MP4"}[in.Kind]+" 格式")
	}
	return ctype, f.Err()
}

// uploadNew uploads a new material's file. A refusal is the caller's to
// see; an unreachable WeCom leaves the upload for first use.
func (s *Service) uploadNew(ctx context.Context, m *app.Material, data []byte) error {
	cl, err := s.Clients.Client(ctx, m.CorpID)
	if err != nil {
		return err
	}
	id, at, err := cl.UploadAttachment(ctx, m.Kind, m.Name, data)
	switch code := app.ErrorCode(err); {
	case err == nil:
		m.MediaID, m.MediaAt = id, &at
	case wecom.Refused(err) && code != app.ERATELIMITED && code != app.EUNAVAILABLE: // WeCom refuses the file itself
		return err
	default:
		s.Log.WarnContext(ctx, "material: WeCom unreachable, upload left for first use", "name", m.Name, "err", err)
	}
	return nil
}

// audit records the new material. It is kept when this runs, so a failed
// record is logged, not returned (the caller would upload it again).
func (s *Service) audit(ctx context.Context, m *app.Material) error {
	if s.Audit == nil {
		return nil
	}
	err := s.Audit.Record(ctx, app.AuditChange{CorpID: m.CorpID, Actor: m.CreatedBy, Action: "material.create", TargetType: "material", TargetID: m.ID,
		Detail: map[string]any{"name": m.Name, "kind": m.Kind, "size": m.Size}})
	if err != nil {
		s.Log.ErrorContext(ctx, "material: audit not recorded", "material", m.ID, "err", err)
	}
	return nil
}
