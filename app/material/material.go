// Package material keeps materials (素材): the images, videos and files
// mass sends attach. WeCom keeps an uploaded attachment three days, after
// which add_msg_template refuses its media_id, so Siyu keeps the file and
// uploads it again once its media_id is two and a half days old — from
// one instance, which claims the upload in the database while others wait
// for its media_id. material is the only writer of materials.
package material

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Fresh is how long a media_id is used after its upload: half a day short
// of WeCom's three, so a send created late on the last day still finds it
// valid while its guides confirm.
const Fresh = 60 * time.Hour

// uploadLease is how long one instance holds an upload; if it dies, the
// next caller after the lease uploads instead. It outlasts an upload of
// the largest material tried with WeCom's retries on a slow uplink, so a
// live upload is never taken over; a waiter gives up with its context
// (a chunk's own lease) before that.
const uploadLease = 3 * time.Minute

// waitStep is how often a caller waiting for another's upload looks.
const waitStep = 100 * time.Millisecond

// Store keeps materials (app/db's MaterialStore).
type Store interface {
	CreateMaterial(ctx context.Context, m *app.Material, data []byte) error
	FindMaterial(ctx context.Context, corpID, id int64) (*app.Material, error)
	ListMaterials(ctx context.Context, corpID int64, p app.Page) ([]app.Material, int64, error)
	ContentOf(ctx context.Context, corpID, id int64) ([]byte, error)
	ClaimUpload(ctx context.Context, m *app.Material, leaseUntil time.Time) (int64, error)
	SetMedia(ctx context.Context, m *app.Material, fence int64, mediaID string, at time.Time) error
	ForgetMedia(ctx context.Context, corpID int64, used map[int64]string) error
}

// WeCom uploads attachments (wecom.Client).
type WeCom interface {
	UploadAttachment(ctx context.Context, mediaType, filename string, data []byte) (string, time.Time, error)
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what the capability is built from; Audit may be nil.
type Deps struct {
	Store   Store
	Clients Clients
	Audit   Auditor
	Log     *slog.Logger
	// Now is the clock media ages by (time.Now if nil): WeCom's, which
	// tests set to the sandbox's.
	Now func() time.Time
}

// Service keeps materials and their media ids.
type Service struct{ Deps }

var _ app.Materials = (*Service)(nil)

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}
}

func (s *Service) now() time.Time { return s.Now().UTC() }
