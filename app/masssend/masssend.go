// Package masssend plans, creates and follows mass sends (群发). A send's
// audience (a segment snapshot, a tag filter or an uploaded list) is
// planned inside the database: each customer gets their owner as sender
// guide and a chunk of at most 10,000, or an exclusion reason (no owner,
// not a friend, over the receive limit, holdout). Each (guide, chunk) is a
// row of a crash-proof ledger that becomes exactly one WeCom task through
// add_msg_template, reconciled against get_groupmsg_list_v2 when a claim's
// outcome is unknown; the guide gets a task to send it, and the follow-up
// polls WeCom until every chunk settles, recording each delivered message
// as one touch. See the README's 群发 section for the ledger's design.
package masssend

import (
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Options tune planning and the ledger; zero fields take the defaults.
type Options struct {
	// ChunkSize is the most customers per WeCom task (10,000).
	ChunkSize int
	// Limit is the per-customer receive limit planned by (4 a month).
	Limit app.MassSendLimit
	// Lease is how long a claim on a chunk lasts: the add_msg_template
	// call must end within it (2 minutes).
	Lease time.Duration
	// Grace is waited after a lease ran out before WeCom is asked
	// whether the call landed, so an answer still in flight when the
	// holder died has been applied (30 seconds).
	Grace time.Duration
	// Workers is how many guides' chunks are created at once (4).
	Workers int
}

func (o Options) withDefaults() Options {
	if o.ChunkSize <= 0 {
		o.ChunkSize = 10000
	}
	if o.Limit.Count == 0 && o.Limit.Period == "" {
		o.Limit = app.MassSendLimit{Count: 4, Period: "month"}
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Grace <= 0 {
		o.Grace = 30 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 4
	}
	return o
}

// Deps are what the capability is built from; Queue may be nil (the
// periodic follow-up starts sends within its period).
type Deps struct {
	Tx      app.Transactor
	Store   Store
	Corps   Corps
	Tasks   Tasks
	Touches Touches
	Clients Clients
	Queue   Queue
	// Media resolves attachments' materials to media ids; nil refuses
	// attachments naming a material.
	Media Media
	// Audit, when set, records what people do to sends.
	Audit   Auditor
	Log     *slog.Logger
	Options Options
	// Now is the clock sends are timed by (time.Now if nil).
	Now func() time.Time
}

// Service implements app.MassSendService and the ledger's advance.
type Service struct{ Deps }

var _ app.MassSendService = (*Service)(nil)

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	d.Options = d.Options.withDefaults()
	return &Service{Deps: d}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// system is who closes and cancels guide tasks for the ledger.
func system(corpID int64) app.Principal {
	return app.Principal{CorpID: corpID, Role: app.RoleAdmin, Actor: "system:masssend", Name: "群发"}
}
