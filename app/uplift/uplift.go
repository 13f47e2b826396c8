// Package uplift measures what guides, mass sends and journeys add, with
// the uncertainty of each figure (DOMAIN: "uplift is measured, not
// asserted"). Each night it compares, per corp:
//
//   - members linked to a guide with members not linked, matched on home
//     store, month of the link and RFM class at the link, by their spend
//     over the year after it (the average treatment effect on the linked);
//   - each mass send's and journey's treated customers with its holdout,
//     by the share who ordered and the revenue per customer within the
//     conversion window after the send or first fire;
//
// and keeps the results in uplift_results, its own table, for the
// dashboards to read with the method text (Method).
package uplift

import (
	"log/slog"
	"time"
)

// Options tune the measurement; zero fields take the defaults.
type Options struct {
	// WindowDays is the conversion window after a send or a journey's
	// first fire (default 14).
	WindowDays int
	// GuideMonths is how many calendar months of links are compared
	// (default 12), ending GuideMinDays before the computation, so every
	// linked member has that much of their year observed (default 90).
	GuideMonths, GuideMinDays int
	// LookbackDays is how far back sends and fires are measured (default
	// 180): those whose window closed in the last LookbackDays days.
	LookbackDays int
}

// withDefaults fills the zero fields of o.
func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.WindowDays, 14)
	def(&o.GuideMonths, 12)
	def(&o.GuideMinDays, 90)
	def(&o.LookbackDays, 180)
	return o
}

// Deps are what the uplift capability is built from.
type Deps struct {
	Store      Store
	Thresholds Thresholds
	Zones      Zones
	Log        *slog.Logger
	// Now is the clock a computation is timed by (time.Now if nil).
	Now func() time.Time
}

// Service computes and keeps uplift results.
type Service struct {
	Deps
	opts Options
}

// New returns a Service on d with options o.
func New(d Deps, o Options) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d, opts: o.withDefaults()}
}

// Options are the options in use, defaults filled in.
func (s *Service) Options() Options { return s.opts }

// year is the outcome window of the guide comparison.
const year = 365 * 24 * time.Hour

// day is one day, the unit of windows.
const day = 24 * time.Hour
