package config

// Stats tunes the dashboards' daily aggregates. RecomputeDays is how many
// days back (up to yesterday) the nightly run recomputes, so late orders
// and attribution recomputes reach the figures: every tick recomputes
// today and yesterday, the night run the week before.
type Stats struct {
	RecomputeDays int `koanf:"recompute_days"`
}

// maxRecomputeDays bounds the nightly run: a longer reach is a rebuild
// (siyu stats rebuild), not a nightly job.
const maxRecomputeDays = 92

func (s Stats) validate(bad reporter) {
	if s.RecomputeDays < 1 || s.RecomputeDays > maxRecomputeDays {
		bad("stats.recompute_days", "want 1 to %d, got %d", maxRecomputeDays, s.RecomputeDays)
	}
}
