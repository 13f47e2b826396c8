package app

import "time"

// Attribution rules a brand orders by precedence (业绩归属): the first one
// that names a guide decides.
const (
	RuleOwner      = "owner"       // 专属导购: the customer's owner when they paid
	RuleShare      = "share"       // 推广导购: the guide of the last share link opened within ShareDays
	RuleAdderFirst = "adder_first" // 添加导购: the first guide the customer added
	RuleAdderLast  = "adder_last"  // 添加导购: the latest guide the customer added
	RulePOSGuide   = "pos_guide"   // the guide the till recorded
	RuleStore      = "store"       // the store of purchase, no guide
)

// Binding kinds: an owner relation credits forever, or only for
// BindingDays after it began.
const (
	BindingPermanent = "permanent"
	BindingTemporary = "temporary"
)

// Credit models: the brand's rules, and the analytical models beside them
// over the touch ledger.
const (
	ModelRules     = "rules"
	ModelLastTouch = "last_touch"
	ModelFirst     = "first_touch"
	ModelLinear    = "linear"
	ModelPosition  = "position"   // 40/20/40
	ModelTimeDecay = "time_decay" // halving every HalfLifeDays
)

// Teams credit is split between.
const (
	TeamStore  = "store"
	TeamOnline = "online"
)

// AttributionRules is one version of a brand's rule set. Versions are
// never changed: a change is a new version, and credit computed under an
// earlier one stays readable.
type AttributionRules struct {
	ID             int64
	CorpID         int64
	Scope          int64 // the brand's owner scope (Brand.Scope)
	Version        int
	Precedence     []string `gorm:"serializer:json"`
	ShareDays      int      // 推广导购 window
	ProtectionDays int      // 保护期: the acquiring store keeps online orders this long
	AcquirerPct    int      // the acquiring store's percent of a protected online order
	Binding        string
	BindingDays    int
	CrossStore     bool // a guide of another store may take credit for an in-store sale
	LookbackDays   int  // the analytical models' window
	HalfLifeDays   int  // time decay's half-life
	Note           string
	CreatedBy      string
	CreatedAt      time.Time
}

// DefaultAttributionRules is the rule set a brand starts with: the owner,
// then the share link, then the first guide added, then the store; the
// acquiring store keeps online orders for 30 days.
func DefaultAttributionRules(corpID, scope int64) AttributionRules {
	return AttributionRules{CorpID: corpID, Scope: scope, Version: 0,
		Precedence: []string{RuleOwner, RuleShare, RuleAdderFirst, RulePOSGuide, RuleStore},
		ShareDays:  7, ProtectionDays: 30, AcquirerPct: 100, Binding: BindingPermanent, CrossStore: true,
		LookbackDays: 30, HalfLifeDays: 7}
}

// Credit is one line of an order's credit under one model and rule
// version: who (guide, store, team) gets what share of it. An order's
// lines under a model add up to its amount to the cent; a refund's lines
// reverse its sale's in proportion.
type Credit struct {
	ID          int64
	CorpID      int64
	OrderID     int64
	RulesID     int64
	Model       string
	Line        int
	UserID      string `gorm:"column:userid"`
	StoreID     *int64
	Team        string
	ShareBP     int   // basis points of the order, 10000 = all of it
	AmountCents int64 // signed: a refund's lines are negative
	Explanation string
	PaidAt      time.Time // the order's, for reports by period
	ComputedAt  time.Time
}

// Phases of a recompute: the sales of members first, member by member, so
// that each buyer's touches are read once; then every other order (sales
// of nobody known, refunds) by id, each refund after the sale it reverses.
const (
	RunMembers = 0
	RunOthers  = 1
)

// Run statuses of a recompute.
const (
	RunRunning = "running"
	RunDone    = "done"
	RunFailed  = "failed"
)

// AttributionRun is a recompute of every order of a scope under one rule
// version: progress (Done of Total) and the cursor it resumes from.
type AttributionRun struct {
	ID         int64
	CorpID     int64
	RulesID    int64
	Status     string
	Total      int64
	Done       int64
	Phase      int   // RunMembers, then RunOthers
	CursorID   int64 // the phase's last member (RunMembers) or order (RunOthers)
	Error      string
	StartedAt  time.Time
	FinishedAt *time.Time
}

// OrderScope is a corp and brand scope that has orders: what credit is
// kept up to date for.
type OrderScope struct{ CorpID, Scope int64 }

// CreditTotal is one row of an attribution report: the credit a guide, a
// store or a team got in a period, and from how many orders.
type CreditTotal struct {
	Key         string // userid, store id or team
	AmountCents int64
	Orders      int64
}
