package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// GroupSOPStore keeps group SOPs and their fire ledger; app/groupsop is
// its only writer. It reads the group mirror (customer_groups,
// group_members, app/directory's) and guides (app/org's) to select groups.
// Every query is scoped to one corp.
type GroupSOPStore struct{ db *DB }

// NewGroupSOPStore returns a GroupSOPStore on db.
func NewGroupSOPStore(db *DB) *GroupSOPStore { return &GroupSOPStore{db: db} }

// CreateSOP inserts s; a name the corp already uses is a conflict.
func (st *GroupSOPStore) CreateSOP(ctx context.Context, s *app.GroupSOP) error {
	now := time.Now().UTC()
	s.CreatedAt, s.UpdatedAt = now, now
	if s.Steps == nil {
		s.Steps = []app.GroupSOPStep{} // stored as [], never null
	}
	return domainError(st.db.with(ctx).Table("group_sops").Create(s).Error, "社群SOP名称")
}

// SaveSOP writes s's editable fields and status.
func (st *GroupSOPStore) SaveSOP(ctx context.Context, s *app.GroupSOP) error {
	s.UpdatedAt = time.Now().UTC()
	if s.Steps == nil {
		s.Steps = []app.GroupSOPStep{}
	}
	res := st.db.with(ctx).Table("group_sops").Where("corp_id = ? AND id = ?", s.CorpID, s.ID).
		Select("name", "status", "selection", "steps", "next_step_id", "catch_up_hours", "updated_at").Updates(s)
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "社群SOP不存在")
	}
	return domainError(res.Error, "社群SOP名称")
}

// FindSOP returns SOP id of corpID.
func (st *GroupSOPStore) FindSOP(ctx context.Context, corpID, id int64) (*app.GroupSOP, error) {
	var s app.GroupSOP
	err := st.db.with(ctx).Table("group_sops").Where("corp_id = ? AND id = ?", corpID, id).Take(&s).Error
	return &s, domainError(err, "社群SOP")
}

// ListSOPs returns the corp's SOPs, newest first.
func (st *GroupSOPStore) ListSOPs(ctx context.Context, corpID int64) ([]app.GroupSOP, error) {
	var ss []app.GroupSOP
	err := st.db.with(ctx).Table("group_sops").Where("corp_id = ?", corpID).Order("id DESC").Find(&ss).Error
	return ss, domainError(err, "社群SOP")
}

// ActiveSOPs returns the corp's active SOPs, for the tick.
func (st *GroupSOPStore) ActiveSOPs(ctx context.Context, corpID int64) ([]app.GroupSOP, error) {
	var ss []app.GroupSOP
	err := st.db.with(ctx).Table("group_sops").Where("corp_id = ? AND status = ?", corpID, app.GroupSOPActive).
		Order("id").Find(&ss).Error
	return ss, domainError(err, "社群SOP")
}

// RecordFires inserts fs, pending; a key already in the ledger is left as
// it is, so a fire is recorded once however many ticks see it due.
func (st *GroupSOPStore) RecordFires(ctx context.Context, fs []app.GroupSOPFire) error {
	if len(fs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for i := range fs {
		fs[i].Status, fs[i].CreatedAt, fs[i].DueAt = app.GroupFirePending, now, fs[i].DueAt.UTC()
	}
	err := st.db.with(ctx).Table("group_sop_fires").Clauses(clause.OnConflict{DoNothing: true}).
		Omit("id").CreateInBatches(fs, 500).Error
	return domainError(err, "社群SOP记录")
}

// PendingFires returns up to limit fires of SOP id whose task is not given
// yet, after the id after.
func (st *GroupSOPStore) PendingFires(ctx context.Context, corpID, id, after int64, limit int) ([]app.GroupSOPFire, error) {
	var fs []app.GroupSOPFire
	err := st.db.with(ctx).Table("group_sop_fires").Where("sop_id = ? AND status = ? AND id > ? AND corp_id = ?",
		id, app.GroupFirePending, after, corpID).Order("id").Limit(limit).Find(&fs).Error
	return fs, domainError(err, "社群SOP记录")
}

// FinishFire marks fire id of corpID done: its owner has the task.
func (st *GroupSOPStore) FinishFire(ctx context.Context, corpID, id int64) error {
	err := st.db.with(ctx).Table("group_sop_fires").Where("corp_id = ? AND id = ?", corpID, id).
		Updates(map[string]any{"status": app.GroupFireDone, "done_at": time.Now().UTC()}).Error
	return domainError(err, "社群SOP记录")
}

// Fires returns every fire of SOP id, in id order, for reports and tests.
func (st *GroupSOPStore) Fires(ctx context.Context, corpID, id int64) ([]app.GroupSOPFire, error) {
	var fs []app.GroupSOPFire
	err := st.db.with(ctx).Table("group_sop_fires").Where("corp_id = ? AND sop_id = ?", corpID, id).Order("id").Find(&fs).Error
	return fs, domainError(err, "社群SOP记录")
}
