package app

import (
	"context"
	"time"
)

// Guide task kinds: what created the task.
const (
	TaskFollowUp        = "follow_up"        // a pooled customer was given to this guide
	TaskTransferRefused = "transfer_refused" // the customer refused a hand-over
	TaskManual          = "manual"           // a manager or operator asked for it
	TaskJourneyStep     = "journey_step"     // a customer journey's step is due for this customer
	TaskSOPStep         = "sop_step"         // a group SOP's step is due in one of the guide's groups
	TaskMassSend        = "masssend"         // a mass-send task waits for the guide's confirmation
	TaskChurn           = "churn"            // a customer deleted the guide (流失提醒)
	TaskReward          = "reward"           // a gift to hand over to the customer in store (交付奖励)
)

// Guide task statuses.
const (
	TaskOpen      = "open"
	TaskDone      = "done"
	TaskCancelled = "cancelled"
)

// How a task was completed: the guide saying so, or Siyu (or a manager)
// having checked it happened. Reports show the two apart.
const (
	TaskSelfReported = "self_reported"
	TaskVerified     = "verified"
)

// GuideTask is something a guide should do about one customer (待办).
type GuideTask struct {
	ID             int64
	CorpID         int64
	UserID         string `gorm:"column:userid"`
	StoreID        *int64 // the guide's store when the task was given to them
	ExternalUserID string `gorm:"column:external_userid"` // "" for a group's task
	// ChatID is the customer group a group SOP's task is about, "" for a
	// customer's task.
	ChatID string `gorm:"column:chat_id"`
	// Content is what the guide sends, ready for the side panel's one-tap
	// send; "" when the task is only something to do.
	Content   string
	Kind      string
	Title     string
	Status    string
	DueAt     *time.Time
	Source    string // what created it, unique per corp with Kind
	DoneAt    *time.Time
	DoneBy    string // the actor who completed or cancelled it
	DoneHow   string // TaskSelfReported or TaskVerified, for done tasks
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Overdue reports whether the task is open past its due time at now.
func (t *GuideTask) Overdue(now time.Time) bool {
	return t.Status == TaskOpen && t.DueAt != nil && t.DueAt.Before(now)
}

// TaskKinds are every kind of task, for lists narrowed to one.
var TaskKinds = []string{TaskFollowUp, TaskTransferRefused, TaskManual, TaskJourneyStep, TaskSOPStep, TaskMassSend, TaskChurn, TaskReward}

// Task list orders.
const (
	TaskSortID  = ""    // creation order, paged by the id cursor
	TaskSortDue = "due" // overdue first, then the soonest due; paged by Offset
)

// TaskFilter selects a page of a corp's tasks; each set field narrows it.
type TaskFilter struct {
	Page
	UserID         string
	StoreID        int64
	Status         string
	Kind           string
	ExternalUserID string
	// Sort TaskSortDue puts overdue tasks first, then the other open
	// ones, then closed ones, each soonest due first (no due time last):
	// what a manager works through. It pages by Offset, and the next
	// value a list returns is the following page's offset.
	Sort   string
	Offset int
	// Now is when overdue is judged (the task service's clock if zero).
	Now time.Time
}

// TaskService keeps guide tasks: created by capabilities (assignment,
// transfers, later journeys and SOPs) and by people, given to a guide,
// moved with the customer, completed or cancelled.
type TaskService interface {
	CreateTask(ctx context.Context, t *GuideTask) (created bool, err error)
	FindTask(ctx context.Context, corpID, id int64, by Principal) (*GuideTask, error)
	ListTasks(ctx context.Context, corpID int64, by Principal, f TaskFilter) ([]GuideTask, int64, error)
	ReassignTask(ctx context.Context, corpID, id int64, by Principal, userID string, due *time.Time) (*GuideTask, error)
	CompleteTask(ctx context.Context, corpID, id int64, by Principal, verified bool) (*GuideTask, error)
	CancelTask(ctx context.Context, corpID, id int64, by Principal) (*GuideTask, error)
}
