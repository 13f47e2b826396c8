package segment_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/segment"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// person is one seeded customer, as the test's own evaluation reads it.
type person struct {
	ext, name, owner, ownerStatus string
	gender                        int
	ownerStore                    int64
	follows                       []app.Follow // standing ones
	tags                          []string
	member                        *app.Member
	touches                       []app.Touch
}

// world is a corp with seeded customers and what the test knows of them.
type world struct {
	core   *root.Core
	corp   int64
	stores []int64
	people []*person
	now    time.Time
	ctx    context.Context
}

func seed(t *testing.T, d *db.DB, n int) *world {
	core := root.NewCore(d, testkit.Box(t), auth.Options{})
	corp := &app.Corp{CorpID: "ww_seg", Name: "人群"}
	ctx := app.WithActor(context.Background(), "user:1")
	require.NoError(t, core.Stores.Corps.CreateCorp(ctx, corp))
	w := &world{core: core, corp: corp.ID, now: time.Now().UTC().Truncate(time.Second), ctx: ctx}
	for _, code := range []string{"S1", "S2"} {
		st := &app.Store{CorpID: corp.ID, Code: code, Name: code, Kind: app.StoreKindStore}
		require.NoError(t, core.Org.CreateStore(ctx, st))
		w.stores = append(w.stores, st.ID)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for i := range n {
		w.people = append(w.people, w.seedOne(t, rng, i))
	}
	return w
}

func (w *world) seedOne(t *testing.T, rng *rand.Rand, i int) *person {
	st, ctx := w.core.Stores, w.ctx
	names := []string{"张三", "张伟", "李四", "王五", "Amy_1", "Amy%", "Bob"}
	p := &person{ext: fmt.Sprintf("wm%04d", i), name: names[rng.IntN(len(names))], gender: rng.IntN(3)}
	require.NoError(t, st.Directory.UpsertCustomers(ctx, []app.Customer{{CorpID: w.corp, ExternalUserID: p.ext, Name: p.name, Gender: p.gender}}))
	for _, g := range pick(rng, []string{"g1", "g2", "g3"}, 1+rng.IntN(2)) {
		added := w.now.Add(-time.Duration(rng.IntN(100*24)) * time.Hour)
		f := app.Follow{CorpID: w.corp, UserID: g, ExternalUserID: p.ext, AddTime: &added, State: []string{"", "s1", "s2"}[rng.IntN(3)],
			TagIDs: pick(rng, []string{"t1", "t2", "t3", "t4"}, rng.IntN(3)), SyncedAt: &w.now}
		require.NoError(t, st.Directory.UpsertFollows(ctx, []app.Follow{f}))
		if rng.IntN(10) == 0 {
			at := w.now
			require.NoError(t, st.Directory.DeleteFollows(ctx, []app.Follow{{CorpID: w.corp, UserID: g, ExternalUserID: p.ext, DeletedAt: &at, DeletedBy: app.FollowDeletedByCustomer}}))
			continue
		}
		p.follows = append(p.follows, f)
		p.tags = append(p.tags, f.TagIDs...)
	}
	w.seedOwner(t, rng, p)
	w.seedMember(t, rng, p)
	w.seedTouches(t, rng, p)
	return p
}

func (w *world) seedOwner(t *testing.T, rng *rand.Rand, p *person) {
	switch r := rng.IntN(10); {
	case r < 7:
		p.owner, p.ownerStatus, p.ownerStore = []string{"g1", "g2", "g3"}[rng.IntN(3)], app.OwnerAssigned, w.stores[rng.IntN(2)]
	case r < 8:
		p.ownerStatus = app.OwnerPool
	default:
		return
	}
	o := &app.Owner{CorpID: w.corp, ExternalUserID: p.ext, UserID: p.owner, Status: p.ownerStatus, AssignedAt: w.now}
	if p.ownerStore != 0 {
		o.StoreID = &p.ownerStore
	}
	require.NoError(t, w.core.Stores.Assign.SaveOwner(w.ctx, o))
}

func (w *world) seedMember(t *testing.T, rng *rand.Rand, p *person) {
	if rng.IntN(2) == 0 {
		return
	}
	pts := int64(rng.IntN(1000))
	in := member.Input{MemberNo: "M" + p.ext, ExternalUserIDs: []string{p.ext}, Tier: []string{"金卡", "银卡"}[rng.IntN(2)], Points: &pts,
		Gender: []string{"", "男", "女"}[rng.IntN(3)], Birthday: fmt.Sprintf("1990-%02d-15", 1+rng.IntN(12)), HomeStoreCode: []string{"S1", "S2"}[rng.IntN(2)]}
	res, err := w.core.Member.Upsert(w.ctx, w.corp, in)
	require.NoError(t, err)
	p.member, err = w.core.Stores.Members.FindMember(w.ctx, w.corp, res.MemberID)
	require.NoError(t, err)
}

func (w *world) seedTouches(t *testing.T, rng *rand.Rand, p *person) {
	for j := range rng.IntN(4) {
		x := app.Touch{CorpID: w.corp, Kind: []string{app.TouchAdd, app.TouchShareClick, app.TouchWelcome}[rng.IntN(3)],
			SourceID: fmt.Sprintf("seed:%s:%d", p.ext, j), ExternalUserID: p.ext, At: w.now.Add(-time.Duration(rng.IntN(60*24)) * time.Hour)}
		require.NoError(t, w.core.Touch.Record(w.ctx, x))
		p.touches = append(p.touches, x)
	}
}

func pick(rng *rand.Rand, from []string, n int) []string {
	out := slices.Clone(from)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:n]
}

func rule(t *testing.T, s string) app.SegmentRule {
	var r app.SegmentRule
	require.NoError(t, json.Unmarshal([]byte(s), &r))
	return r
}

// Every rule selects, counted and materialized by the database, exactly
// the customers the test's own evaluation of it selects.
func TestSegmentsMatchIndependentEvaluation(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		w := seed(t, d, 250)
		for i, c := range cases(w) {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				var want []string
				for _, p := range w.people {
					if len(p.follows) > 0 && c.eval(p) {
						want = append(want, p.ext)
					}
				}
				r := rule(t, c.rule)
				pv, err := w.core.Segment.Preview(w.ctx, w.corp, r)
				require.NoError(t, err, c.rule)
				assert.Equal(t, int64(len(want)), pv.Count, c.rule)
				g, err := w.core.Segment.Create(w.ctx, w.corp, segment.Input{Name: fmt.Sprint("人群", i), Rule: r})
				require.NoError(t, err, c.rule)
				got, err := w.core.Segment.Members(w.ctx, w.corp, g.ID, g.Version, "", 200)
				require.NoError(t, err)
				for more := got; len(more) == 200; {
					more, err = w.core.Segment.Members(w.ctx, w.corp, g.ID, g.Version, more[len(more)-1], 200)
					require.NoError(t, err)
					got = append(got, more...)
				}
				sort.Strings(want)
				assert.Equal(t, want, got, c.rule)
				assert.Equal(t, int64(len(want)), g.Count)
			})
		}
	})
}

// testCase is a rule and the test's own reading of it.
type testCase struct {
	rule string
	eval func(p *person) bool
}

func (w *world) recent(p *person, kind string, days int) bool {
	for _, x := range p.touches {
		if x.Kind == kind && !x.At.Before(w.now.Add(-time.Duration(days)*24*time.Hour)) {
			return true
		}
	}
	return false
}

func anyFollow(p *person, ok func(f app.Follow) bool) bool { return slices.ContainsFunc(p.follows, ok) }

func cases(w *world) []testCase {
	s1 := w.stores[0]
	days := func(n int) time.Time { return w.now.Add(-time.Duration(n) * 24 * time.Hour) }
	isMember := func(p *person, ok func(m *app.Member) bool) bool { return p.member != nil && ok(p.member) }
	return []testCase{
		{`{"field":"customer.name","cmp":"prefix","value":"张"}`, func(p *person) bool { return strings.HasPrefix(p.name, "张") }},
		{`{"field":"customer.name","cmp":"contains","value":"y_"}`, func(p *person) bool { return strings.Contains(p.name, "y_") }},
		{`{"field":"customer.name","cmp":"contains","value":"%"}`, func(p *person) bool { return strings.Contains(p.name, "%") }},
		{`{"field":"customer.gender","cmp":"in","value":["1","2"]}`, func(p *person) bool { return p.gender != 0 }},
		{`{"field":"follow.add_time","cmp":"within_days","value":30}`, func(p *person) bool {
			return anyFollow(p, func(f app.Follow) bool { return !f.AddTime.Before(days(30)) })
		}},
		{`{"field":"follow.userid","cmp":"ne","value":"g1"}`, func(p *person) bool {
			return !anyFollow(p, func(f app.Follow) bool { return f.UserID == "g1" })
		}},
		{`{"field":"tag","cmp":"any","value":["t1","t2"]}`, func(p *person) bool {
			return slices.Contains(p.tags, "t1") || slices.Contains(p.tags, "t2")
		}},
		{`{"field":"tag","cmp":"all","value":["t1","t2"]}`, func(p *person) bool {
			return slices.Contains(p.tags, "t1") && slices.Contains(p.tags, "t2")
		}},
		{`{"field":"tag","cmp":"none","value":["t3"]}`, func(p *person) bool { return !slices.Contains(p.tags, "t3") }},
		{`{"field":"owner.status","cmp":"eq","value":"pool"}`, func(p *person) bool { return p.ownerStatus == app.OwnerPool }},
		{fmt.Sprintf(`{"field":"owner.store_id","cmp":"eq","value":%d}`, s1), func(p *person) bool { return p.ownerStore == s1 }},
		{`{"field":"member.exists","cmp":"not"}`, func(p *person) bool { return p.member == nil }},
		{`{"field":"member.points","cmp":"between","value":[100,500]}`, func(p *person) bool {
			return isMember(p, func(m *app.Member) bool { return m.Points >= 100 && m.Points <= 500 })
		}},
		{`{"field":"member.birthday_month","cmp":"in","value":[1,2,3]}`, func(p *person) bool {
			return isMember(p, func(m *app.Member) bool { return m.Birthday[5:7] <= "03" })
		}},
		{`{"field":"touch.share_click","cmp":"within_days","value":7}`, func(p *person) bool { return w.recent(p, app.TouchShareClick, 7) }},
		{`{"field":"touch.add","cmp":"not_within_days","value":30}`, func(p *person) bool { return !w.recent(p, app.TouchAdd, 30) }},
		{`{"op":"or","rules":[{"op":"and","rules":[{"field":"tag","cmp":"any","value":["t1"]},{"field":"member.points","cmp":"gte","value":500}]},
		  {"op":"and","rules":[{"field":"owner.userid","cmp":"not_in","value":["g1","g2"]},{"field":"follow.state","cmp":"eq","value":"s1"}]}]}`,
			func(p *person) bool {
				a := slices.Contains(p.tags, "t1") && isMember(p, func(m *app.Member) bool { return m.Points >= 500 })
				b := p.owner != "g1" && p.owner != "g2" && anyFollow(p, func(f app.Follow) bool { return f.State == "s1" })
				return a || b
			}},
	}
}

// A bad rule is refused with every condition's path and reason at once.
func TestBadRulesAreRefusedWithTheirPath(t *testing.T) {
	_, err := segment.Check(rule(t, `{"op":"and","rules":[{"field":"nope","cmp":"eq","value":1},
		{"field":"member.points","cmp":"prefix","value":"1"},{"field":"tag","cmp":"any","value":[]},
		{"op":"xor","rules":[]},{"field":"follow.add_time","cmp":"within_days","value":0}]}`), time.UTC)
	var paths []string
	for _, f := range app.ErrorFields(err) {
		paths = append(paths, f.Field)
	}
	assert.Equal(t, []string{"rules[0].field", "rules[1].cmp", "rules[2].value", "rules[3].op", "rules[4].value"}, paths)
}

// A segment with a refresh period is materialized again once the period
// has passed, and not before; the last three snapshots are kept.
func TestScheduledRefresh(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		w := seed(t, d, 20)
		g, err := w.core.Segment.Create(w.ctx, w.corp, segment.Input{Name: "每小时", Rule: rule(t, `{"field":"member.exists","cmp":"is"}`), RefreshHours: 1})
		require.NoError(t, err)
		require.NoError(t, w.core.Segment.RefreshDue(w.ctx))
		again, err := w.core.Segment.Find(w.ctx, w.corp, g.ID)
		require.NoError(t, err)
		assert.Equal(t, 1, again.Version, "not due yet")
		for v := 2; v <= 5; v++ {
			_, err = d.SQL().Exec("UPDATE segments SET refreshed_at = ? WHERE id = ?", time.Now().UTC().Add(-2*time.Hour), g.ID)
			require.NoError(t, err)
			require.NoError(t, w.core.Segment.RefreshDue(w.ctx))
			again, err = w.core.Segment.Find(w.ctx, w.corp, g.ID)
			require.NoError(t, err)
			assert.Equal(t, v, again.Version)
			assert.Equal(t, g.Count, again.Count)
		}
		var versions []int
		rows, err := d.SQL().Query("SELECT DISTINCT version FROM segment_members WHERE segment_id = ? ORDER BY version", g.ID)
		require.NoError(t, err)
		defer rows.Close()
		for rows.Next() {
			var v int
			require.NoError(t, rows.Scan(&v))
			versions = append(versions, v)
		}
		assert.Equal(t, []int{3, 4, 5}, versions)
		kept, err := w.core.Segment.Versions(w.ctx, w.corp, g.ID)
		require.NoError(t, err)
		assert.Equal(t, []app.SegmentVersion{{Version: 5, Count: g.Count}, {Version: 4, Count: g.Count}, {Version: 3, Count: g.Count}}, kept,
			"the versions kept, newest first, each with its size")
		_, err = w.core.Segment.Create(w.ctx, w.corp, segment.Input{Name: "每小时", Rule: rule(t, `{"field":"member.exists","cmp":"is"}`)})
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "names are unique in a corp")
	})
}
