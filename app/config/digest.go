package config

// Digest configures the daily digest (经营日报) to store managers: from
// which local hour of the corp's zone the day before is sent.
type Digest struct {
	Hour int `koanf:"hour"`
}

func (d Digest) validate(bad reporter) {
	if d.Hour < 0 || d.Hour > 23 {
		bad("digest.hour", "want an hour from 0 to 23, got %d", d.Hour)
	}
}
