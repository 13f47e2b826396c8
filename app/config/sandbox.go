package config

import "net"

// Sandbox configures the in-process WeCom sandbox of the embedded default:
// a demo corp that serve starts, registers, syncs and wires to its own
// callback endpoint. It is for trying Siyu out, never for production.
type Sandbox struct {
	Demo bool   `koanf:"demo"`
	Addr string `koanf:"addr"`
	// JournalPath keeps the actions fired at the demo, replayed after a
	// restart so the re-seeded sandbox comes back as it was ("" = none).
	JournalPath string `koanf:"journal_path"`
	// URLFile receives the running sandbox's URL, where `siyu sandbox act`
	// finds it ("" = not written).
	URLFile string `koanf:"url_file"`
}

// EnvProduction is the env value of a production deployment.
const EnvProduction = "production"

func (s Sandbox) validate(env string, bad reporter) {
	if s.Demo && env == EnvProduction {
		bad("sandbox.demo", "must be false when env is production: the demo corp is simulated")
	}
	if _, _, err := net.SplitHostPort(s.Addr); s.Demo && err != nil {
		bad("sandbox.addr", "want host:port, got %q", s.Addr)
	}
}

// minAPIToken is the shortest bearer token accepted, so a guessable one is
// refused at start-up.
const minAPIToken = 16

func (s Security) validateAPIToken(bad reporter) {
	if s.APIToken != "" && len(s.APIToken) < minAPIToken {
		bad("security.api_token", "must be at least %d characters", minAPIToken)
	}
	if s.BcryptCost < minBcryptCost || s.BcryptCost > maxBcryptCost {
		bad("security.bcrypt_cost", "want %d–%d, got %d", minBcryptCost, maxBcryptCost, s.BcryptCost)
	}
}

// The bcrypt work factors the library accepts.
const (
	minBcryptCost = 4
	maxBcryptCost = 31
)
