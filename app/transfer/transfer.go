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
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/wecom"
)

// WeCom is what a transfer asks of a corp's WeCom.
type WeCom interface {
	TransferCustomers(ctx context.Context, req wecom.TransferRequest) ([]wecom.TransferItem, error)
	ResignedTransferCustomers(ctx context.Context, req wecom.TransferRequest) ([]wecom.TransferItem, error)
	TransferResults(ctx context.Context, handover, takeover, cursor string) ([]wecom.TransferResultItem, string, error)
	ResignedTransferResults(ctx context.Context, handover, takeover, cursor string) ([]wecom.TransferResultItem, string, error)
	TransferGroupChats(ctx context.Context, chatIDs []string, newOwner string) ([]wecom.FailedChat, error)
	OnJobTransferGroupChats(ctx context.Context, chatIDs []string, newOwner string) ([]wecom.FailedChat, error)
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Queue runs a transfer's next steps soon after it starts (the periodic
// follow-up does the same later if the queue lost it), and reads a
// customer WeCom moved, so the directory shows the takeover guide's new
// relation (WeCom sends no add event for it).
type Queue interface {
	EnqueueTransfer(ctx context.Context, corpID, id int64) error
	EnqueueCustomerRefresh(ctx context.Context, corpID int64, externalUserID, key string, at time.Time) error
}

// batchSize is the most customers (and groups) one WeCom call moves.
const batchSize = 100

// staleAfter is how long an item or group may stay "sent" (the call's
// outcome unknown: a crash between claim and record) before Siyu asks
// WeCom again or sends it anew.
const staleAfter = 10 * time.Minute

// Service implements app.TransferService and the follow-up.
type Service struct {
	db      *db.DB
	clients Clients
	queue   Queue
	log     *slog.Logger
	now     func() time.Time
}

var _ app.TransferService = (*Service)(nil)

// Option changes a Service.
type Option func(*Service)

// WithClock makes the service read the time from now (tests use the
// sandbox's clock, which they move on by hours).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// New returns a Service; queue may be nil (the periodic follow-up then
// sends new transfers within its period).
func New(d *db.DB, clients Clients, queue Queue, log *slog.Logger, opts ...Option) *Service {
	s := &Service{db: d, clients: clients, queue: queue, log: log, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Millisecond) }

// ContactClients is a registry of corps' WeCom clients (directory's
// CorpClients is one).
type ContactClients interface {
	ContactClient(ctx context.Context, corpID int64) (*wecom.Client, error)
}

// ClientsOf narrows a registry of WeCom clients to what transfers use.
func ClientsOf(r ContactClients) Clients { return registry{r} }

type registry struct{ r ContactClients }

func (g registry) Client(ctx context.Context, corpID int64) (WeCom, error) {
	return g.r.ContactClient(ctx, corpID)
}
