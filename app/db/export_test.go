package db

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// SetCommonTagRows lets a test with a few customers take the list's
// common-tag path too.
func (s *DirectoryStore) SetCommonTagRows(n int64) { s.commonTagRows = n }

// SetFireBatch lets a test with a few customers insert an everyone-step's
// fires in several batches.
func (s *JourneyStore) SetFireBatch(n int) { s.batch = n }

// SegmentPlanRun is what one plan of a segment rule found.
type SegmentPlanRun struct {
	Lead    string // the field of the condition the plan starts from; "" for the customers
	Count   int64
	First   []string // the first 3 customers, by external_userid
	Written int64    // rows materialized as the run's version
}

// EverySegmentPlan runs cond under each plan it has, from the customers
// and then from each condition an index finds the rows of: counts it,
// takes its first 3 customers and materializes it as version i+1 of
// segment id, so a test can check that every plan selects the same.
func (s *SegmentStore) EverySegmentPlan(ctx context.Context, corpID, id int64, cond app.SegmentCond, now time.Time) ([]SegmentPlanRun, error) {
	conds := append(conjuncts(cond), standing)
	var out []SegmentPlanRun
	for lead := -1; lead < len(conds); lead++ {
		if lead >= 0 && driveIndex(conds[lead]) == "" {
			continue
		}
		p, run := plan{corpID: corpID, now: now}, SegmentPlanRun{}
		for i := range conds {
			if i == lead {
				p.lead, run.Lead = &conds[i], conds[i].Field
			} else {
				p.tests = append(p.tests, conds[i])
			}
		}
		err := s.probing(ctx, func(ctx context.Context) (err error) {
			if run.Count, err = s.count(ctx, p); err == nil {
				run.First, err = s.first(ctx, p, 3)
			}
			if err == nil {
				run.Written, err = s.materialize(ctx, p, id, len(out)+1)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("lead %q: %w", run.Lead, err)
		}
		out = append(out, run)
	}
	return out, nil
}

// Session is the session a store's query with ctx runs on: the
// transaction ctx carries, or the pool.
func (db *DB) Session(ctx context.Context) *gorm.DB { return db.with(ctx) }
