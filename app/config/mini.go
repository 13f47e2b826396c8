package config

import "time"

// Mini configures the mini-program's consumer API: how long a login
// lasts, and how many requests a minute (with a burst) a client IP may
// log in with, a client IP may make, and one consumer (openid) may make,
// counted in Redis across instances.
type Mini struct {
	SessionTTL time.Duration `koanf:"session_ttl"`
	LoginPerIP Rate          `koanf:"login_per_ip"`
	PerIP      Rate          `koanf:"per_ip"`
	PerOpenID  Rate          `koanf:"per_openid"`
}

// Rate is requests a minute, with bursts of Burst.
type Rate struct {
	PerMinute int `koanf:"per_minute"`
	Burst     int `koanf:"burst"`
}

func (m Mini) validate(bad reporter) {
	if m.SessionTTL < time.Minute || m.SessionTTL > 30*24*time.Hour {
		bad("mini.session_ttl", "want 1m to 720h, got %s", m.SessionTTL)
	}
	for key, r := range map[string]Rate{"login_per_ip": m.LoginPerIP, "per_ip": m.PerIP, "per_openid": m.PerOpenID} {
		if r.PerMinute < 1 || r.Burst < 1 {
			bad("mini."+key, "want per_minute and burst of at least 1, got %d and %d", r.PerMinute, r.Burst)
		}
	}
}
