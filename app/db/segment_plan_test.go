package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Every plan of a rule (from the customers, or from the rows of any one
// of its conditions an index can find) counts, samples and materializes
// the same customers, each once, though a plan's first rows may name a
// customer many times. app/segment checks the plan chosen against the
// test's own evaluation; this checks the plans not chosen.
func TestEverySegmentPlanSelectsTheSame(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx, now := context.Background(), time.Now().UTC().Truncate(time.Second)
		w := seedPlanWorld(t, d, 300, now)
		s := db.NewSegmentStore(d)
		for i, rule := range planRules(w.stores) {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				id := int64(i + 1)
				runs, err := s.EverySegmentPlan(ctx, w.corp, id, rule, now)
				require.NoError(t, err)
				require.Greater(t, len(runs), 1, "a plan starts from a condition's rows")
				want := snapshot(t, s, w.corp, id, 1)
				require.NotEmpty(t, want)
				for v, r := range runs {
					assert.Equal(t, int64(len(want)), r.Count, r.Lead)
					assert.Equal(t, want[:min(3, len(want))], r.First, r.Lead)
					assert.Equal(t, int64(len(want)), r.Written, r.Lead)
					assert.Equal(t, want, snapshot(t, s, w.corp, id, v+1), r.Lead)
				}
			})
		}
	})
}

func planRules(stores [2]int64) []app.SegmentCond {
	return []app.SegmentCond{
		and(cond("rfm.stage", "in", "growth", "mature"), cond("tag", "any", "t1", "t2"), cond("owner.store_id", "in", stores[0]),
			cond("member.exists", "is"), cond("follow.add_time", "within_days", int64(60))),
		and(cond("member.tier", "eq", "金卡"), cond("touch.share_click", "within_days", int64(30)), cond("owner.userid", "not_in", "g1")),
		and(cond("rfm.class", "in", "value", "new"), cond("tag", "all", "t1", "t3"),
			app.SegmentCond{Op: "or", Kids: []app.SegmentCond{cond("customer.gender", "eq", "1"), cond("follow.userid", "eq", "g2")}}),
		and(cond("owner.status", "eq", "assigned"), cond("member.home_store_id", "eq", stores[1]), cond("follow.userid", "prefix", "g")),
		cond("touch.share_click", "within_days", int64(30)),
	}
}

func cond(field, cmp string, args ...any) app.SegmentCond {
	return app.SegmentCond{Field: field, Cmp: cmp, Args: args}
}

func and(kids ...app.SegmentCond) app.SegmentCond { return app.SegmentCond{Op: "and", Kids: kids} }

// snapshot reads every customer of version of segment id.
func snapshot(t *testing.T, s *db.SegmentStore, corp, id int64, version int) []string {
	var out []string
	for {
		page, err := s.SnapshotMembers(context.Background(), corp, id, version, last(out), 100)
		require.NoError(t, err)
		if out = append(out, page...); len(page) < 100 {
			return out
		}
	}
}

func last(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[len(xs)-1]
}
