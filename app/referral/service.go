package referral

import (
	"time"
)

// Service runs referral campaigns.
type Service struct {
	Deps
}

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Clock == nil {
		d.Clock = time.Now
	}
	return &Service{Deps: d}
}

// now is the service's time, UTC to the millisecond as stored.
func (s *Service) now() time.Time { return s.Clock().UTC().Truncate(time.Millisecond) }
