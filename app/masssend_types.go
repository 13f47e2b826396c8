package app

import "time"

// MassSend is one mass send (群发): its audience, content, schedule and
// counts. The ledger of chunks and the recipients hang off it.
type MassSend struct {
	ID           int64
	CorpID       int64
	Scope        int64
	Name         string
	ChatType     string
	AudienceKind string
	// SegmentID and SegmentVersion name the snapshot of a segment send.
	SegmentID      int64
	SegmentVersion int
	// TagGroups and Attachments are JSON.
	TagGroups string
	// GroupSelection is an AudienceGroups send's GroupSelection, JSON.
	GroupSelection string
	Text           string
	Attachments    string
	SendAt         time.Time
	HoldoutPercent int
	Status         string
	CreatedBy      string
	// Sender is the guide who sends a send made for one journey or group
	// SOP fire; empty, each customer's owner (or group's owner) does.
	Sender string
	// SourceKey is that fire's key (nil for a console send): unique per
	// corp, so acting on the fire again makes no second send.
	SourceKey *string
	// Counts written when the send is planned: customers targeted (in a
	// chunk), excluded (any reason, holdout included), held out, chunks.
	Targeted, Excluded, Holdout, Chunks int64
	PlannedAt                           *time.Time
	FinishedAt                          *time.Time
	CreatedAt                           time.Time
	UpdatedAt                           time.Time
}

// MassSendChunk is one ledger row: the customers of one guide's chunk and
// where its WeCom task stands. Fence grows with every claim, so a writer
// whose lease ran out cannot record over the one that took over.
type MassSendChunk struct {
	ID     int64
	CorpID int64
	SendID int64
	UserID string `gorm:"column:userid"`
	Chunk  int
	Size   int
	State  string
	MsgID  string `gorm:"column:msgid"`
	Fence  int64
	// FirstClaimedAt is the first claim's time: the window searched in
	// get_groupmsg_list_v2 when a claim's outcome is unknown.
	FirstClaimedAt *time.Time
	LeaseUntil     *time.Time
	// TaskID is the guide task that asks the guide to send it.
	TaskID *int64
	// Confirmed: WeCom reports the guide sent it.
	Confirmed bool
	Error     string
	SettledAt *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// MassSendRecipient is one targeted customer of a send: in one chunk of
// their guide, or excluded with a reason; Result is WeCom's outcome.
type MassSendRecipient struct {
	ID             int64
	CorpID         int64
	SendID         int64
	ExternalUserID string `gorm:"column:external_userid"`
	UserID         string `gorm:"column:userid"`
	Chunk          int
	Excluded       string
	Result         string
	ResultAt       *time.Time
}

// MassSendPreview is what planning a send would do now.
type MassSendPreview struct {
	// Targeted are the customers who would be in a chunk.
	Targeted int64
	// Excluded counts the customers left out, by reason (holdout too).
	Excluded map[string]int64
	Guides   []MassSendGuideCount
}

// MassSendGuideCount is one guide's share of a preview.
type MassSendGuideCount struct {
	UserID     string
	Recipients int64
	Chunks     int64
}

// MassSendGuideProgress is where one guide's part of a send stands.
type MassSendGuideProgress struct {
	UserID string
	// Chunks by state, and how many the guide confirmed (sent).
	Chunks    map[string]int64
	Confirmed int64
	// Recipients by result ("" pending).
	Results map[string]int64
}

// MassSendPlanOptions tune how a send is planned.
type MassSendPlanOptions struct {
	// ChunkSize is the most customers of one WeCom task (10,000, WeCom's
	// cap on external_userid).
	ChunkSize int
	// LimitCount is how many mass messages a customer may already have
	// in the period before they are excluded (0: no limit).
	LimitCount int
	// PeriodStart is the start (UTC) of the period the limit counts in.
	PeriodStart time.Time
	// Now stamps the recipients' planned_at.
	Now time.Time
}
