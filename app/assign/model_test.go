package assign_test

import (
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// model is the test's own account of the assignment rules, kept apart from
// the engine's code: replayed over the history in the order decisions were
// taken, it says what each decision should have been.
type model struct {
	chain  *chain
	loc    *time.Location
	owners map[string]*app.Owner // by customer (one scope: no brand keeps customers apart)
	daily  map[string]int        // channel|user|day → adds counted
	turn   map[int64]string      // channel → last round-robin guide
	left   map[string]bool
}

func newModel(c *chain, loc *time.Location) *model {
	return &model{chain: c, loc: loc, owners: map[string]*app.Owner{}, daily: map[string]int{}, turn: map[int64]string{}, left: map[string]bool{}}
}

// expected is a decision as the model sees it.
type expected struct {
	user, rule string
	store      *int64
	pool, cap  bool
	channel    *app.Channel
}

func (m *model) active(user string) bool { g := m.chain.byUser[user]; return g != nil && !m.left[user] }

func (m *model) load(user string) int {
	n := 0
	for _, o := range m.owners {
		if o.Status == app.OwnerAssigned && o.UserID == user {
			n++
		}
	}
	return n
}

func (m *model) dayKey(ch *app.Channel, user string, at time.Time) string {
	return string(rune(ch.ID)) + "|" + user + "|" + at.In(m.loc).Format(time.DateOnly)
}

func (m *model) underCap(ch *app.Channel, user string, at time.Time) bool {
	return ch.DailyCap == 0 || m.daily[m.dayKey(ch, user, at)] < ch.DailyCap
}

// onShift: no shifts is always; a shift ending at or before its start runs
// into the next day.
func onShiftModel(shifts []app.Shift, local time.Time) bool {
	if len(shifts) == 0 {
		return true
	}
	mins, wd := local.Hour()*60+local.Minute(), int(local.Weekday())
	for _, s := range shifts {
		overnight := s.To <= s.From
		today := slices.Contains(s.Days, wd) && mins >= s.From && (overnight || mins < s.To)
		carried := overnight && slices.Contains(s.Days, (wd+6)%7) && mins < s.To
		if today || carried {
			return true
		}
	}
	return false
}

// decideAdd says what should happen to an add of user×ext through state at.
func (m *model) decideAdd(user, ext, state string, at time.Time) expected {
	ch := m.chain.channels[state]
	if o := m.owners[ext]; o != nil && o.Status == app.OwnerAssigned && m.active(o.UserID) {
		return expected{user: o.UserID, rule: app.RuleSticky, store: o.StoreID, channel: ch}
	}
	switch {
	case ch == nil:
		return m.withoutChannel(user, ext)
	case ch.Kind == app.ChannelGuide:
		g := ch.Members[0].UserID
		if m.active(g) && m.underCap(ch, g, at) {
			return expected{user: g, rule: app.RuleChannelUser, store: &m.chain.byUser[g].StoreID, cap: true, channel: ch}
		}
		return m.backup(ch, &m.chain.byUser[g].StoreID)
	case ch.Kind == app.ChannelOnline:
		return expected{pool: true, rule: app.RulePool, channel: ch}
	}
	return m.storeChannel(ch, user, at)
}

func (m *model) withoutChannel(user, ext string) expected {
	if m.active(user) {
		return expected{user: user, rule: app.RuleAddedGuide, store: &m.chain.byUser[user].StoreID}
	}
	if o := m.owners[ext]; o != nil && o.StoreID != nil {
		if g, ok := m.leastLoadedIn(*o.StoreID); ok {
			return expected{user: g, rule: app.RuleHomeStore, store: o.StoreID}
		}
		return expected{pool: true, rule: app.RulePool, store: o.StoreID}
	}
	return expected{pool: true, rule: app.RulePool}
}

func (m *model) storeChannel(ch *app.Channel, user string, at time.Time) expected {
	var eligible []string
	for _, mem := range ch.Members {
		if m.active(mem.UserID) && onShiftModel(mem.Shifts, at.In(m.loc)) && m.underCap(ch, mem.UserID, at) {
			eligible = append(eligible, mem.UserID)
		}
	}
	pick := func(g, rule string) expected {
		return expected{user: g, rule: rule, store: ch.StoreID, cap: true, channel: ch}
	}
	switch {
	case slices.Contains(eligible, user):
		return pick(user, app.RuleChannelUser)
	case len(eligible) == 0:
		return m.backup(ch, ch.StoreID)
	case ch.Pick == app.PickLeastLoaded:
		best := eligible[0]
		for _, g := range eligible[1:] {
			if m.load(g) < m.load(best) {
				best = g
			}
		}
		return pick(best, app.RuleLeastLoaded)
	}
	return pick(m.nextTurn(ch, eligible), app.RuleRoundRobin)
}

func (m *model) nextTurn(ch *app.Channel, eligible []string) string {
	last := slices.IndexFunc(ch.Members, func(mem app.ChannelMember) bool { return mem.UserID == m.turn[ch.ID] })
	for i := 1; i <= len(ch.Members); i++ {
		if g := ch.Members[(last+i+len(ch.Members))%len(ch.Members)].UserID; slices.Contains(eligible, g) {
			return g
		}
	}
	return ""
}

func (m *model) backup(ch *app.Channel, store *int64) expected {
	if b := ch.BackupUserID; b != "" && m.active(b) {
		return expected{user: b, rule: app.RuleBackup, store: store, channel: ch}
	}
	return expected{pool: true, rule: app.RulePool, store: store, channel: ch}
}

// leastLoadedIn is the store's active guide owning fewest customers, the
// earliest bound first among equals.
func (m *model) leastLoadedIn(storeID int64) (string, bool) {
	best, found := "", false
	for _, g := range m.chain.guides {
		if g.StoreID == storeID && m.active(g.UserID) && (!found || m.load(g.UserID) < m.load(best)) {
			best, found = g.UserID, true
		}
	}
	return best, found
}
