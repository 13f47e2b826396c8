// Package transfer hands a leaving or moving guide's customers and groups
// to other guides (在职继承 / 离职继承). A store manager or admin starts a
// transfer; Siyu records one item per customer the guide follows, sends
// them to WeCom in batches of 100 per takeover guide (respecting WeCom's 2
// on-job transfers per customer in 90 days before calling), then follows
// transfer_result until every item settles. An accepted customer's owner
// moves to the takeover guide under the corp's assignment lock, with a
// history row; a refusal is flagged and becomes a follow-up task for the
// store manager. The guide's groups are handed over at once and their
// open tasks go with each customer.
package transfer

import (
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// batchSize is the most customers (and groups) one WeCom call moves.
const batchSize = 100

// staleAfter is how long an item or group may stay "sent" (the call's
// outcome unknown: a crash between claim and record) before Siyu asks
// WeCom again or sends it anew.
const staleAfter = 10 * time.Minute

// Deps are what the transfer capability is built from; Queue may be nil
// (the periodic follow-up then sends new transfers within its period).
type Deps struct {
	Tx        app.Transactor
	Store     Store
	Owners    Owners
	Tasks     Tasks
	Org       Org
	Directory Directory
	Audit     Auditor
	Clients   Clients
	Queue     Queue
	Log       *slog.Logger
	// Now is the clock transfers are timed by (time.Now if nil; tests use
	// the sandbox's, which they move on by hours).
	Now func() time.Time
}

// Service implements app.TransferService and the follow-up.
type Service struct{ Deps }

var _ app.TransferService = (*Service)(nil)

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	return &Service{Deps: d}
}

func (s *Service) clock() time.Time { return s.Now().UTC().Truncate(time.Millisecond) }
