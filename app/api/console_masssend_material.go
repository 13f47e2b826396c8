package api

import (
	"context"
	"errors"
	"net/http"
	"strconv"

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
	m, err := s.d.Materials.Create(c.Request.Context(), caller(c).CorpID, app.MaterialInput{Name: fh.Filename, Data: data}) // the file decides its kind
	if app.ErrorCode(err) == app.EINVALID {
		return nil, app.FieldInvalid("attachments", "素材未能保存："+app.ErrorMessage(err))
	}
	return m, err
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
	return m.Name + "（" + app.MaterialKindNames[m.Kind] + "，" + sizeWords(m.Size) + "）"
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
				out = append(out, "已上传的"+app.MaterialKindNames[a.MsgType]) // msgtypes and kinds share names
			}
		}
	}
	return out, nil
}
