package db

import (
	"context"
	"slices"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// FinishEvents is FinishEvent for many events at once, in two statements
// per corp in the normal case: it locks the stored rows of es, moves the
// pending ones to status and reports, per event, whether this call did it.
// Like FinishEvent it must run first in the transaction writing the
// effects; the locks make a concurrent duplicate wait, then find nothing
// to do. Events the inbox lacks (only the queue held them) go through
// FinishEvent one by one: that path is for recovery, not for bursts.
func (s *InboxStore) FinishEvents(ctx context.Context, es []*app.InboxEvent, status string) ([]bool, error) {
	first := make([]bool, len(es))
	for corpID, idx := range byCorp(es) {
		stored, err := s.lockEvents(ctx, corpID, keysOf(es, idx))
		if err != nil {
			return nil, err
		}
		var claim []string
		for _, i := range idx {
			st, ok := stored[es[i].DedupeKey]
			if ok && st == app.InboxPending && !slices.Contains(claim, es[i].DedupeKey) {
				claim, first[i] = append(claim, es[i].DedupeKey), true
			}
			if !ok {
				if first[i], err = s.FinishEvent(ctx, es[i], status); err != nil {
					return nil, err
				}
				stored[es[i].DedupeKey] = status
			}
		}
		if err := s.claimEvents(ctx, corpID, claim, status); err != nil {
			return nil, err
		}
	}
	return first, nil
}

// lockEvents locks the rows of keys (in key order, so two batches sharing
// events cannot deadlock) and returns their status by key.
func (s *InboxStore) lockEvents(ctx context.Context, corpID int64, keys []string) (map[string]string, error) {
	var rows []struct{ DedupeKey, Status string }
	err := s.db.with(ctx).Table(inboxTable).Select("dedupe_key", "status").Clauses(clause.Locking{Strength: "UPDATE"}).
		Where("corp_id = ? AND dedupe_key IN ?", corpID, keys).Order("dedupe_key").Find(&rows).Error
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.DedupeKey] = r.Status
	}
	return out, domainError(err, "事件")
}

func (s *InboxStore) claimEvents(ctx context.Context, corpID int64, keys []string, status string) error {
	if len(keys) == 0 {
		return nil
	}
	err := s.db.with(ctx).Table(inboxTable).Where("corp_id = ? AND dedupe_key IN ? AND status = ?", corpID, keys, app.InboxPending).
		Updates(map[string]any{"status": status, "applied_at": time.Now().UTC()}).Error
	return domainError(err, "事件")
}

// byCorp groups the indexes of es by corp.
func byCorp(es []*app.InboxEvent) map[int64][]int {
	out := map[int64][]int{}
	for i, e := range es {
		out[e.CorpID] = append(out[e.CorpID], i)
	}
	return out
}

func keysOf(es []*app.InboxEvent, idx []int) []string {
	keys := make([]string, len(idx))
	for n, i := range idx {
		keys[n] = es[i].DedupeKey
	}
	slices.Sort(keys)
	return keys
}
