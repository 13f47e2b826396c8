package transfer

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps transfers, their items and groups (app/db's
// TransferStore); transfer is their only writer.
type Store interface {
	CreateTransfer(ctx context.Context, t *app.Transfer, items []app.TransferItem, groups []app.TransferGroup) error
	FindTransfer(ctx context.Context, corpID, id int64) (*app.Transfer, error)
	ListTransfers(ctx context.Context, corpID, storeID int64, p app.Page) ([]app.Transfer, int64, error)
	SearchTransfers(ctx context.Context, q app.TransferQuery, scope int64) ([]app.Transfer, bool, error)
	RunningTransferOf(ctx context.Context, corpID int64, userID string) (*app.Transfer, error)
	RunningTransfers(ctx context.Context, corpID int64) ([]app.Transfer, error)
	TouchTransfer(ctx context.Context, corpID, id int64) error
	FinishTransfer(ctx context.Context, corpID, id int64, at time.Time) (bool, error)
	Items
	Groups
}

// Items are a transfer's customers.
type Items interface {
	ListItems(ctx context.Context, corpID, transferID int64, f app.TransferFilter) ([]app.TransferItem, int64, error)
	ItemsIn(ctx context.Context, corpID, transferID int64, states ...string) ([]app.TransferItem, error)
	NextBatch(ctx context.Context, corpID, transferID int64, limit int) ([]app.TransferItem, int, error)
	MoveItems(ctx context.Context, corpID int64, ids []int64, states []string, state string, set map[string]any) (int64, error)
	OpenItemFor(ctx context.Context, corpID int64, takeover, externalUserID string) (*app.TransferItem, error)
	RecentTransfers(ctx context.Context, corpID int64, externalUserIDs []string, since time.Time) (map[string]int, error)
}

// Groups are a transfer's group chats.
type Groups interface {
	GroupsIn(ctx context.Context, corpID, transferID int64, states ...string) ([]app.TransferGroup, error)
	MoveGroups(ctx context.Context, corpID int64, ids []int64, states []string, state string, set map[string]any) (int64, error)
}

// Owners is what transfers ask of assignment, which owns owners and their
// history: the corp's decision lock, and moving an owner.
type Owners interface {
	LockCorp(ctx context.Context, corpID int64) error
	MoveOwner(ctx context.Context, m app.OwnerMove) error
}

// Tasks gives guides tasks and moves them with a customer (app/todo).
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (bool, error)
	MoveOpenTasks(ctx context.Context, corpID int64, fromUserID, externalUserID, toUserID string) (int64, error)
}

// Org reads guide bindings and a caller's store (app/org).
type Org interface {
	FindGuideByUserID(ctx context.Context, corpID int64, userID string) (*app.Guide, error)
	ListGuides(ctx context.Context, corpID int64, f app.GuideFilter) ([]app.Guide, int64, error)
	StoreOf(ctx context.Context, corpID int64, by app.Principal) (int64, error)
}

// Directory reads who follows whom and who owns which group (the
// directory's mirror).
type Directory interface {
	FollowedBy(ctx context.Context, corpID int64, userID string) ([]string, error)
	GroupsOwnedBy(ctx context.Context, corpID int64, userID string) ([]string, error)
	GroupOwner(ctx context.Context, corpID int64, chatID string) (string, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

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
