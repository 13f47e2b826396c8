package app

import "time"

// RFM classes (the briefing's 8), by recency, frequency and monetary each
// high (↑) or low (↓) against the brand's thresholds.
const (
	RFMValue     = "value"     // 重要价值 R↑F↑M↑
	RFMRecall    = "recall"    // 重要唤回 R↓F↑M↑
	RFMDeepen    = "deepen"    // 重要深耕 R↑F↓M↑
	RFMRetain    = "retain"    // 重要挽留 R↓F↓M↑
	RFMPotential = "potential" // 潜力 R↑F↑M↓
	RFMNew       = "new"       // 新客户 R↑F↓M↓
	RFMMaintain  = "maintain"  // 一般维持 R↓F↑M↓
	RFMLost      = "lost"      // 流失 R↓F↓M↓
)

// RFMClassNames name the classes for people.
var RFMClassNames = map[string]string{RFMValue: "重要价值", RFMRecall: "重要唤回", RFMDeepen: "重要深耕", RFMRetain: "重要挽留",
	RFMPotential: "潜力", RFMNew: "新客户", RFMMaintain: "一般维持", RFMLost: "流失"}

// RFMClass is the class of a member by whether each measure is high.
func RFMClass(r, f, m bool) string {
	return [8]string{RFMLost, RFMRetain, RFMMaintain, RFMRecall, RFMNew, RFMDeepen, RFMPotential, RFMValue}[b2i(r)<<2|b2i(f)<<1|b2i(m)]
}

// RFMRecencyDays is how many whole days before at the last sale was.
func RFMRecencyDays(last, at time.Time) int { return int(at.Sub(last).Hours() / 24) }

// ClassAt is the class at time at of a member with sales sale orders,
// netCents spent (refunds taken off) and last sale last, under the
// thresholds in use; "" for a member who never bought. app/rfm classifies
// members now by it, app/uplift as they were at a past date.
func (st *RFMSettings) ClassAt(sales int, netCents int64, last *time.Time, at time.Time) string {
	if sales == 0 || last == nil {
		return ""
	}
	return RFMClass(RFMRecencyDays(*last, at) <= st.UsedRecencyDays, sales >= st.UsedFrequency, netCents >= st.UsedMonetaryCents)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Lifecycle stages (生命周期).
const (
	StageIntro   = "intro"   // 引入期: a member who has not bought yet
	StageGrowth  = "growth"  // 成长期: buying, at most GrowthOrders times
	StageMature  = "mature"  // 成熟期: buying, more often than that
	StageDormant = "dormant" // 休眠期: no purchase for ActiveDays
	StageChurned = "churned" // 流失期: no purchase for ChurnDays
)

// StageNames name the stages for people.
var StageNames = map[string]string{StageIntro: "引入期", StageGrowth: "成长期", StageMature: "成熟期", StageDormant: "休眠期", StageChurned: "流失期"}

// RFMSettings are a brand's thresholds and stage rules. A threshold of 0
// means the brand's median, computed each night; the medians in use are
// kept beside them.
type RFMSettings struct {
	CorpID        int64
	Scope         int64
	RecencyDays   int
	Frequency     int
	MonetaryCents int64
	GrowthOrders  int
	ActiveDays    int
	ChurnDays     int
	// What the last full computation used: the thresholds above, or the
	// medians where they are 0.
	UsedRecencyDays   int
	UsedFrequency     int
	UsedMonetaryCents int64
	SweptAt           *time.Time // the incremental pass's high-water mark
	UpdatedAt         time.Time
}

// DefaultRFMSettings are medians for the thresholds, growth up to 2
// orders, dormant after 90 days without a purchase, churned after 180.
func DefaultRFMSettings(corpID, scope int64) RFMSettings {
	return RFMSettings{CorpID: corpID, Scope: scope, GrowthOrders: 2, ActiveDays: 90, ChurnDays: 180}
}

// MemberRFM is a member's measures, class and stage as last computed.
type MemberRFM struct {
	CorpID        int64
	MemberID      int64
	Scope         int64
	RecencyDays   int
	Frequency     int
	MonetaryCents int64
	LastOrderAt   *time.Time
	Class         string
	Stage         string
	ComputedAt    time.Time
}

// RFMChange is a member's move from one class or stage to another, kept
// for journeys to start from.
type RFMChange struct {
	ID        int64
	CorpID    int64
	MemberID  int64
	FromClass string
	ToClass   string
	FromStage string
	ToStage   string
	At        time.Time
}

// OrderTotals are one member record's sales, net amount (refunds taken
// off) and last sale.
type OrderTotals struct {
	MemberID int64
	Sales    int
	NetCents int64
	LastSale *time.Time
}

// RFMCounts are how many of a brand's members are in each RFM class and
// lifecycle stage as last computed; members who never bought have a
// stage (引入期) but no class.
type RFMCounts struct {
	Classes    map[string]int64
	Stages     map[string]int64
	Members    int64
	ComputedAt *time.Time // the latest computation among them
}
