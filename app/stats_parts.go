package app

import "time"

// StatPart is one fine-grained piece of a day's figures as a ledger gives
// it: the figures one query counted for a guide, a store and a channel.
// app/stats rolls the parts up into the rows of every dimension.
type StatPart struct {
	UserID  string // the guide ("" none)
	StoreID int64  // the figure's store (0 none); see GuideStore
	// GuideStore says the figure's store is the guide's binding, which
	// the roll-up looks up (welcomes, tasks, mass sends, SOPs, WeCom's
	// chat figures, customers): StoreID is then not read.
	GuideStore bool
	ChannelID  int64 // the channel (0 none)
	// ChannelOnly parts count in channel rows only: the order amounts of
	// the customers a channel brought (a channel's orders are its
	// customers' orders, not credits).
	ChannelOnly bool
	// OrderID, when set, makes Orders count distinct orders: credits come
	// as one part per order, guide and store, so an order credited to
	// two guides of a store is one order of the store.
	OrderID int64
	Figures
}

// ContactEnd is a relation WeCom said ended, kept once per event.
// StoreID is the store of the guide's binding when the event was applied.
type ContactEnd struct {
	CorpID         int64
	EventKey       string
	UserID         string
	ExternalUserID string
	StoreID        int64
	EndedBy        string // EndedByCustomer or EndedByGuide
	At             time.Time
}

// StatsDay is when one day of a corp's aggregates was last computed, how
// long it took and how many rows it wrote.
type StatsDay struct {
	CorpID     int64
	Day        string
	ComputedAt time.Time
	DurationMS int64
	RowCount   int64
}

// StatsRun is a recompute the schedule queues for one corp: the days to
// compute (yyyy-mm-dd, in the corp's zone). Night is the corp's local
// date of a nightly run, one per corp and night; "" for the recent days
// every tick recomputes.
type StatsRun struct {
	CorpID int64
	Days   []string
	Night  string
}

// StatsSpan is one day of a corp as instants: [From, To) in UTC are the
// day's local midnights, Now the computing time (a task due before it
// and not done is overdue).
type StatsSpan struct {
	CorpID   int64
	Day      string
	From, To time.Time
	Now      time.Time
}
