package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

const syncTable = "wecom_syncs"

// CreateSync starts a run, or returns the corp's run already under way so
// two "sync now" clicks make one sync.
func (s *DirectoryStore) CreateSync(ctx context.Context, corpID int64) (*app.SyncRun, bool, error) {
	if run, err := s.RunningSync(ctx, corpID); err == nil {
		return run, false, nil
	} else if app.ErrorCode(err) != app.ENOTFOUND {
		return nil, false, err
	}
	now := time.Now().UTC()
	run := &app.SyncRun{CorpID: corpID, Kind: app.SyncFull, Status: app.SyncRunning, Phase: app.SyncPhaseStaff,
		CursorJSON: "{}", StartedAt: now, UpdatedAt: now}
	err := s.db.with(ctx).Table(syncTable).Create(run).Error
	return run, true, domainError(err, "同步任务")
}

// RunningSync returns the corp's run under way.
func (s *DirectoryStore) RunningSync(ctx context.Context, corpID int64) (*app.SyncRun, error) {
	var run app.SyncRun
	err := s.db.with(ctx).Table(syncTable).Where("corp_id = ? AND status = ?", corpID, app.SyncRunning).Order("id").Take(&run).Error
	return &run, domainError(err, "同步任务")
}

// FindSync returns a run by id.
func (s *DirectoryStore) FindSync(ctx context.Context, id int64) (*app.SyncRun, error) {
	var run app.SyncRun
	err := s.db.with(ctx).Table(syncTable).Where("id = ?", id).Take(&run).Error
	return &run, domainError(err, "同步任务")
}

// SaveSync writes a run's progress; call it in the transaction that wrote
// the page the progress describes.
func (s *DirectoryStore) SaveSync(ctx context.Context, run *app.SyncRun) error {
	run.UpdatedAt = time.Now().UTC()
	return domainError(s.db.with(ctx).Table(syncTable).Where("id = ?", run.ID).Select("*").Omit("id").Updates(run).Error, "同步任务")
}
