package db

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

// A plan leads with the indexed condition that makes it cheapest by
// estimate, if one does, and tests the others cheapest first for the
// customers they rule out, the standing relation (all pass) last.
func TestSegmentPlanOrder(t *testing.T) {
	tag := app.SegmentCond{Field: "tag", Cmp: "any", Args: []any{"t1"}}
	store := app.SegmentCond{Field: "owner.store_id", Cmp: "in", Args: []any{int64(1)}}
	stage := app.SegmentCond{Field: "rfm.stage", Cmp: "in", Args: []any{"growth"}}
	noTag := app.SegmentCond{Field: "tag", Cmp: "none", Args: []any{"t2"}}
	name := app.SegmentCond{Field: "customer.name", Cmp: "contains", Args: []any{"张"}}
	member := app.SegmentCond{Field: "member.exists", Cmp: "is"}
	tests := []struct {
		name  string
		conds []app.SegmentCond
		hits  []int64
		lead  string
		tests []string
	}{
		{"FewestLead", []app.SegmentCond{tag, store, stage, standing}, []int64{40, 40, 20, 100}, "rfm.stage",
			[]string{"owner.store_id", "tag", "follow.standing"}},
		{"CustomerColumnsKeepTheCustomers", []app.SegmentCond{store, name, standing}, []int64{50, 30, 100}, "",
			[]string{"customer.name", "owner.store_id", "follow.standing"}},
		{"HalfLeadsWhenCheaper", []app.SegmentCond{member, standing}, []int64{50, 100}, "member.exists",
			[]string{"follow.standing"}},
		{"NegationDoesNotLead", []app.SegmentCond{noTag, store, standing}, []int64{5, 45, 100}, "owner.store_id",
			[]string{"tag", "follow.standing"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPlan(1, time.Now(), tc.conds, tc.hits, 100)
			lead := ""
			if p.lead != nil {
				lead = p.lead.Field
			}
			var fields []string
			for _, c := range p.tests {
				fields = append(fields, c.Field)
			}
			assert.Equal(t, tc.lead, lead)
			assert.Equal(t, tc.tests, fields)
		})
	}
}
