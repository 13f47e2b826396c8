// Package remind brings guides their tasks: reminders, one WeCom app
// message per guide listing the tasks Siyu gave them since the last one
// (journey and SOP steps, pooled follow-ups, refused transfers, mass sends
// to confirm, churn), linking to the side panel's task page; the churn
// task itself (流失提醒) when a customer deletes their guide; and the
// panel's task pages, where a guide sends a task's content in one tap and
// reports it done. WeCom silently drops a member's app messages beyond 30
// a minute or 1,000 an hour, so every message first takes a place in a
// per-member pace shared by every process; a guide over it waits for the
// next sweep, their tasks with them. remind is the only writer of
// reminder_batches and reminder_items; tasks stay app/todo's.
package remind

import (
	"context"
	"log/slog"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps the batches (app/db's RemindStore) and reads the tasks no
// batch lists yet.
type Store interface {
	UnremindedTasks(ctx context.Context, corpID int64, kinds []string, dueBefore time.Time, limit int) ([]app.GuideTask, error)
	CountUnreminded(ctx context.Context, corpID int64, kinds []string, dueBefore time.Time) (int64, error)
	ClaimBatch(ctx context.Context, b *app.ReminderBatch, taskIDs []int64) (bool, error)
	UnsentBatches(ctx context.Context, corpID int64, claimedBefore time.Time, limit int) ([]app.ReminderBatch, error)
	MarkBatch(ctx context.Context, corpID, id int64, status, msgID, cause string, sentAt *time.Time) error
	ListBatches(ctx context.Context, corpID int64, f app.ReminderFilter) ([]app.ReminderBatch, int64, error)
}

// Pace admits one app message to a member, or says the member had their
// share of the minute or hour (app/kv's Pace, in Redis).
type Pace interface {
	Take(ctx context.Context, corpID int64, userID string, now time.Time) (bool, error)
}

// Messenger sends app messages as a corp's self-built app.
type Messenger interface {
	SendAppMessage(ctx context.Context, m wecom.AppMessage) (*wecom.AppMessageResult, error)
}

// Messengers hands out a corp's app-message sender (its app client).
type Messengers interface {
	Messenger(ctx context.Context, corpID int64) (Messenger, error)
}

// Names reads customers' and groups' names (the directory's mirror).
type Names interface {
	CustomerNames(ctx context.Context, corpID int64, externalUserIDs []string) (map[string]string, error)
	GroupNames(ctx context.Context, corpID int64, chatIDs []string) (map[string]string, error)
}

// Corps reads a corp's WeCom id and time zone.
type Corps interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
}

// Tasks creates and completes guide tasks (app/todo).
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (bool, error)
	CompleteTask(ctx context.Context, corpID, id int64, by app.Principal, verified bool) (*app.GuideTask, error)
}

// TaskReads reads a guide's, a group's and a customer's open tasks for
// the panel.
type TaskReads interface {
	GuideOpenTasks(ctx context.Context, corpID int64, userID string, dueBefore time.Time) ([]app.GuideTask, error)
	ChatOpenTasks(ctx context.Context, corpID int64, chatID string) ([]app.GuideTask, error)
	CustomerOpenTasks(ctx context.Context, corpID int64, externalUserID string) ([]app.GuideTask, error)
	FindGuideTask(ctx context.Context, corpID, id int64) (*app.GuideTask, error)
}

// Deps are what the reminder capability is built from.
type Deps struct {
	Store      Store
	Reads      TaskReads
	Tasks      Tasks
	Pace       Pace
	Messengers Messengers
	Names      Names
	Corps      Corps
	// PanelURL is the side panel's public base URL when a message is
	// composed ("" sends reminders as plain text, without a link).
	PanelURL func() string
	// Now is the clock the pace and "today" are judged by (time.Now if nil).
	Now func() time.Time
	Log *slog.Logger
}

// Service is the reminder capability.
type Service struct{ Deps }

var _ app.Reminders = (*Service)(nil)

// New returns a Service on d.
func New(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.PanelURL == nil {
		d.PanelURL = func() string { return "" }
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}
}

// endOfToday is the start of tomorrow in the corp's zone: tasks due
// before it are today's.
func endOfToday(now time.Time, zone *time.Location) time.Time {
	l := now.In(zone)
	return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, zone).UTC()
}
