package config

// Uplift tunes the measured uplift (提升测算, configs/default.yaml
// explains each): the conversion window after a send or a journey's first
// fire, the months of guide links compared and how long each is at least
// observed, and how far back sends and journeys are measured.
type Uplift struct {
	WindowDays   int `koanf:"window_days"`
	GuideMonths  int `koanf:"guide_months"`
	GuideMinDays int `koanf:"guide_min_days"`
	LookbackDays int `koanf:"lookback_days"`
}

func (u Uplift) validate(bad reporter) {
	if u.WindowDays < 1 || u.WindowDays > 90 {
		bad("uplift.window_days", "must be 1–90 days")
	}
	if u.GuideMonths < 1 || u.GuideMonths > 36 {
		bad("uplift.guide_months", "must be 1–36 months")
	}
	if u.GuideMinDays < 30 || u.GuideMinDays > 365 {
		bad("uplift.guide_min_days", "must be 30–365 days (annualising fewer days is mostly noise)")
	}
	if u.LookbackDays < 1 || u.LookbackDays > 730 {
		bad("uplift.lookback_days", "must be 1–730 days")
	}
}
