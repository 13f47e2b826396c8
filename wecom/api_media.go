package wecom

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/silenceper/wechat/v2/util"
)

const apiUploadAttachment = "media/upload_attachment"

// mediaAttachmentType is upload_attachment's attachment_type: 1 is the
// kind customer moments and mass sends take (2 is for product albums).
const mediaAttachmentType = "1"

// MediaTTL is how long WeCom keeps an uploaded attachment: its media_id
// is refused (40007, ErrInvalidMedia) three days after the upload.
const MediaTTL = 72 * time.Hour

// UploadAttachment uploads one image, video or file (mediaType "image",
// "video" or "file") for mass sends and returns its media_id and when
// WeCom created it. An upload has no effect but the new id, so it is
// retried like a read.
func (c *Client) UploadAttachment(ctx context.Context, mediaType, filename string, data []byte) (string, time.Time, error) {
	var resp struct {
		util.CommonError
		MediaID   string `json:"media_id"`
		CreatedAt string `json:"created_at"`
	}
	q := url.Values{"media_type": {mediaType}, "attachment_type": {mediaAttachmentType}}
	err := c.call(ctx, apiUploadAttachment, true, func(s *session) error {
		return s.postFile("/cgi-bin/"+apiUploadAttachment, q, filename, data, &resp)
	})
	if err != nil {
		return "", time.Time{}, err
	}
	at := time.Now()
	if sec, perr := strconv.ParseInt(resp.CreatedAt, 10, 64); perr == nil && sec > 0 {
		at = time.Unix(sec, 0)
	}
	return resp.MediaID, at.UTC(), nil
}
