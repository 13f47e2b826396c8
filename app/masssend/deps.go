package masssend

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Store keeps sends, recipients and the ledger (app/db's MassSendStore);
// masssend is their only writer.
type Store interface {
	CreateMassSend(ctx context.Context, ms *app.MassSend, uploads []string) error
	CreateSourcedMassSend(ctx context.Context, ms *app.MassSend, target string) (bool, error)
	FindMassSend(ctx context.Context, corpID, id int64) (*app.MassSend, error)
	ListMassSends(ctx context.Context, corpID int64, f app.MassSendFilter) ([]app.MassSend, int64, error)
	SetMassSendStatus(ctx context.Context, corpID, id int64, from []string, to string, now time.Time) (bool, error)
	ActiveMassSends(ctx context.Context, now time.Time) ([]app.MassSend, error)
	PlanMassSend(ctx context.Context, ms *app.MassSend, o app.MassSendPlanOptions) (bool, error)
	PreviewMassSend(ctx context.Context, ms *app.MassSend, o app.MassSendPlanOptions) (*app.MassSendPreview, error)
	Ledger
	Results
}

// Ledger is the chunk ledger.
type Ledger interface {
	LaneHeads(ctx context.Context, corpID, sendID int64) ([]app.MassSendChunk, error)
	ClaimChunk(ctx context.Context, c *app.MassSendChunk, now, leaseUntil time.Time) (int64, error)
	ChunkRecipients(ctx context.Context, c *app.MassSendChunk) ([]string, error)
	RecordCreated(ctx context.Context, c *app.MassSendChunk, fence int64, msgID string, failed []string, now time.Time) (bool, error)
	FailChunk(ctx context.Context, c *app.MassSendChunk, fence int64, state, reason string, now time.Time) error
	PendingRecipients(ctx context.Context, c *app.MassSendChunk) ([]string, error)
	KnownMsgIDs(ctx context.Context, corpID int64, ids []string) (map[string]bool, error)
	ChunksIn(ctx context.Context, corpID, sendID int64, states ...string) ([]app.MassSendChunk, error)
	SetChunkTask(ctx context.Context, c *app.MassSendChunk, taskID int64) error
	CloseChunk(ctx context.Context, c *app.MassSendChunk, state string, confirmed bool, pending string, now time.Time) (bool, error)
	CancelPlanned(ctx context.Context, corpID, sendID int64, now time.Time) error
}

// Results are the recipients' outcomes and the reminders.
type Results interface {
	SetResults(ctx context.Context, c *app.MassSendChunk, exts []string, result string, now time.Time) error
	MassSendProgress(ctx context.Context, corpID, sendID int64) ([]app.MassSendGuideProgress, error)
	ListRecipients(ctx context.Context, corpID, sendID int64, f app.MassSendResultFilter) ([]app.MassSendRecipient, int64, error)
	RemindersSince(ctx context.Context, corpID, sendID int64, t time.Time) (int64, error)
	AddReminder(ctx context.Context, corpID, sendID int64, t time.Time) error
}

// Corps gives a corp's time zone, for scheduled times and the limit's
// period.
type Corps interface {
	CorpZone(ctx context.Context, corpID int64) (string, error)
}

// Tasks gives guides their send tasks and closes them (app/todo).
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (bool, error)
	CompleteTask(ctx context.Context, corpID, id int64, by app.Principal, verified bool) (*app.GuideTask, error)
	CancelTask(ctx context.Context, corpID, id int64, by app.Principal) (*app.GuideTask, error)
}

// Touches records delivered messages in the touch ledger (app/touch).
type Touches interface {
	Record(ctx context.Context, ts ...app.Touch) error
}

// WeCom is what a send asks of a corp's WeCom.
type WeCom interface {
	AddMsgTemplate(ctx context.Context, req wecom.MsgTemplateRequest) (string, []string, error)
	GroupMsgs(ctx context.Context, req wecom.GroupMsgListRequest) ([]*wecom.GroupMsg, string, error)
	GroupMsgTasks(ctx context.Context, msgID, cursor string, limit int) ([]*wecom.GroupMsgTask, string, error)
	GroupMsgSendResults(ctx context.Context, msgID, userID, cursor string, limit int) ([]*wecom.GroupMsgSend, string, error)
	RemindGroupMsg(ctx context.Context, msgID string) error
	CancelGroupMsg(ctx context.Context, msgID string) error
}

// Clients gives the WeCom client of a corp.
type Clients interface {
	Client(ctx context.Context, corpID int64) (WeCom, error)
}

// Queue advances a send soon after it is created (the periodic follow-up
// does the same later if the queue lost it).
type Queue interface {
	EnqueueMassSend(ctx context.Context, corpID, id int64, at time.Time) error
}
