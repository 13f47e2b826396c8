package sandbox

import (
	"sort"
	"time"
)

// Snapshot is a corp's whole state as plain values in a deterministic
// order (ids ascending), to compare another system's tables with the
// sandbox's truth.
type Snapshot struct {
	CorpID      string
	Time        time.Time
	Members     []Member
	Customers   []Customer
	Follows     []Follow // by userid, then external userid; TagIDs sorted
	Groups      []Group  // dismissed ones included, flagged
	TagGroups   []TagGroup
	ContactWays []ContactWay
	Welcomes    []WelcomeMessage // in sending order
	MassSends   []MassSend       // in creation order
	Transfers   []Transfer       // in start order, due ones settled
}

// Snapshot copies the corp's state.
func (c *Corp) Snapshot() Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.settleTransfers()
	s := Snapshot{CorpID: c.cfg.CorpID, Time: c.Now()}
	for _, id := range sortedKeys(c.st.members) {
		m := *c.st.members[id]
		m.Departments = append([]int(nil), m.Departments...)
		s.Members = append(s.Members, m)
	}
	for _, id := range sortedKeys(c.st.customers) {
		s.Customers = append(s.Customers, *c.st.customers[id])
	}
	s.Follows = c.snapshotFollows()
	s.Groups = c.snapshotGroups()
	for _, id := range sortedKeys(c.st.tagGroups) {
		g := copyTagGroup(c.st.tagGroups[id])
		sort.Slice(g.Tags, func(i, j int) bool { return g.Tags[i].ID < g.Tags[j].ID })
		s.TagGroups = append(s.TagGroups, g)
	}
	for _, id := range sortedKeys(c.st.ext.contactWays) {
		s.ContactWays = append(s.ContactWays, copyContactWay(c.st.ext.contactWays[id]))
	}
	s.Welcomes = append([]WelcomeMessage(nil), c.st.ext.welcomes...)
	s.MassSends = c.snapshotMassSends()
	s.Transfers = c.snapshotTransfers()
	return s
}

func (c *Corp) snapshotFollows() []Follow {
	out := make([]Follow, 0, len(c.st.follows))
	for _, f := range c.st.follows {
		cp := copyFollow(f)
		sort.Strings(cp.TagIDs)
		out = append(out, cp)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].UserID != out[j].UserID {
			return out[i].UserID < out[j].UserID
		}
		return out[i].ExternalUserID < out[j].ExternalUserID
	})
	return out
}

func (c *Corp) snapshotGroups() []Group {
	var out []Group
	for _, id := range sortedKeys(c.st.groups) {
		g := *c.st.groups[id]
		g.Admins = append([]string(nil), g.Admins...)
		g.Members = append([]GroupMember(nil), g.Members...)
		out = append(out, g)
	}
	return out
}

func copyContactWay(cw *ContactWay) ContactWay {
	out := *cw
	out.Users = append([]string(nil), cw.Users...)
	out.Parties = append([]int(nil), cw.Parties...)
	out.Conclusions = append([]byte(nil), cw.Conclusions...)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
