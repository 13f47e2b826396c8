package assign_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// TestFiveThousandAddsFollowTheRules is the acceptance run: three stores
// of five guides with shifts and caps, a guide's personal code and an
// online code; 5,000 adds over a simulated week through store, online and
// no channels, some customers returning, some adding again after deleting,
// one guide leaving half-way. Every owner equals what the test's own
// model of the rules says, no cap is exceeded, every decision is in the
// history, and every add with a welcome code got exactly one welcome.
func TestFiveThousandAddsFollowTheRules(t *testing.T) {
	adds := testkit.ScaleSize(5000, 2000) // full size in scripts/bench
	if testing.Short() {
		adds = 600
	}
	s := startStack(t, config.DriverMySQL, config.RedisStandalone)
	c := s.newChain(t)
	c.standardChannels(t, s)
	loc, _ := time.LoadLocation("Asia/Shanghai")
	base := time.Date(2026, 11, 23, 0, 17, 0, 0, loc) // a Monday
	d := &driver{t: t, s: s, c: c, rng: rand.New(rand.NewPCG(4, 2))}
	const phases = 40
	leftAfter := int64(-1)
	for p := range phases {
		s.sc.Clock().Set(base.Add(time.Duration(p) * (4*time.Hour + 7*time.Minute)).UTC())
		d.phase = p
		for range adds / phases {
			d.step()
		}
		s.settle(t, 5*time.Minute)
		_, err := s.assign.AssignPool(context.Background(), s.corp.ID, s.sc.Now())
		require.NoError(t, err)
		if p == phases/2 {
			leftAfter = s.leave(t, c, "S2g1")
		}
	}
	t.Logf("%d adds, %d with a welcome code", d.adds, len(d.codes))
	history := s.replay(t, newModel(c, loc), leftAfter)
	assertOnePerAdd(t, s, history, d.adds)
	assertCaps(t, s, c)
	assertWelcomes(t, s, d.codes, d.voided)
}

// driver plays the customers.
type driver struct {
	t      *testing.T
	s      *stack
	c      *chain
	rng    *rand.Rand
	known  []string            // customers so far
	follow map[string][]string // customer → members they follow, in order
	states map[string]string   // customer|member → state added through
	codes  map[string]bool     // welcome codes handed out
	voided map[string]bool     // codes whose relation ended before Siyu could use them
	codeOf map[string]string   // customer|member → welcome code of the add
	phase  int
	coded  map[string]int // code → phase it was handed out in
	adds   int
}

func (d *driver) step() {
	if d.follow == nil {
		d.follow, d.states, d.codes = map[string][]string{}, map[string]string{}, map[string]bool{}
		d.voided, d.codeOf, d.coded = map[string]bool{}, map[string]string{}, map[string]int{}
	}
	switch r := d.rng.Float64(); {
	case r < 0.05 && len(d.known) > 0:
		d.readd()
	case r < 0.15 && len(d.known) > 0:
		d.add(d.known[d.rng.IntN(len(d.known))])
	default:
		d.add("")
	}
}

// add is a customer (new when ext is empty) adding a member through a
// channel picked at random, or with no channel.
func (d *driver) add(ext string) {
	states := []string{"st1", "st1", "st2", "st2", "st3", "st3", "gd1", "on1", "", ""}
	state := states[d.rng.IntN(len(states))]
	var user string
	if ch := d.c.channels[state]; ch != nil {
		user = ch.Members[d.rng.IntN(len(ch.Members))].UserID
	} else {
		user = d.c.guides[d.rng.IntN(len(d.c.guides))].UserID
	}
	if ext != "" && slices.Contains(d.follow[ext], user) {
		return
	}
	d.addAs(user, ext, state)
}

// readd is a customer deleting a member they follow and adding them again
// through the same channel.
func (d *driver) readd() {
	ext := d.known[d.rng.IntN(len(d.known))]
	fs := d.follow[ext]
	if len(fs) == 0 {
		return
	}
	user := fs[d.rng.IntN(len(fs))]
	// Deleted in the same phase as the add, the relation may end before
	// Siyu greets it; WeCom then refuses the code, rightly.
	if code := d.codeOf[ext+"|"+user]; code != "" && d.coded[code] == d.phase {
		delete(d.codes, code)
		d.voided[code] = true
	}
	require.NoError(d.t, d.s.sc.CustomerDeletesMember(user, ext))
	d.follow[ext] = slices.DeleteFunc(fs, func(u string) bool { return u == user })
	d.addAs(user, ext, d.states[ext+"|"+user])
}

func (d *driver) addAs(user, ext, state string) {
	added, err := d.s.sc.CustomerAdds(sandbox.Add{UserID: user, Customer: sandbox.Customer{ExternalUserID: ext, Name: "客户"},
		State: state, AlreadyChatted: d.rng.Float64() < 0.15})
	require.NoError(d.t, err)
	if ext == "" {
		d.known = append(d.known, added.ExternalUserID)
	}
	d.follow[added.ExternalUserID] = append(d.follow[added.ExternalUserID], user)
	d.states[added.ExternalUserID+"|"+user] = state
	d.codeOf[added.ExternalUserID+"|"+user] = added.WelcomeCode
	if added.WelcomeCode != "" {
		d.codes[added.WelcomeCode] = true
		d.coded[added.WelcomeCode] = d.phase
	}
	d.adds++
}

// leave marks a guide left and returns the last decision taken before.
func (s *stack) leave(t *testing.T, c *chain, userID string) int64 {
	g := *c.byUser[userID]
	g.Status = app.GuideLeft
	require.NoError(t, db.NewOrgStore(s.db).UpdateGuide(context.Background(), &g))
	var last int64
	require.NoError(t, s.db.SQL().QueryRow("SELECT COALESCE(MAX(id), 0) FROM assignments WHERE corp_id = ?", s.corp.ID).Scan(&last))
	return last
}

func isAddKey(key string) bool { return len(key) == 64 && !strings.Contains(key, ":") }
