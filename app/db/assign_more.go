package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// SetChannelTurn remembers whom a round-robin channel served last.
func (s *AssignStore) SetChannelTurn(ctx context.Context, corpID, channelID int64, userID string) error {
	err := s.db.with(ctx).Table("channels").Where("corp_id = ? AND id = ?", corpID, channelID).Update("last_userid", userID).Error
	return domainError(err, "渠道")
}

// ChannelTurn returns whom a round-robin channel served last.
func (s *AssignStore) ChannelTurn(ctx context.Context, corpID, channelID int64) (string, error) {
	var last string
	err := s.db.with(ctx).Table("channels").Select("last_userid").Where("corp_id = ? AND id = ?", corpID, channelID).Scan(&last).Error
	return last, domainError(err, "渠道")
}

// AddTask creates t unless a task of its kind and source exists; created
// reports which, so retried work never makes a second task.
func (s *AssignStore) AddTask(ctx context.Context, t *app.GuideTask) (bool, error) {
	now := time.Now().UTC()
	t.CreatedAt, t.UpdatedAt = now, now
	if t.Status == "" {
		t.Status = app.TaskOpen
	}
	res := s.db.with(ctx).Table("guide_tasks").Clauses(clause.OnConflict{DoNothing: true}).Create(t)
	return res.RowsAffected == 1, domainError(res.Error, "导购任务")
}

// OpenTasks lists a guide's open tasks, about one customer when
// externalUserID is set.
func (s *AssignStore) OpenTasks(ctx context.Context, corpID int64, userID, externalUserID string) ([]app.GuideTask, error) {
	q := s.db.with(ctx).Table("guide_tasks").Where("corp_id = ? AND userid = ? AND status = ?", corpID, userID, app.TaskOpen)
	if externalUserID != "" {
		q = q.Where("external_userid = ?", externalUserID)
	}
	var out []app.GuideTask
	return out, domainError(q.Order("id").Limit(app.MaxPageSize).Find(&out).Error, "导购任务")
}

// ClaimWelcome stores w (status sending) as the add's welcome, or returns
// the one stored before: a welcome is attempted for one add at most once
// unless its outcome is still unknown.
func (s *AssignStore) ClaimWelcome(ctx context.Context, w *app.WelcomeSend) (*app.WelcomeSend, error) {
	now := time.Now().UTC()
	w.CreatedAt, w.UpdatedAt = now, now
	err := s.db.with(ctx).Table("welcome_sends").Create(w).Error
	if err == nil || !errors.Is(err, gorm.ErrDuplicatedKey) {
		return w, domainError(err, "欢迎语记录")
	}
	var stored app.WelcomeSend
	err = s.db.with(ctx).Table("welcome_sends").Where("corp_id = ? AND event_key = ?", w.CorpID, w.EventKey).Take(&stored).Error
	return &stored, domainError(err, "欢迎语记录")
}

// FinishWelcome records what became of the add's welcome.
func (s *AssignStore) FinishWelcome(ctx context.Context, w *app.WelcomeSend) error {
	w.UpdatedAt = time.Now().UTC()
	err := s.db.with(ctx).Table("welcome_sends").Where("corp_id = ? AND event_key = ?", w.CorpID, w.EventKey).
		Updates(map[string]any{"status": w.Status, "content": w.Content, "error": w.Error, "sent_at": w.SentAt, "updated_at": w.UpdatedAt}).Error
	return domainError(err, "欢迎语记录")
}

// Names returns the display names the welcome template needs: the
// member's and the customer's, empty when not known yet.
func (s *AssignStore) Names(ctx context.Context, corpID int64, userID, externalUserID string) (staff, customer string, err error) {
	err = s.db.with(ctx).Table("staff").Select("name").Where("corp_id = ? AND userid = ?", corpID, userID).Scan(&staff).Error
	if err == nil {
		err = s.db.with(ctx).Table("customers").Select("name").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).Scan(&customer).Error
	}
	return staff, customer, domainError(err, "名称")
}

// PooledOwners lists up to limit customers of corpID waiting in the pool,
// least recently tried first: a pooled owner's updated_at is when it was
// pooled or last tried (TouchOwner), so customers nobody can take yet go
// to the back rather than filling every pass.
func (s *AssignStore) PooledOwners(ctx context.Context, corpID int64, limit int) ([]app.Owner, error) {
	var out []app.Owner
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND status = ?", corpID, app.OwnerPool).
		Order("updated_at, external_userid").Limit(app.PageLimit(limit, 100)).Find(&out).Error
	return out, domainError(err, "客户归属")
}

// TouchOwner records that pooled owner o was tried and could not be placed.
func (s *AssignStore) TouchOwner(ctx context.Context, o app.Owner) error {
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND scope = ? AND external_userid = ?", o.CorpID, o.Scope, o.ExternalUserID).
		Update("updated_at", time.Now().UTC()).Error
	return domainError(err, "客户归属")
}

// GuidesByUserID returns the corp's guide bindings of userIDs, by userid;
// members who are not guides are absent.
func (s *AssignStore) GuidesByUserID(ctx context.Context, corpID int64, userIDs []string) (map[string]app.Guide, error) {
	var gs []app.Guide
	err := s.db.with(ctx).Table("guides").Where("corp_id = ? AND userid IN ?", corpID, userIDs).Find(&gs).Error
	out := make(map[string]app.Guide, len(gs))
	for _, g := range gs {
		out[g.UserID] = g
	}
	return out, domainError(err, "导购")
}

// StoreNames returns the code and name of the corp's store id.
func (s *AssignStore) StoreNames(ctx context.Context, corpID, id int64) (code, name string, err error) {
	var row struct{ Code, Name string }
	err = s.db.with(ctx).Table("stores").Select("code, name").Where("corp_id = ? AND id = ?", corpID, id).Take(&row).Error
	return row.Code, row.Name, domainError(err, "门店")
}
