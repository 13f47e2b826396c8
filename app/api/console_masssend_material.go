package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// massMaterialChoices is how many kept materials the 群发 form offers,
// newest first.
const massMaterialChoices = 100

// loadMaterials reads the materials the form offers.
func (s *server) loadMaterials(ctx context.Context, corpID int64) ([]app.Material, error) {
	if s.d.Materials == nil {
		return nil, nil
	}
	list, _, err := s.d.Materials.List(ctx, corpID, app.Page{Limit: massMaterialChoices})
	return list, err
}

// uploadMaterial keeps the form's new material (field material_file), its
// kind read from the file itself; nil when none was chosen.
func (s *server) uploadMaterial(c *gin.Context) (*app.Material, error) {
	fh, err := c.FormFile("material_file")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) || s.d.Materials == nil {
		return nil, nil
	}
	if err != nil {
		return nil, app.FieldInvalid("attachments", "无法读取上传的素材文件")
	}
	if fh.Size > app.MaterialMaxBytes {
		return nil, app.FieldInvalid("attachments", "素材不能超过 10 MB")
	}
	data, err := readFormFile(fh)
	if err != nil {
		return nil, app.FieldInvalid("attachments", "无法读取上传的素材文件")
	}
	m, err := s.d.Materials.Create(c.Request.Context(), caller(c).CorpID, app.MaterialInput{Kind: materialKindOf(data), Name: fh.Filename, Data: data})
	if app.ErrorCode(err) == app.EINVALID {
		return nil, app.FieldInvalid("attachments", "素材未能保存："+app.ErrorMessage(err))
	}
	return m, err
}

// materialKindOf is the kind a file is sent as: JPG and PNG as images,
// MP4 as videos, anything else as a file.
func materialKindOf(data []byte) string {
	switch t := http.DetectContentType(data); {
	case strings.HasPrefix(t, "image/jpeg"), strings.HasPrefix(t, "image/png"):
		return app.MaterialImage
	case strings.HasPrefix(t, "video/mp4"):
		return app.MaterialVideo
	}
	return app.MaterialFile
}

// materialAttachments are the chosen materials as attachments, each of its
// kind; an id the corp does not have is passed on for the service to
// refuse by name.
func materialAttachments(chosen []string, offered []app.Material) []app.MassSendAttachment {
	kinds := map[int64]string{}
	for _, m := range offered {
		kinds[m.ID] = m.Kind
	}
	var out []app.MassSendAttachment
	for _, v := range chosen {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		media := &app.MassSendMedia{MaterialID: id}
		switch kinds[id] {
		case app.MaterialVideo:
			out = append(out, app.MassSendAttachment{MsgType: "video", Video: media})
		case app.MaterialFile:
			out = append(out, app.MassSendAttachment{MsgType: "file", File: media})
		default:
			out = append(out, app.MassSendAttachment{MsgType: "image", Image: media})
		}
	}
	return out
}

// materialLabel names a material in the form: its name, kind and size.
func materialLabel(m app.Material) string {
	kind := map[string]string{app.MaterialImage: "图片", app.MaterialVideo: "视频", app.MaterialFile: "文件"}[m.Kind]
	return m.Name + "（" + kind + "，" + sizeWords(m.Size) + "）"
}

// sizeWords is a file size as people read it.
func sizeWords(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt((n+1023)/1024, 10) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}

// attachedMedia names a send's image, video and file attachments for the
// send's pages: a material by its name, kind and size.
func (s *server) attachedMedia(ctx context.Context, corpID int64, atts []app.MassSendAttachment) ([]string, error) {
	var out []string
	for _, a := range atts {
		for _, m := range []*app.MassSendMedia{a.Image, a.Video, a.File} {
			switch {
			case m == nil:
			case m.MaterialID > 0 && s.d.Materials != nil:
				mat, err := s.d.Materials.Find(ctx, corpID, m.MaterialID)
				if app.ErrorCode(err) == app.ENOTFOUND {
					out = append(out, "（素材已删除）")
					continue
				}
				if err != nil {
					return nil, err
				}
				out = append(out, materialLabel(*mat))
			case m.PicURL != "":
				out = append(out, "图片（网址）")
			default:
				out = append(out, "已上传的"+map[string]string{"image": "图片", "video": "视频", "file": "文件"}[a.MsgType])
			}
		}
	}
	return out, nil
}
