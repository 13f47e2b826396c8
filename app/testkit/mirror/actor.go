// Package mirror drives a WeCom sandbox corp the way its people would
// (customers added, deleted both ways, remarked and tagged, groups made,
// joined, left, renamed and dismissed) and compares Siyu's directory with
// the sandbox's afterwards: the check, shared by app/directory's suites
// and cmd/siyu's drill, that every event had its one effect.
package mirror

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// Actor performs random but valid client-side actions in a sandbox corp.
// It returns errors rather than failing a test, as a drill runs it beside
// the test's goroutine.
type Actor struct {
	sc     *sandbox.Corp
	rng    *rand.Rand
	guides []string
	tags   []string
	// MaxPause is the most seconds the corp's clock moves before an
	// action (at least one: WeCom stamps events to the second, and two
	// identical events in one second are one event to its dedupe rule and
	// to Siyu's).
	MaxPause int
}

// NewActor acts among guides (members of the corp already) with a
// random source seeded by seed, and makes the tag group it tags with.
func NewActor(sc *sandbox.Corp, guides []string, seed uint64) (*Actor, error) {
	a := &Actor{sc: sc, rng: rand.New(rand.NewPCG(seed, seed+1)), guides: guides, MaxPause: 3}
	g, err := sc.ConsoleCreateTagGroup("会员等级", 1, sandbox.TagSpec{Name: "金卡"}, sandbox.TagSpec{Name: "银卡"})
	if err != nil {
		return nil, err
	}
	for _, tag := range g.Tags {
		a.tags = append(a.tags, tag.ID)
	}
	return a, nil
}

// Step moves the clock and performs one action.
func (a *Actor) Step() error {
	a.sc.Advance(time.Duration(1+a.rng.IntN(max(a.MaxPause, 1))) * time.Second)
	snap := a.sc.Snapshot()
	follows := snap.Follows
	guide := a.guides[a.rng.IntN(len(a.guides))]
	switch r := a.rng.IntN(100); {
	case r < 35 || len(follows) == 0:
		_, err := a.sc.CustomerAdds(sandbox.Add{UserID: guide, State: "ch" + guide})
		return err
	case r < 45 && len(snap.Customers) > 0:
		return a.readd(snap, guide)
	case r < 55:
		f := follows[a.rng.IntN(len(follows))]
		return a.sc.MemberDeletesCustomer(f.UserID, f.ExternalUserID, "")
	case r < 65:
		f := follows[a.rng.IntN(len(follows))]
		return a.sc.CustomerDeletesMember(f.UserID, f.ExternalUserID)
	case r < 80:
		f := follows[a.rng.IntN(len(follows))]
		remark := fmt.Sprintf("备注%d", a.rng.IntN(100))
		return a.sc.MemberEditsCustomer(f.UserID, f.ExternalUserID, sandbox.Edit{Remark: &remark,
			AddTags: []string{a.tags[a.rng.IntN(len(a.tags))]}, RemoveTags: []string{a.tags[a.rng.IntN(len(a.tags))]}})
	default:
		return a.groupStep(snap, guide)
	}
}

// readd adds a known customer to guide again, or to a guide they do not
// follow yet.
func (a *Actor) readd(snap sandbox.Snapshot, guide string) error {
	c := snap.Customers[a.rng.IntN(len(snap.Customers))]
	_, err := a.sc.CustomerAdds(sandbox.Add{UserID: guide, Customer: c, State: "readd"})
	if err != nil && strings.Contains(err.Error(), "already") {
		return nil
	}
	return err
}

func (a *Actor) groupStep(snap sandbox.Snapshot, guide string) error {
	live := LiveGroups(snap)
	switch r := a.rng.IntN(10); {
	case r < 3 || len(live) == 0:
		_, err := a.sc.CreateGroup(sandbox.NewGroup{Owner: guide, Name: "门店群"})
		return err
	case r < 6 && len(snap.Customers) > 0:
		c := snap.Customers[a.rng.IntN(len(snap.Customers))]
		g := live[a.rng.IntN(len(live))]
		if hasMember(g, c.ExternalUserID) {
			return nil
		}
		return a.sc.JoinGroup(g.ChatID, sandbox.Join{Members: []string{c.ExternalUserID}, JoinScene: 3, State: "qr"})
	case r < 8:
		g := live[a.rng.IntN(len(live))]
		for _, m := range g.Members {
			if m.Type == 2 {
				return a.sc.LeaveGroup(g.ChatID, sandbox.Leave{Members: []string{m.UserID}})
			}
		}
		return a.sc.RenameGroup(g.ChatID, fmt.Sprintf("群%d", a.rng.IntN(100)))
	default:
		return a.sc.DismissGroup(live[a.rng.IntN(len(live))].ChatID)
	}
}

// LiveGroups are the snapshot's groups not dismissed.
func LiveGroups(s sandbox.Snapshot) []sandbox.Group {
	var out []sandbox.Group
	for _, g := range s.Groups {
		if !g.Dismissed {
			out = append(out, g)
		}
	}
	return out
}

func hasMember(g sandbox.Group, id string) bool {
	for _, m := range g.Members {
		if m.UserID == id {
			return true
		}
	}
	return false
}
