package app

import (
	"context"
	"time"
)

// Material kinds: what WeCom's upload_attachment takes.
const (
	MaterialImage = "image"
	MaterialVideo = "video"
	MaterialFile  = "file"
)

// MaterialKindNames are the kinds as people read them.
var MaterialKindNames = map[string]string{MaterialImage: "图片", MaterialVideo: "视频", MaterialFile: "文件"}

// MaterialMaxBytes is the largest material Siyu keeps: under WeCom's own
// limits (10 MB for images and videos) and under the databases' default
// max_allowed_packet.
const MaterialMaxBytes = 10 << 20

// Material is a file kept for mass-send attachments (素材), with the
// media_id of its latest upload to WeCom. The content itself is read only
// to upload it.
type Material struct {
	ID          int64
	CorpID      int64
	Kind        string
	Name        string
	ContentType string
	Size        int64
	SHA256      string `gorm:"column:sha256"`
	MediaID     string `gorm:"column:media_id"`
	// MediaAt is when WeCom created MediaID; nil before any upload.
	MediaAt *time.Time
	// LeaseUntil holds an upload in progress by one instance; Fence grows
	// with every claim, so two instances never both win one.
	LeaseUntil *time.Time
	Fence      int64
	CreatedBy  string
	CreatedAt  time.Time
}

// MaterialInput is a material to keep: a kind, a name and the file.
type MaterialInput struct {
	// Kind is image, video or file; empty, the file decides (JPG and PNG
	// are images, MP4 videos, anything else a file).
	Kind string
	Name string
	Data []byte
}

// Materials keeps materials (app/material); every method is scoped by corp.
type Materials interface {
	// Create checks and keeps a material, uploading it to WeCom at once
	// so a file WeCom refuses is refused here.
	Create(ctx context.Context, corpID int64, in MaterialInput) (*Material, error)
	List(ctx context.Context, corpID int64, p Page) ([]Material, int64, error)
	Find(ctx context.Context, corpID, id int64) (*Material, error)
}
