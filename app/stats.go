package app

import "context"

// Dimensions of the daily aggregates: what a row of figures is about.
const (
	StatCorp    = "corp"    // the whole corp (key "")
	StatBrand   = "brand"   // a brand (key: its id)
	StatStore   = "store"   // a store or the online team (key: its id)
	StatGuide   = "guide"   // a guide (key: userid)
	StatChannel = "channel" // a channel (渠道活码, key: its id), per store of the adds
)

// StatDims are every dimension, in the order a day's rows are written.
var StatDims = []string{StatCorp, StatBrand, StatStore, StatGuide, StatChannel}

// Ways a relation ended (contact_ends.ended_by).
const (
	EndedByCustomer = "customer" // the customer deleted the guide: 流失
	EndedByGuide    = "guide"    // the guide deleted the customer
)

// Figures are one day's (or a period's summed) numbers for one row of a
// dimension. Every field sums over days and keys, so a period or a store
// is the sum of its rows; ratios are read through the methods, which
// divide sums. Money is in cents, percentages in basis points and
// minutes in hundredths (WeCom's reply figures), as stored.
type Figures struct {
	Adds         int64 // relations begun (添加)
	Ends         int64 // customers who deleted the guide (流失)
	Removals     int64 // customers the guide deleted
	Welcomes     int64 // adds a welcome was attempted for
	WelcomesSent int64 // welcomes WeCom accepted
	TasksDue     int64 // guide tasks due that day
	TasksDone    int64 // guide tasks done that day
	TasksOverdue int64 // tasks due that day not done by their due time
	MSTasks      int64 // mass-send tasks created for guides (per chunk)
	MSConfirmed  int64 // of them, confirmed by the guide
	MSPlanned    int64 // customers planned into mass sends
	MSDelivered  int64 // customers WeCom reports a mass send reached
	SOPDue       int64 // group SOP steps that fell due
	SOPDone      int64 // of them, marked done by the owner (self-reported)
	Orders       int64 // orders credited (the brand's rules of record)
	SalesCents   int64 // sales credited
	RefundCents  int64 // refunds credited back (positive)
	FirstOrders  int64 // customers' first orders after their add
	Helps        int64 // referral helps credited
	// WeCom's own chat figures (get_user_behavior_data), summed.
	ChatCnt, MessageCnt      int64
	ReplyPctSum, ReplyPctN   int64
	ReplyTimeSum, ReplyTimeN int64
	NegativeFeedback         int64
	NewApply, NewContact     int64
	// Customers is a snapshot (customers owned when the day was
	// computed): a period keeps the last day's, not a sum.
	Customers int64
}

// DailyStat is one row of the daily aggregates. Day is yyyy-mm-dd in
// the corp's zone; a period's totals leave it empty.
type DailyStat struct {
	CorpID  int64
	Day     string
	Dim     string
	Key     string
	StoreID int64
	Figures
}

// StatsQuery selects aggregate rows of one dimension over the days
// [From, To] (inclusive, yyyy-mm-dd). StoreID limits them to one store's
// rows (a store manager's); Keys to some keys.
type StatsQuery struct {
	CorpID   int64
	Dim      string
	StoreID  int64
	Keys     []string
	From, To string
}

// DailyCredit is one day's credited revenue of one rule version, team
// and store (0: none).
type DailyCredit struct {
	RulesID     int64
	Day         string
	Team        string
	StoreID     int64
	Orders      int64
	SalesCents  int64
	RefundCents int64
}

// AssetCount is how many members of a home store (0: none) stood in an
// RFM class and lifecycle stage on a day.
type AssetCount struct {
	Day     string
	StoreID int64
	Class   string
	Stage   string
	Members int64
}

// StatsReader reads the daily aggregates for the dashboards.
type StatsReader interface {
	// DailyStats returns the rows of q, one per day and key.
	DailyStats(ctx context.Context, q StatsQuery) ([]DailyStat, error)
	// StatTotals returns q's rows summed over the period, one per key.
	StatTotals(ctx context.Context, q StatsQuery) ([]DailyStat, error)
	// DailyCredits returns credited revenue per day for a rule version.
	DailyCredits(ctx context.Context, corpID, rulesID, storeID int64, from, to string) ([]DailyCredit, error)
	// Assets returns the asset snapshot of the latest computed day on
	// or before day (every store when storeID is 0).
	Assets(ctx context.Context, corpID, storeID int64, day string) ([]AssetCount, error)
}
