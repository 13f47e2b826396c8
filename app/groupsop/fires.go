package groupsop

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// dueFires lists the fires of sop falling due in its window ending now:
// from the catch-up limit (or the step's start, if later) to now.
func (s *Service) dueFires(ctx context.Context, sop *app.GroupSOP, now time.Time, zone *time.Location) ([]app.GroupSOPFire, error) {
	groups, err := s.Groups.MatchGroups(ctx, sop.CorpID, sop.Selection)
	if err != nil || len(groups) == 0 {
		return nil, err
	}
	from := now.Add(-time.Duration(sop.CatchUpHours) * time.Hour)
	joins, err := s.joins(ctx, sop, groups, from)
	if err != nil {
		return nil, err
	}
	var out []app.GroupSOPFire
	for _, st := range sop.Steps {
		w := window{From: from, To: now, Zone: zone}
		if st.Since.After(w.From) {
			w.From = st.Since
		}
		for _, g := range groups {
			for _, d := range stepDue(st, g, joins[g.ChatID], w) {
				out = append(out, app.GroupSOPFire{CorpID: sop.CorpID, SOPID: sop.ID, StepID: st.ID, ChatID: g.ChatID,
					Occurrence: d.Occurrence, Owner: g.Owner, DueAt: d.At})
			}
		}
	}
	return out, nil
}

// stepDue lists step st's occurrences in group g within w.
func stepDue(st app.GroupSOPStep, g app.SOPGroup, joins []app.SOPJoin, w window) []due {
	switch st.Kind {
	case app.GroupStepDate:
		return dateDue(st, w)
	case app.GroupStepWeekly:
		return weeklyDue(st, w)
	case app.GroupStepAfterCreate:
		if g.CreateTime != nil {
			return afterDue(st, *g.CreateTime, "", w)
		}
	case app.GroupStepAfterJoin:
		var out []due
		for _, j := range joins {
			out = append(out, afterDue(st, j.JoinTime, j.MemberID, w)...)
		}
		return out
	}
	return nil
}

// joins reads the joins an after_join step of sop may fire for, by group:
// those whose day plus the step's days may fall after from.
func (s *Service) joins(ctx context.Context, sop *app.GroupSOP, groups []app.SOPGroup, from time.Time) (map[string][]app.SOPJoin, error) {
	maxDays := -1
	for _, st := range sop.Steps {
		if st.Kind == app.GroupStepAfterJoin && st.Days > maxDays {
			maxDays = st.Days
		}
	}
	if maxDays < 0 {
		return nil, nil
	}
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ChatID
	}
	js, err := s.Groups.Joins(ctx, sop.CorpID, ids, from.AddDate(0, 0, -maxDays-2))
	by := map[string][]app.SOPJoin{}
	for _, j := range js {
		by[j.ChatID] = append(by[j.ChatID], j)
	}
	return by, err
}
