package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// SyncStates returns the sync state of every corp of the deployment, in
// corp id order. It is the reconcile's own cross-corp read: each row it
// acts on is then scoped to its corp.
func (s *DirectoryStore) SyncStates(ctx context.Context) ([]app.SyncState, error) {
	var ids []int64
	if err := s.db.with(ctx).Table("corps").Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, domainError(err, "企业")
	}
	latest, err := s.latestSyncs(ctx, "")
	if err != nil {
		return nil, err
	}
	done, err := s.latestSyncs(ctx, app.SyncDone)
	if err != nil {
		return nil, err
	}
	states := make(map[int64]*app.SyncState, len(ids))
	out := make([]app.SyncState, len(ids))
	for i, id := range ids {
		out[i].CorpID = id
		states[id] = &out[i]
	}
	for _, r := range latest {
		if st := states[r.CorpID]; st != nil {
			st.LastAttempt = &r.StartedAt
			if r.FinishedAt != nil {
				st.LastAttempt = r.FinishedAt
			}
			if r.Status == app.SyncRunning {
				st.Running = r
			}
		}
	}
	for _, r := range done {
		if st := states[r.CorpID]; st != nil {
			st.LastDone = r.FinishedAt
		}
	}
	return out, nil
}

// latestSyncs returns each corp's newest run, or newest run in status.
// A corp runs one sync at a time, so the newest is the running one if any.
func (s *DirectoryStore) latestSyncs(ctx context.Context, status string) ([]*app.SyncRun, error) {
	newest := s.db.with(ctx).Table(syncTable).Select("MAX(id)").Group("corp_id")
	if status != "" {
		newest = newest.Where("status = ?", status)
	}
	var runs []*app.SyncRun
	err := s.db.with(ctx).Table(syncTable).Where("id IN (?)", newest).Find(&runs).Error
	return runs, domainError(err, "同步任务")
}
