package config

// Behavior times the nightly pull of WeCom's chat figures (联系客户统计,
// configs/default.yaml explains each).
type Behavior struct {
	PullHour     int `koanf:"pull_hour"`
	LookbackDays int `koanf:"lookback_days"`
	RepullDays   int `koanf:"repull_days"`
}

func (b Behavior) validate(bad reporter) {
	if b.PullHour < 1 || b.PullHour > 23 {
		bad("behavior.pull_hour", "must be 1–23 (an hour of the corp's day; WeCom finishes yesterday late in the morning)")
	}
	if b.LookbackDays < 1 || b.LookbackDays > 180 {
		bad("behavior.lookback_days", "must be 1–180 (WeCom keeps the last 180 days)")
	}
	if b.RepullDays < 1 || b.RepullDays > 29 {
		bad("behavior.repull_days", "must be 1–29")
	}
}
