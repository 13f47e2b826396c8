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

// MemberReader gives the brand's member record linked to the customer; nil
// and no error when none is linked.
type MemberReader interface {
	MemberSummary(ctx context.Context, corpID int64, externalUserID string) (*Member, error)
}

// OrderReader gives the customer's order summary; nil and no error when
// there are no orders.
type OrderReader interface {
	OrderSummary(ctx context.Context, corpID int64, externalUserID string) (*Orders, error)
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

// Member is the brand's member record (会员).
type Member struct {
	MemberNo    string
	Level       string
	Points      int64
	PhoneMasked string // masked for the guide's role, never in full
	Since       *time.Time
}

// Orders summarises the customer's orders; money in integer cents.
type Orders struct {
	Count      int
	TotalCents int64
	LastAt     *time.Time
	Recent     []Order // newest first, a few
}

// Order is one order line of the summary.
type Order struct {
	No          string
	At          time.Time
	AmountCents int64
	StoreName   string
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
		if p.Member, err = s.Member.MemberSummary(ctx, v.CorpID, ext); err != nil {
			return err
		}
	}
	if s.Orders != nil {
		p.Orders, err = s.Orders.OrderSummary(ctx, v.CorpID, ext)
	}
	return err
}
