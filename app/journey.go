package app

import (
	"context"
	"strconv"
	"time"
)

// Journey statuses: a paused journey fires nothing.
const (
	JourneyActive = "active"
	JourneyPaused = "paused"
)

// Journey triggers: what starts an occurrence of a journey for a customer.
// Each names an anchor date in the corp's time zone that a step's Days
// count from.
const (
	TriggerAdded      = "added"        // the day a guide added the customer (follows.add_time)
	TriggerBirthday   = "birthday"     // the member's birthday, each year
	TriggerHoliday    = "holiday"      // a holiday of the corp's calendar, each year
	TriggerMemberDay  = "member_day"   // a day of each month (会员日)
	TriggerStage      = "stage_change" // the member's lifecycle stage became To
	TriggerRFMClass   = "rfm_change"   // the member's RFM class became To
	TriggerFirstOrder = "first_order"  // the member's first sale
	TriggerLastOrder  = "last_order"   // a sale still the member's last when the step is due
	TriggerRefund     = "refund"       // a refund
)

// DefaultCatchUpHour is how many hours late a step still fires when the
// journey does not say: a day, so an outage or a pause of a few hours
// loses nothing, while a long pause does not fire last week's steps.
const DefaultCatchUpHour = 24

// Re-entry policies: may a customer go through a journey again?
const (
	ReentryOnce       = "once"       // once per customer, whatever happens again
	ReentryOccurrence = "occurrence" // once per occurrence (each birthday, each order…)
)

// Journey step actions.
const (
	ActionTask      = "task"       // a guide task for the owner guide, with content to send
	ActionTagAdd    = "tag_add"    // mark a corp tag on the owner's relation (mark_tag)
	ActionTagRemove = "tag_remove" // remove a corp tag from the owner's relation
	ActionMassSend  = "masssend"   // a single-customer mass-send task (MassSender)
)

// Fire statuses: a fire is recorded before its action runs. A holdout
// fire is recorded for a customer the journey holds out, and never acted
// on: it tells the uplift who was held out and when.
const (
	FirePending = "pending"
	FireDone    = "done"
	FireFailed  = "failed"
	FireHoldout = "holdout"
)

// MaxHoldoutPercent is the largest share of customers a journey (or a
// mass send) may hold out.
const MaxHoldoutPercent = 50

// JourneyTrigger is what starts a journey; only the fields of its Kind
// are set.
type JourneyTrigger struct {
	Kind       string `json:"kind"`
	Holiday    string `json:"holiday,omitempty"`      // a calendar code, for TriggerHoliday
	DayOfMonth int    `json:"day_of_month,omitempty"` // 1–28, for TriggerMemberDay
	To         string `json:"to,omitempty"`           // the stage or class moved to
}

// JourneyStep is one action at a time relative to the trigger's anchor
// date: Days after it (negative: before) at At (HH:MM) in the corp's zone.
// ID is stable across edits: the fire ledger keys on it.
type JourneyStep struct {
	ID      int    `json:"id"`
	Days    int    `json:"days"`
	At      string `json:"at"`
	Action  string `json:"action"`
	Content string `json:"content,omitempty"`
	TagID   string `json:"tag_id,omitempty"`
	// Since is when the step was added: it never fires for a time before
	// (a new step, or a new journey, does not fire the past).
	Since time.Time `json:"since"`
}

// JourneyAudience narrows who a journey reaches: customers in a segment's
// latest snapshot, and/or carrying one of the tags; empty reaches all.
type JourneyAudience struct {
	SegmentID int64    `json:"segment_id,omitempty"`
	TagIDs    []string `json:"tag_ids,omitempty"`
}

// Journey is a customer journey (客户SOP / 节日关怀).
type Journey struct {
	ID      int64
	CorpID  int64
	Name    string
	Status  string
	Trigger JourneyTrigger `gorm:"serializer:json;column:trigger"`
	Reentry string
	// Audience and Steps are kept as JSON.
	Audience   JourneyAudience `gorm:"serializer:json"`
	Steps      []JourneyStep   `gorm:"serializer:json"`
	NextStepID int
	// CatchUpHours is how late a step still fires: after a pause or an
	// outage, steps due longer ago than this are not fired.
	CatchUpHours int
	// HoldoutPercent is the share of customers (0–50) held out of the
	// journey, chosen by a hash of (journey, customer): their fires are
	// recorded with FireHoldout and nothing is done.
	HoldoutPercent int
	CreatedBy      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Step returns the step of id, nil when there is none.
func (j *Journey) Step(id int) *JourneyStep {
	for i := range j.Steps {
		if j.Steps[i].ID == id {
			return &j.Steps[i]
		}
	}
	return nil
}

// JourneyFire is one (journey, step, customer, occurrence) fired, with its
// action's result.
type JourneyFire struct {
	ID             int64
	CorpID         int64
	JourneyID      int64
	StepID         int
	ExternalUserID string `gorm:"column:external_userid"`
	Occurrence     string
	UserID         string `gorm:"column:userid"` // the owner guide when fired
	DueAt          time.Time
	Status         string
	Attempts       int
	Result         string
	CreatedAt      time.Time
	DoneAt         *time.Time
}

// Key is the fire's idempotency key, the Source of its guide task and
// the key of its mass send.
func (f *JourneyFire) Key() string {
	return fmtKey(f.JourneyID, f.StepID, f.ExternalUserID, f.Occurrence)
}

// Holiday is a date of a corp's holiday calendar (节日日历).
type Holiday struct {
	CorpID    int64
	Code      string // stable, e.g. spring_festival
	Year      int
	Name      string
	Date      string // YYYY-MM-DD
	UpdatedAt time.Time
}

// MassSender sends one customer a mass-send task (add_msg_template) from
// a guide, named name in the console, key making a repeat a no-op. The
// mass-send capability implements it; without it journeys cannot use
// ActionMassSend.
type MassSender interface {
	SendToCustomer(ctx context.Context, corpID int64, userID, externalUserID, name, content, key string) error
}

// fmtKey joins a fire's key parts.
func fmtKey(journeyID int64, stepID int, externalUserID, occurrence string) string {
	return "journey:" + strconv.FormatInt(journeyID, 10) + ":" + strconv.Itoa(stepID) + ":" + externalUserID + ":" + occurrence
}

// JourneyDue is one step of a journey due at DueAt for the occurrences
// anchored on one date: Anchor is that date's midnight in the corp's zone.
// The store turns it into one INSERT … SELECT of fires.
type JourneyDue struct {
	Journey *Journey
	StepID  int
	Anchor  time.Time
	DueAt   time.Time
	Now     time.Time
}
