package config

import "time"

// MassSend tunes mass sends (群发): chunk size, the per-customer receive
// limit planned by, and the ledger's claim lease (configs/default.yaml
// explains each).
type MassSend struct {
	ChunkSize   int           `koanf:"chunk_size"`
	LimitCount  int           `koanf:"limit_count"`
	LimitPeriod string        `koanf:"limit_period"`
	Lease       time.Duration `koanf:"lease"`
	Grace       time.Duration `koanf:"grace"`
	Workers     int           `koanf:"workers"`
}

func (m MassSend) validate(bad reporter) {
	if m.ChunkSize < 1 || m.ChunkSize > 10000 {
		bad("masssend.chunk_size", "must be 1–10000 (WeCom takes at most 10,000 customers a task)")
	}
	if m.LimitCount < 0 {
		bad("masssend.limit_count", "must not be negative (0: no limit)")
	}
	if m.LimitPeriod != "day" && m.LimitPeriod != "week" && m.LimitPeriod != "month" {
		bad("masssend.limit_period", "want day|week|month, got %q", m.LimitPeriod)
	}
	if m.Lease < time.Second || m.Grace < 0 || m.Workers < 1 {
		bad("masssend.lease", "lease must be at least 1s, grace not negative, workers at least 1")
	}
}
