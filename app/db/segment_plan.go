package db

import (
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// A segment's conditions are AND-ed parts (conjuncts) that every selected
// customer meets. Testing each of a million customers against them costs
// an index lookup by external_userid per customer and condition, seconds
// in all; so when few of a sample of the customers meet one that an index
// can find the rows of, the query starts from those rows (the lead) and
// tests only their customers (segment_cost.go weighs the two). The others
// are tested cheapest first for the customers they rule out, so most
// customers fail at the first.
// The database is left no choice of order: asked to choose, it joined the
// conditions in an order guessed from rough statistics and ran for minutes.

// plan is how one rule is read at now: lead, if any, is the condition the
// query starts from; tests are the others, most selective first.
type plan struct {
	corpID int64
	now    time.Time
	lead   *app.SegmentCond
	tests  []app.SegmentCond
}

// conjuncts lists the parts of cond every customer it selects meets: its
// AND-ed groups flattened, "all of these tags" as one condition a tag.
func conjuncts(cond app.SegmentCond) []app.SegmentCond {
	cond = allTags(cond)
	if cond.Op != "and" {
		return []app.SegmentCond{cond}
	}
	var out []app.SegmentCond
	for _, k := range cond.Kids {
		out = append(out, conjuncts(k)...)
	}
	return out
}

// newPlan plans conds, of which hits[i] of sampled customers meet
// conds[i]: the tests in rank order, led by whichever condition an index
// finds the rows of makes the plan cheapest by estimate, if any does.
func newPlan(corpID int64, now time.Time, conds []app.SegmentCond, hits []int64, sampled int64) plan {
	e := newEstimate(conds, hits, sampled)
	order := e.ranked()
	lead, least := -1, e.cost(-1, order)
	for _, i := range order {
		if c := e.cost(i, order); driveIndex(conds[i]) != "" && c < least {
			lead, least = i, c
		}
	}
	p := plan{corpID: corpID, now: now}
	for _, i := range order {
		if i == lead {
			p.lead = &conds[i]
		} else {
			p.tests = append(p.tests, conds[i])
		}
	}
	return p
}

// body is the plan's FROM … WHERE over the customers (alias c), with its
// bound values, in the words of MySQL or of SQLite. When the plan has a
// lead, a customer may come more than once (one row per tag, say).
func (p plan) body(mysql bool) (string, []any) {
	key, from, where, args := "c.external_userid", "customers c", "c.corp_id = ?", []any{p.corpID}
	if p.lead != nil {
		join, hint := "CROSS JOIN", ""
		if mysql {
			join, hint = "STRAIGHT_JOIN", " FORCE INDEX ("+driveIndex(*p.lead)+")"
		}
		from, where, args, key = drives[prefixOf(*p.lead)].from(*p.lead, p.corpID, p.now, join, hint)
	}
	for _, t := range p.tests {
		sql, a := segmentWhere(t, p.corpID, p.now, key)
		where, args = where+" AND ("+sql+")", append(args, a...)
	}
	return from + " WHERE " + where, args
}

// prefixOf is the relation a condition's field is of.
func prefixOf(cond app.SegmentCond) string {
	prefix, _, _ := strings.Cut(cond.Field, ".")
	return prefix
}
