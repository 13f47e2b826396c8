package behavior

import "github.com/siyu-scrm/siyu/wecom"

// Defaults of Options. WeCom is said to finish a day's figures only late
// the next morning (REFERENCE §13, hour unconfirmed).
const (
	DefaultPullHour     = 10
	DefaultLookbackDays = wecom.BehaviorMaxDaysBack
	DefaultRepullDays   = 2
)

// Options tune the pull (config behavior.*); a zero field takes its
// default.
type Options struct {
	// PullHour is the hour of the corp's day from which yesterday is
	// pulled (1–23).
	PullHour int
	// LookbackDays is how far back a guide's first pull reaches: the
	// days before today, at most WeCom's 180.
	LookbackDays int
	// RepullDays is how many days before yesterday each pull fetches
	// again, as WeCom fills recent days in late.
	RepullDays int
}

// withDefaults fills what is unset; Validate (config) refuses the rest.
func (o Options) withDefaults() Options {
	if o.PullHour <= 0 {
		o.PullHour = DefaultPullHour
	}
	if o.LookbackDays <= 0 {
		o.LookbackDays = DefaultLookbackDays
	}
	if o.RepullDays <= 0 {
		o.RepullDays = DefaultRepullDays
	}
	return o
}
