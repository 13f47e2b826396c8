package db

import (
	"math"
	"sort"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// A plan's cost is estimated in index lookups per customer of the corp,
// from the share of sampled customers meeting each condition, taken as
// independent. Reading a row of an index is counted a tenth of a lookup.

// estimate is what a plan knows of its conditions.
type estimate struct {
	conds  []app.SegmentCond
	shares []float64 // of sampled customers meeting each
}

func newEstimate(conds []app.SegmentCond, hits []int64, sampled int64) estimate {
	e := estimate{conds: conds, shares: make([]float64, len(conds))}
	for i, h := range hits {
		if sampled > 0 {
			e.shares[i] = float64(h) / float64(sampled)
		}
	}
	return e
}

// ranked orders the conditions so that those cheapest for the customers
// they rule out come first: lookups over the share failing (all pass:
// last).
func (e estimate) ranked() []int {
	rank := func(i int) float64 {
		if e.shares[i] >= 1 {
			return math.Inf(1)
		}
		return lookups(e.conds[i]) / (1 - e.shares[i])
	}
	order := make([]int, len(e.conds))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rank(order[a]) < rank(order[b]) })
	return order
}

// cost estimates the plan led by conds[lead] (-1: by the customers) with
// the others tested in order. A lead's row is joined to its customer after
// the tests on the key and before those on the customer's own columns.
func (e estimate) cost(lead int, order []int) float64 {
	if lead < 0 {
		all, _ := e.tests(order, -1, func(app.SegmentCond) bool { return true })
		return 0.1 + all
	}
	onKey, pass := e.tests(order, lead, func(c app.SegmentCond) bool { return !onCustomer(c) })
	onRow, _ := e.tests(order, lead, onCustomer)
	reach := 0.0
	if drives[prefixOf(e.conds[lead])].join != "" {
		reach = 1
	}
	return e.shares[lead] * (0.1 + reach + onKey + pass*(1+onRow))
}

// tests returns the lookups testing a customer against the conditions in
// order that which picks (but skip) takes, each taken only by those who
// passed the ones before, and the share passing them all.
func (e estimate) tests(order []int, skip int, which func(app.SegmentCond) bool) (float64, float64) {
	sum, pass := 0.0, 1.0
	for _, i := range order {
		if i != skip && which(e.conds[i]) {
			sum, pass = sum+pass*lookups(e.conds[i]), pass*e.shares[i]
		}
	}
	return sum, pass
}

// lookups is about how many index lookups testing cond takes: one for a
// relation, two for a relation of two tables, a tenth for the customer's
// own columns.
func lookups(cond app.SegmentCond) float64 {
	sum := 0.0
	for _, k := range cond.Kids {
		sum += lookups(k)
	}
	switch prefix := prefixOf(cond); {
	case cond.Op != "":
		return sum
	case prefix == "customer":
		return 0.1
	case strings.Contains(relations[prefix].from, " JOIN "):
		return 2
	}
	return 1
}

// onCustomer tells whether cond reads the customer's own columns.
func onCustomer(cond app.SegmentCond) bool {
	for _, k := range cond.Kids {
		if onCustomer(k) {
			return true
		}
	}
	return cond.Op == "" && prefixOf(cond) == "customer"
}
