package sandbox

import "time"

// DefaultStart is where sandbox time begins unless Options.Start says
// otherwise: a fixed instant (Monday 2026-01-05 09:00 in Beijing), so runs
// are reproducible.
func DefaultStart() time.Time {
	return time.Date(2026, 1, 5, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
}

// Options configure a Sandbox. The zero value is a frozen clock at
// DefaultStart(), WeCom's documented rate limits and delivery rules, and the
// documented behaviour wherever the reference is unsure (see Quirks).
type Options struct {
	// Start is the initial sandbox time (DefaultStart() when zero).
	Start time.Time
	// FollowWallClock makes sandbox time move with the wall clock (for the
	// standalone demo); Advance still jumps ahead.
	FollowWallClock bool
	// Seed seeds the sandbox's pseudo-random choices (duplicate and fault
	// probabilities, shuffles) so a run can be replayed. Secrets, tokens and
	// ciphertext randomness are always cryptographic.
	Seed uint64
	// Limit is the per-corp, per-API limit (default 10,000/min, 150,000/h,
	// no concurrency cap); Corp.SetLimit overrides it per API.
	Limit *Limit
	// Delivery is the default callback delivery behaviour for every corp.
	Delivery DeliveryOptions
	// CallLogSize bounds the call log kept per corp (default 100,000 records,
	// oldest dropped first), so a long-running demo does not grow forever.
	CallLogSize int
	// Quirks switch behaviours the reference marks as unconfirmed.
	Quirks Quirks
	// WelcomeCodeTTL is how long a welcome code stays valid (default 20 s).
	WelcomeCodeTTL time.Duration
	// MaxCustomersPerMember is the most customers a member may have; a
	// transfer to a member at the limit fails with status 4 (default
	// 50,000).
	MaxCustomersPerMember int
	// MassSendLimit is how many mass messages one customer may receive per
	// period before further ones fail with status 3 (default 4 per month).
	MassSendLimit MassSendLimit
	// QRCodeBase is where the qr_code URLs of 联系我 point. Empty (the
	// default) means the sandbox itself, which serves each one as a PNG
	// under QRPathPrefix; "https://wework.qpic.cn" gives URLs of WeCom's
	// own form, which nothing can fetch.
	QRCodeBase string
	// OnAction hears every action fired through Sandbox.Act (the control
	// API) and every API call that changed a corp (a contact way, tag, mass
	// send or transfer a client made), each once it succeeded, in the order
	// they were applied, so a caller can journal them and Replay them into
	// a fresh sandbox with the same ids. It is called with a lock held that
	// those changes share: it should only record.
	OnAction func(Fired)
}

// Quirks are behaviours REFERENCE.md marks as unconfirmed; each defaults to
// the more forgiving reading.
type Quirks struct {
	// ListEmpty84061 makes externalcontact/list answer 84061 for a member
	// with no customers instead of an empty list.
	ListEmpty84061 bool
	// MarkTagEmptyError makes mark_tag with no tag to add or remove fail
	// with 40058 instead of succeeding as a no-op.
	MarkTagEmptyError bool
}

// MassSendLimit caps mass messages per customer: at most Count in any
// calendar Period ("day", "week" or "month", in the sandbox time zone).
type MassSendLimit struct {
	Count  int
	Period string
}

func (o Options) withDefaults() Options {
	if o.Start.IsZero() {
		o.Start = DefaultStart()
	}
	if o.Limit == nil {
		o.Limit = &Limit{PerMinute: 10000, PerHour: 150000}
	}
	if o.CallLogSize <= 0 {
		o.CallLogSize = 100000
	}
	if o.WelcomeCodeTTL <= 0 {
		o.WelcomeCodeTTL = 20 * time.Second
	}
	if o.MaxCustomersPerMember <= 0 {
		o.MaxCustomersPerMember = 50000
	}
	if o.MassSendLimit.Count <= 0 {
		o.MassSendLimit = MassSendLimit{Count: 4, Period: "month"}
	}
	o.Delivery = o.Delivery.withDefaults()
	return o
}
