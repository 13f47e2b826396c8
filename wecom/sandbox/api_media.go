package sandbox

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"strconv"
	"time"
)

// mediaTTL is how long WeCom keeps an uploaded attachment.
const mediaTTL = 72 * time.Hour

// mediaLimits are the largest files upload_attachment takes, by type.
var mediaLimits = map[string]int{"image": 10 << 20, "video": 10 << 20, "file": 20 << 20}

// Media is an uploaded attachment as the sandbox keeps it.
type Media struct {
	MediaID string
	Type    string
	Name    string
	Size    int
	Created time.Time
}

// apiUploadAttachment is media/upload_attachment: one multipart file
// "media" of media_type image, video or file; its media_id lapses three
// sandbox days after the upload.
func (c *Corp) apiUploadAttachment(q *call) (any, error) {
	typ := q.query("media_type")
	limit, ok := mediaLimits[typ]
	switch {
	case !ok:
		return nil, failf(40004, "media_type must be image, video or file")
	case q.query("attachment_type") != "1" && q.query("attachment_type") != "2":
		return nil, failf(40058, "attachment_type must be 1 or 2")
	}
	name, data, err := mediaPart(q)
	if err != nil {
		return nil, err
	}
	if len(data) == 0 || len(data) > limit {
		return nil, failf(40006, "media size out of limit")
	}
	// A random id, not one of the corp's sequence: uploads are not
	// journaled, so drawing from it would shift every id a replay draws.
	m := &Media{MediaID: "media" + randomHex(12), Type: typ, Name: name, Size: len(data), Created: c.Now()}
	c.st.ext.media[m.MediaID] = m
	return struct {
		Type      string `json:"type"`
		MediaID   string `json:"media_id"`
		CreatedAt string `json:"created_at"`
	}{typ, m.MediaID, strconv.FormatInt(m.Created.Unix(), 10)}, nil
}

// mediaPart reads the file of the multipart field "media".
func mediaPart(q *call) (string, []byte, error) {
	_, params, err := mime.ParseMediaType(q.r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		return "", nil, failf(41005, "media data missing")
	}
	r := multipart.NewReader(bytes.NewReader(q.body), params["boundary"])
	for {
		p, err := r.NextPart()
		if err != nil {
			return "", nil, failf(41005, "media data missing")
		}
		if p.FormName() == "media" {
			data, err := io.ReadAll(p)
			if err != nil {
				return "", nil, failf(41005, "media data missing")
			}
			return p.FileName(), data, nil
		}
	}
}

// checkMedia refuses an attachment naming a media_id the sandbox never
// handed out or whose three days have run out (40007), as WeCom does.
// Only the object its msgtype names counts: clients send the others empty.
// A replayed call is not checked: uploads are not journaled.
func (c *Corp) checkMedia(atts []json.RawMessage, replay bool) ([]string, error) {
	var ids []string
	for _, raw := range atts {
		var a struct {
			MsgType string `json:"msgtype"`
		}
		var objs map[string]json.RawMessage
		var o struct {
			MediaID    string `json:"media_id"`
			PicMediaID string `json:"pic_media_id"`
		}
		_ = json.Unmarshal(raw, &a)
		_ = json.Unmarshal(raw, &objs)
		_ = json.Unmarshal(objs[a.MsgType], &o)
		switch a.MsgType {
		case "image":
			if o.MediaID != "" { // an image by pic_url needs none
				ids = append(ids, o.MediaID)
			}
		case "video", "file":
			ids = append(ids, o.MediaID)
		case "miniprogram":
			ids = append(ids, o.PicMediaID)
		}
	}
	for _, id := range ids {
		if replay {
			break
		}
		m := c.st.ext.media[id]
		if m == nil || !c.Now().Before(m.Created.Add(mediaTTL)) {
			return nil, failf(40007, "invalid media_id %q", id)
		}
	}
	return ids, nil
}

// randomHex is n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
