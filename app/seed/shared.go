package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// writeShared writes what is not any one customer's: the organisation,
// the rule versions, the mass sends with their guides' chunks, group
// SOPs and their fires, referral campaigns and WeCom's chat figures.
func (w *world) writeShared(ctx context.Context, st app.SeedStore) error {
	e, err := newEmit(ctx, st)
	if err != nil {
		return err
	}
	have := func(table, key string) (map[string]int64, int64, error) {
		ids, err := st.IDs(ctx, w.corp, table, key)
		if err != nil {
			return nil, 0, err
		}
		next, err := st.NextID(ctx, table)
		return ids, next, err
	}
	err = w.planOrg(e, have)
	if err == nil {
		err = e.flush(w.counts) // the next ids below must see these rows
	}
	if err == nil {
		err = w.planRules(ctx, st, e)
	}
	if err == nil {
		err = w.planActivities(ctx, st, e)
	}
	if err != nil {
		e.close(w.counts)
		return err
	}
	w.guideRows(e)
	return e.close(w.counts)
}

// planRules uses the corp's rule versions, or writes two: credits of
// orders paid before the second came out exist under both.
func (w *world) planRules(ctx context.Context, st app.SeedStore, e *emit) error {
	ids, err := st.RuleVersions(ctx, w.corp)
	if err != nil {
		return err
	}
	w.rules.changed = w.day(w.o.Days / 2)
	if len(ids) > 0 {
		w.rules.rec = ids[len(ids)-1]
		if len(ids) > 1 {
			w.rules.old = ids[len(ids)-2]
		}
		return nil
	}
	next, err := st.NextID(ctx, tRules.name)
	if err != nil {
		return err
	}
	for v, at := range []time.Time{w.w0.AddDate(0, 0, -60), w.rules.changed} {
		e.row(tRules, next+int64(v), w.corp, 0, v+1, `["owner","share","adder_last","pos_guide","store"]`, 7, 30, 30*v, app.BindingPermanent,
			0, false, 30, 7, fmt.Sprintf("种子规则 v%d", v+1), "seed", at)
	}
	w.rules.old, w.rules.rec = next, next+1
	return nil
}

// planActivities lays out the mass sends, SOPs and referral campaigns
// (with their channels) and writes their rows.
func (w *world) planActivities(ctx context.Context, st app.SeedStore, e *emit) error {
	var next [4]int64
	for i, t := range []string{tSends.name, tSOPs.name, tCampaigns.name, tChannels.name} {
		id, err := st.NextID(ctx, t)
		if err != nil {
			return err
		}
		next[i] = id
	}
	w.planSends(e, next[0])
	w.planSOPs(e, next[1])
	w.planCampaigns(e, next[2], next[3])
	return nil
}
