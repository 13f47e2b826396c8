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

// kinds are the content types each kind takes, as sniffed from the file
// (not its name), and how a refusal words them: WeCom takes JPG and PNG
// images and MP4 videos; a file may be anything.
var kinds = map[string]struct {
	types   []string
	formats string
}{
	app.MaterialImage: {[]string{"image/jpeg", "image/png"}, "JPG 或 PNG"},
	app.MaterialVideo: {[]string{"video/mp4"}, "MP4"},
	app.MaterialFile:  {},
}

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

// check validates in (its kind read from the file when not given) and
// returns the file's content type.
func check(in *app.MaterialInput) (string, error) {
	var f app.Fields
	in.Name = strings.TrimSpace(in.Name)
	ctype := http.DetectContentType(in.Data)
	if in.Kind == "" {
		in.Kind = kindOf(ctype)
	}
	kind, known := kinds[in.Kind]
	f.Check(!known, "kind", "素材类型须为图片、视频或文件")
	f.Check(in.Name == "" || utf8.RuneCountInString(in.Name) > 128, "name", "请填写素材名称（不超过128个字）")
	f.Check(len(in.Data) == 0, "file", "请选择要上传的文件")
	f.Check(len(in.Data) > app.MaterialMaxBytes, "file", "素材不能超过 10 MB")
	f.Check(len(in.Data) > 0 && kind.types != nil && !hasPrefix(ctype, kind.types), "file",
		app.MaterialKindNames[in.Kind]+"须为 "+kind.formats+" 格式")
	return ctype, f.Err()
}

// kindOf is the kind a file of content type ctype is sent as.
func kindOf(ctype string) string {
	for _, k := range []string{app.MaterialImage, app.MaterialVideo} {
		if hasPrefix(ctype, kinds[k].types) {
			return k
		}
	}
	return app.MaterialFile
}

// hasPrefix reports whether s starts with one of prefixes.
func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
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
