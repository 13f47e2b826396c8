// Package inbox receives WeCom callbacks and makes each one durable before
// it is acknowledged. An event is stored in the inbox table and handed to
// the queue; if the database is down the queue alone holds it, and if
// neither can take it the caller answers 503 so WeCom delivers it again.
// Effects happen later, in the worker, exactly once per dedupe key.
package inbox

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Queue hands a stored (or, with the database down, unstored) event to the
// workers. Implementations must dedupe on the key, so the relay and a
// redelivery may both call it safely.
type Queue interface {
	EnqueueEvent(ctx context.Context, e *app.InboxEvent) error
}

// Corps finds a corp by WeCom corp id.
type Corps interface {
	FindCorpByCorpID(ctx context.Context, corpID string) (*app.Corp, error)
}

// Counter counts callbacks by outcome; nil-safe wrappers keep it optional.
type Counter interface {
	Inc(outcome string)
}

// Outcomes counted by the receiver.
const (
	OutcomeStored    = "stored"
	OutcomeQueued    = "queued_only" // database down: held by the queue
	OutcomeDuplicate = "duplicate"
	OutcomeUnknown   = "unknown_type"
	OutcomeRejected  = "rejected"
	OutcomeFailed    = "unavailable"
)

// Seen remembers when a corp's callbacks last arrived, by kind
// (app.CallbackVerified…), for the connectivity check (app/kv's
// CallbackLog). It must not block: the callback waits on it.
type Seen interface {
	CallbackSeen(corpID int64, kind string)
}

// Receiver is the callback capability.
type Receiver struct {
	corps   *crypters[*app.Corp]
	apps    *crypters[*app.WeChatApp] // nil: no 公众号 callbacks
	store   app.InboxService
	queue   Queue
	count   Counter
	seen    Seen
	log     *slog.Logger
	maxSkew time.Duration
	now     func() time.Time
}

// Config tunes the receiver.
type Config struct {
	MaxSkew time.Duration // refuse timestamps further than this from now
	Now     func() time.Time
	Seen    Seen // nil: callbacks are not remembered
	// Apps finds the 公众号 whose callbacks arrive at /wechat/callback/<appid>;
	// nil: none are received.
	Apps WeChatApps
}

// NewReceiver wires a Receiver.
func NewReceiver(corps Corps, store app.InboxService, queue Queue, count Counter, log *slog.Logger, cfg Config) *Receiver {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	r := &Receiver{corps: corpCrypters(corps), store: store, queue: queue, count: count, log: log, maxSkew: cfg.MaxSkew, now: cfg.Now,
		seen: cfg.Seen}
	if cfg.Apps != nil {
		r.apps = appCrypters(cfg.Apps)
	}
	return r
}

// Params are the query parameters WeCom signs a callback with.
type Params struct {
	Signature, Timestamp, Nonce, EchoStr string
}
