package app

import (
	"context"
	"time"
)

// Mass-send statuses. A send is a draft until started, scheduled until
// its time, sending while its chunks are being created in WeCom, tracking
// while guides confirm them, then done; or cancelled.
const (
	MassSendDraft     = "draft"
	MassSendScheduled = "scheduled"
	MassSendSending   = "sending"
	MassSendTracking  = "tracking"
	MassSendDone      = "done"
	MassSendCancelled = "cancelled"
)

// Audience kinds: where a send's customers come from.
const (
	AudienceSegment = "segment" // one materialized version of a segment
	AudienceTags    = "tags"    // customers whose follows carry the tags
	AudienceList    = "list"    // an uploaded list of external_userids
	// AudienceGroups (group sends only): the live groups a GroupSelection
	// picks when the send is planned.
	AudienceGroups = "groups"
)

// Chunk states of the ledger, one row per (send, guide, chunk): planned,
// creating while add_msg_template is under way (a lease and a fence
// guard it), created once WeCom's msgid is recorded, then settled when the
// guide sent it, failed when WeCom refused it, or cancelled.
const (
	ChunkPlanned   = "planned"
	ChunkCreating  = "creating"
	ChunkCreated   = "created"
	ChunkSettled   = "settled"
	ChunkFailed    = "failed"
	ChunkCancelled = "cancelled"
)

// Reasons a targeted customer is left out before sending.
const (
	ExcludeNoOwner   = "no_owner"   // no guide owns them in the send's scope
	ExcludeNotFriend = "not_friend" // their owner no longer follows them
	ExcludeOverLimit = "over_limit" // they already got the period's mass messages
	ExcludeHoldout   = "holdout"    // kept unsent on purpose, to measure uplift
	ExcludeDismissed = "dismissed"  // a group send's group was dismissed
)

// ExcludeReasons lists every exclusion reason. The first that applies is
// the one recorded: for customers no owner, not a friend, over the limit,
// holdout; for groups dismissed, no owner, over the limit, holdout.
var ExcludeReasons = []string{ExcludeNoOwner, ExcludeNotFriend, ExcludeDismissed, ExcludeOverLimit, ExcludeHoldout}

// Chat types: a send to customers, or to customer groups through their
// owners (WeCom takes at most MassSendMaxGroups groups a task).
const (
	ChatSingle        = "single"
	ChatGroup         = "group"
	MassSendMaxGroups = 2000
)

// Per-customer results of a sent chunk, as WeCom reports them. Pending
// is the empty string.
const (
	ResultSent        = "sent"         // status 1
	ResultNotFriend   = "not_friend"   // status 2
	ResultOverLimit   = "over_limit"   // status 3: WeCom's receive limit
	ResultNotIncluded = "not_included" // in fail_list, or absent from the task
	ResultCancelled   = "cancelled"    // the send was cancelled before the guide sent it
)

// MassSendMaxAttachments is WeCom's cap on attachments per message.
const MassSendMaxAttachments = 9

// MassSendLimit is the per-customer receive limit Siyu plans by: at most
// Count mass messages per Period ("day", "week" from Monday, or "month")
// in the corp's zone. WeCom's own limit changed over the years (4 a month,
// then the days of the month, or 7 a week or 1 a day as the admin sets
// it), so it is configured, not built in.
type MassSendLimit struct {
	Count  int
	Period string
}

// MassSendAttachment is one attachment in WeCom's own shape
// (msgtype and the object of that name), stored as JSON with the send.
type MassSendAttachment struct {
	MsgType     string               `json:"msgtype"`
	Image       *MassSendMedia       `json:"image,omitempty"`
	Link        *MassSendLink        `json:"link,omitempty"`
	MiniProgram *MassSendMiniProgram `json:"miniprogram,omitempty"`
	Video       *MassSendMedia       `json:"video,omitempty"`
	File        *MassSendMedia       `json:"file,omitempty"`
}

// MassSendMedia is an uploaded image, video or file (media_id), a kept
// material (material_id, uploaded again whenever WeCom would have let its
// media_id lapse), or an image by URL.
type MassSendMedia struct {
	MediaID    string `json:"media_id,omitempty"`
	MaterialID int64  `json:"material_id,omitempty"`
	PicURL     string `json:"pic_url,omitempty"`
}

// MassSendLink is a link card.
type MassSendLink struct {
	Title  string `json:"title"`
	PicURL string `json:"picurl,omitempty"`
	Desc   string `json:"desc,omitempty"`
	URL    string `json:"url"`
}

// MassSendMiniProgram is a mini-program card; its cover is an uploaded
// image (pic_media_id) or a kept material (pic_material_id).
type MassSendMiniProgram struct {
	Title         string `json:"title"`
	PicMediaID    string `json:"pic_media_id"`
	PicMaterialID int64  `json:"pic_material_id,omitempty"`
	AppID         string `json:"appid"`
	Page          string `json:"page"`
}

// MassSendService plans, sends and follows mass sends (群发). The JSON API
// and the console call it; every method is scoped by corp.
type MassSendService interface {
	// Create saves a send (a draft when in.Draft, else scheduled for
	// in.SendAt or now), checking every field at once.
	Create(ctx context.Context, corpID int64, in MassSendInput) (*MassSend, error)
	// Start schedules a draft, after its preview was looked at.
	Start(ctx context.Context, corpID, id int64) (*MassSend, error)
	// Preview computes what planning would do now, writing nothing.
	Preview(ctx context.Context, corpID, id int64) (*MassSendPreview, error)
	Get(ctx context.Context, corpID, id int64) (*MassSend, error)
	List(ctx context.Context, corpID int64, f MassSendFilter) ([]MassSend, int64, error)
	// Progress is the send's state per guide.
	Progress(ctx context.Context, corpID, id int64) ([]MassSendGuideProgress, error)
	// Results pages through the send's customers with their outcome.
	Results(ctx context.Context, corpID, id int64, f MassSendResultFilter) ([]MassSendRecipient, int64, error)
	// Remind asks WeCom to remind the guides who have not sent yet; at
	// most 3 times in 24 hours per send.
	Remind(ctx context.Context, corpID, id int64) error
	// Cancel stops the send: nothing further is created, and tasks the
	// guides have not sent are cancelled in WeCom.
	Cancel(ctx context.Context, corpID, id int64) (*MassSend, error)
}

// MassSendInput is what an operator asks for.
type MassSendInput struct {
	Name  string
	Scope int64 // the brand scope whose owners send (0: the corp's shared one)
	// ChatType is ChatSingle (the default) or ChatGroup: a group send's
	// audience is an uploaded list of chat_ids, each sent by its owner.
	ChatType string
	Audience MassSendAudience
	Text     string
	// Attachments are at most MassSendMaxAttachments.
	Attachments []MassSendAttachment
	// SendAt is when to send (UTC; the console reads it in the corp's
	// zone); nil sends now.
	SendAt         *time.Time
	HoldoutPercent int
	Draft          bool
}

// MassSendAudience chooses the customers.
type MassSendAudience struct {
	Kind           string
	SegmentID      int64
	SegmentVersion int
	// TagGroups: a customer matches when, for every group, one of its
	// follows carries one of the group's tags (WeCom's tag_filter).
	TagGroups [][]string
	// ExternalUserIDs is the uploaded list: customers, or for a group
	// send the groups' chat_ids.
	ExternalUserIDs []string
	// Groups picks a group send's groups (owners, stores, tags, name), for
	// AudienceGroups.
	Groups GroupSelection
}

// MassSendFilter selects a page of a corp's sends, newest first.
type MassSendFilter struct {
	Page
	Status string
}

// MassSendResultFilter selects a page of a send's customers by id.
type MassSendResultFilter struct {
	Page
	UserID   string
	Excluded string // one reason, or "" for any
	Result   string
	// Targeted keeps only the customers not excluded.
	Targeted bool
}
