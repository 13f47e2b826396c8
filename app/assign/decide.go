package assign

import (
	"cmp"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// candidate is a guide an add could go to, as the rules see them at the
// add's time.
type candidate struct {
	UserID   string
	StoreID  int64
	Active   bool // bound to a store and not left
	OnShift  bool
	UnderCap bool
	Today    int // customers taken through the channel today
	Load     int // customers owned now
}

func (c candidate) eligible() bool { return c.Active && c.OnShift && c.UnderCap }

// today is how many customers userID took through the channel today,
// before this add.
func (s situation) today(userID string) int {
	for _, c := range s.Members {
		if c.UserID == userID {
			return c.Today
		}
	}
	return 0
}

// situation is everything an owner decision looks at.
type situation struct {
	Add         app.CustomerAdd
	Local       time.Time    // the add's time in the corp's zone
	Channel     *app.Channel // nil: no state, or one Siyu did not make
	ChannelUser *candidate   // a guide channel's guide
	Added       *candidate   // the member the customer added, when a guide
	Owner       *app.Owner   // the current owner in the scope
	OwnerActive bool         // the owner's guide is still active
	Members     []candidate  // the channel's (or home store's) guides, in turn order
	LastTurn    string       // whom a round-robin channel served last
	Backup      *candidate   // the channel's backup guide
	StoreID     *int64       // the store the channel or added guide belongs to
}

// decision is the outcome: an owner (or the pool) and why.
type decision struct {
	UserID   string
	StoreID  *int64
	Rule     string
	Reason   string
	Pool     bool
	CountCap bool // the add counts against UserID's daily cap on the channel
}

// decide applies the rules in order: sticky owner, then the channel's own
// rules, then the added guide's store, then the customer's old store, then
// the pool. It reads nothing but s, so tests can check it case by case.
func decide(s situation) decision {
	if s.Owner != nil && s.Owner.Status == app.OwnerAssigned && s.OwnerActive {
		return decision{UserID: s.Owner.UserID, StoreID: s.Owner.StoreID, Rule: app.RuleSticky, Reason: "回头客，保留原归属导购"}
	}
	if s.Channel == nil {
		return decideWithoutChannel(s)
	}
	switch s.Channel.Kind {
	case app.ChannelGuide:
		return decideGuideChannel(s)
	case app.ChannelStore, app.ChannelCampaign:
		if s.Channel.StoreID != nil {
			return decideStoreChannel(s)
		}
	}
	return decision{Pool: true, Rule: app.RulePool, Reason: "线上渠道客户，进入公海待分配"}
}

func decideWithoutChannel(s situation) decision {
	if s.Added != nil && s.Added.Active {
		store := s.Added.StoreID
		return decision{UserID: s.Added.UserID, StoreID: &store, Rule: app.RuleAddedGuide, Reason: "无渠道，归属客户添加的导购及其门店"}
	}
	if s.Owner != nil && s.Owner.StoreID != nil {
		if c, ok := leastLoaded(active(s.Members)); ok {
			return decision{UserID: c.UserID, StoreID: s.Owner.StoreID, Rule: app.RuleHomeStore, Reason: "原归属导购已不在，留在原归属门店，分给负载最低的导购"}
		}
		return decision{Pool: true, StoreID: s.Owner.StoreID, Rule: app.RulePool, Reason: "原归属门店暂无在职导购，进入公海"}
	}
	return decision{Pool: true, Rule: app.RulePool, Reason: "无渠道且添加的成员不是导购，进入公海"}
}

func decideGuideChannel(s situation) decision {
	if g := s.ChannelUser; g != nil && g.Active && g.UnderCap {
		store := g.StoreID
		return decision{UserID: g.UserID, StoreID: &store, Rule: app.RuleChannelUser, Reason: "导购个人活码", CountCap: true}
	}
	var store *int64
	if s.ChannelUser != nil {
		store = &s.ChannelUser.StoreID
	}
	return backupOrPool(s, store, "导购已离职或今日已满额")
}

func decideStoreChannel(s situation) decision {
	eligible := filter(s.Members, candidate.eligible)
	if i := slices.IndexFunc(eligible, func(c candidate) bool { return c.UserID == s.Add.UserID }); i >= 0 {
		return decision{UserID: eligible[i].UserID, StoreID: s.Channel.StoreID, Rule: app.RuleChannelUser, Reason: "客户添加的导购在班且未满额", CountCap: true}
	}
	if s.Channel.Pick == app.PickLeastLoaded {
		if c, ok := leastLoaded(eligible); ok {
			return decision{UserID: c.UserID, StoreID: s.Channel.StoreID, Rule: app.RuleLeastLoaded, Reason: "在班未满额导购中负载最低", CountCap: true}
		}
	} else if c, ok := nextTurn(s.Members, s.LastTurn, candidate.eligible); ok {
		return decision{UserID: c.UserID, StoreID: s.Channel.StoreID, Rule: app.RuleRoundRobin, Reason: "在班未满额导购轮流分配", CountCap: true}
	}
	return backupOrPool(s, s.Channel.StoreID, "门店导购均不在班或今日已满额")
}

func backupOrPool(s situation, store *int64, why string) decision {
	if b := s.Backup; b != nil && b.Active {
		return decision{UserID: b.UserID, StoreID: store, Rule: app.RuleBackup, Reason: why + "，由备用导购接待"}
	}
	return decision{Pool: true, StoreID: store, Rule: app.RulePool, Reason: why + "，且无可用备用导购，进入公海"}
}

// nextTurn is the first member after last in turn order (wrapping
// around) that ok accepts; after nobody, the first.
func nextTurn(members []candidate, last string, ok func(candidate) bool) (candidate, bool) {
	start := slices.IndexFunc(members, func(c candidate) bool { return c.UserID == last }) + 1
	for i := range members {
		if c := members[(start+i)%len(members)]; ok(c) {
			return c, true
		}
	}
	return candidate{}, false
}

// leastLoaded is the candidate owning fewest customers, ties in turn order.
func leastLoaded(cs []candidate) (candidate, bool) {
	if len(cs) == 0 {
		return candidate{}, false
	}
	return slices.MinFunc(cs, func(a, b candidate) int { return cmp.Compare(a.Load, b.Load) }), true
}

func active(cs []candidate) []candidate {
	return filter(cs, func(c candidate) bool { return c.Active })
}

func filter(cs []candidate, keep func(candidate) bool) []candidate {
	var out []candidate
	for _, c := range cs {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}
