package app

import (
	"context"
	"time"
)

// ReminderBatch is one app message (message/send) to one guide listing
// their new open tasks, linking to the side panel's task page (提醒记录).
// Its key is unique per corp and guide, so however many sweepers run at
// once a batch is claimed, and its tasks listed, once; a task is listed in
// one batch only.
type ReminderBatch struct {
	ID     int64
	CorpID int64
	UserID string `gorm:"column:userid"`
	// BatchKey names the batch among the guide's: the first task it lists.
	BatchKey string
	// Items is how many tasks it lists.
	Items  int
	Status string
	// Title, Body and URL are the message as sent (a textcard), kept so a
	// batch sent again after a crash sends the same request, which WeCom's
	// duplicate check then delivers once.
	Title    string
	Body     string
	URL      string `gorm:"column:url"`
	MsgID    string `gorm:"column:msgid"`
	Error    string
	Attempts int
	// CreatedAt is when it was claimed, SentAt when WeCom took it.
	CreatedAt time.Time
	SentAt    *time.Time
}

// Reminder batch states: claimed (its tasks are listed in it, the message
// not yet taken by WeCom), sent, or failed for good (the guide cannot
// receive app messages).
const (
	ReminderClaimed = "claimed"
	ReminderSent    = "sent"
	ReminderFailed  = "failed"
)

// RemindKinds are the task kinds that reach guides as reminders: the work
// Siyu gives them. Tasks people give (manual) are told in person.
var RemindKinds = []string{TaskJourneyStep, TaskSOPStep, TaskFollowUp, TaskTransferRefused, TaskMassSend, TaskChurn, TaskReward}

// ReminderFilter selects a page of a corp's reminder batches, newest
// first; UserID narrows them to one guide.
type ReminderFilter struct {
	Page
	// Offset skips that many batches (the console pages by number).
	Offset int
	UserID string
}

// ReminderPage is a page of batches with how many tasks still wait for
// one.
type ReminderPage struct {
	Batches []ReminderBatch
	Next    int64
	// Waiting counts the open tasks of RemindKinds due by today that no
	// batch lists yet (the limiter or the next sweep will take them).
	Waiting int64
}

// Reminders is the reminder capability as pages read it.
type Reminders interface {
	ListReminders(ctx context.Context, corpID int64, f ReminderFilter) (*ReminderPage, error)
}
