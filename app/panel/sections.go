package panel

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Sections are the readers of the page parts other capabilities own. Each
// is optional: a nil one leaves its section in its empty state.
type Sections struct {
	Owner       OwnerReader
	Assignments AssignmentReader
	Tasks       TaskReader
	Member      MemberReader
	Orders      OrderReader
}

// OwnerReader gives a customer's owner guide and home store (归属导购/门店);
// nil and no error when the customer has none yet.
type OwnerReader interface {
	CustomerOwner(ctx context.Context, corpID int64, externalUserID string) (*Owner, error)
}

// AssignmentReader gives a customer's assignment history, newest first.
type AssignmentReader interface {
	AssignmentHistory(ctx context.Context, corpID int64, externalUserID string, limit int) ([]Assignment, error)
}

// TaskReader gives the viewer's open tasks for the customer.
type TaskReader interface {
	OpenTasks(ctx context.Context, v app.PanelViewer, externalUserID string) ([]Task, error)
}

// MemberReader gives the brand's member record linked to the customer,
// in the viewer's brand scope (the scope of their store: a brand that
// keeps its customers apart keeps its members apart too); nil and no
// error when none is linked.
type MemberReader interface {
	MemberSummary(ctx context.Context, v app.PanelViewer, externalUserID string) (*Member, error)
}

// OrderReader gives the order summary of the customer's member, in the
// viewer's brand scope; nil and no error when there are no orders.
type OrderReader interface {
	OrderSummary(ctx context.Context, v app.PanelViewer, externalUserID string) (*Orders, error)
}

// Owner is the customer's owner guide and home store.
type Owner struct {
	GuideUserID string
	GuideName   string
	StoreCode   string
	StoreName   string
	Since       *time.Time // when the current owner was assigned
}

// Assignment is one owner change, as the audit records it.
type Assignment struct {
	At        time.Time
	FromGuide string // "" for the first assignment
	ToGuide   string
	StoreName string
	Rule      string // the rule that decided, e.g. "channel_user", "sticky"
	RuleName  string // the rule in Chinese, for the page
	Reason    string
	Actor     string // who acted, as recorded ("system:assign", "user:7")
	ActorName string // who acted, in Chinese, for the page
}

// Task is an open task of the guide for the customer.
type Task struct {
	Title string
	Kind  string // e.g. "follow_up", "sop", "journey"
	Due   *time.Time
}

// Member is the brand's member record (会员): the surviving record when
// several were merged.
type Member struct {
	MemberNo    string
	Level       string // the tier (等级)
	Points      int64
	PhoneMasked string     // masked for the guide's role, never in full
	Since       *time.Time // when the first of its records reached Siyu
	// RFMClass and Stage name the member's RFM class and lifecycle stage
	// in Chinese as last computed; RFMClass is "" for a member who has not
	// bought, both are "" before the first computation.
	RFMClass string
	Stage    string
}

// Orders summarises the member's sales; money in integer cents.
type Orders struct {
	Count         int   // sales
	TotalCents    int64 // lifetime value: paid minus refunded
	PaidCents     int64
	RefundedCents int64 // ≥ 0: what was refunded of them
	LastAt        *time.Time
	Recent        []Order // newest first, a few
}

// Order is one sale of the summary.
type Order struct {
	No            string
	At            time.Time
	AmountCents   int64
	RefundedCents int64  // ≥ 0: what was refunded of it
	StoreName     string // the store's name, or the source's for a sale made online
}

// assignmentLimit is how much history the page shows.
const assignmentLimit = 20

// fill reads every section that has a reader. One failing section fails
// the page: showing "none" for data that exists but could not be read
// would mislead the guide.
func (s Sections) fill(ctx context.Context, v app.PanelViewer, ext string, p *CustomerPage) error {
	var err error
	if s.Owner != nil {
		if p.Owner, err = s.Owner.CustomerOwner(ctx, v.CorpID, ext); err != nil {
			return err
		}
	}
	if s.Assignments != nil {
		if p.Assignments, err = s.Assignments.AssignmentHistory(ctx, v.CorpID, ext, assignmentLimit); err != nil {
			return err
		}
	}
	if s.Tasks != nil {
		if p.Tasks, err = s.Tasks.OpenTasks(ctx, v, ext); err != nil {
			return err
		}
	}
	if s.Member != nil {
		if p.Member, err = s.Member.MemberSummary(ctx, v, ext); err != nil {
			return err
		}
	}
	if s.Orders != nil {
		p.Orders, err = s.Orders.OrderSummary(ctx, v, ext)
	}
	return err
}
