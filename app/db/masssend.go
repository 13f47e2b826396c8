package db

import (
	"context"
	"errors"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"gorm.io/gorm"
)

// MassSendStore keeps mass sends, their uploaded lists, recipients, the
// chunk ledger and reminders; app/masssend is their only writer. Every
// query is scoped to one corp.
type MassSendStore struct{ db *DB }

// NewMassSendStore returns a MassSendStore on db.
func NewMassSendStore(db *DB) *MassSendStore { return &MassSendStore{db: db} }

func (s *MassSendStore) mysql() bool { return s.db.dialect == config.DriverMySQL }

// CreateMassSend inserts ms and, for a list audience, its customers (once
// each), in one transaction.
func (s *MassSendStore) CreateMassSend(ctx context.Context, ms *app.MassSend, uploads []string) error {
	now := time.Now().UTC()
	ms.CreatedAt, ms.UpdatedAt, ms.SendAt = now, now, ms.SendAt.UTC()
	return s.db.InTx(ctx, func(ctx context.Context) error {
		if err := s.db.with(ctx).Table("mass_sends").Create(ms).Error; err != nil {
			return domainError(err, "群发")
		}
		type upload struct {
			CorpID, SendID int64
			ExternalUserID string `gorm:"column:external_userid"`
		}
		seen := map[string]bool{}
		rows := make([]upload, 0, len(uploads))
		for _, u := range uploads {
			if !seen[u] {
				seen[u] = true
				rows = append(rows, upload{ms.CorpID, ms.ID, u})
			}
		}
		if len(rows) == 0 {
			return nil
		}
		return domainError(s.db.with(ctx).Table("mass_send_uploads").CreateInBatches(rows, 500).Error, "群发客户名单")
	})
}

// CreateSourcedMassSend inserts ms, made for ms.SourceKey, with target
// as its one listed customer (or group); false, and nothing written, when
// a send for that key exists already (also one committing concurrently:
// the unique (corp_id, source_key) decides).
func (s *MassSendStore) CreateSourcedMassSend(ctx context.Context, ms *app.MassSend, target string) (bool, error) {
	err := s.CreateMassSend(ctx, ms, []string{target})
	if app.ErrorCode(err) == app.ECONFLICT && errors.Is(err, gorm.ErrDuplicatedKey) {
		return false, nil
	}
	return err == nil, err
}

// FindMassSend returns send id of corpID.
func (s *MassSendStore) FindMassSend(ctx context.Context, corpID, id int64) (*app.MassSend, error) {
	var ms app.MassSend
	err := s.db.with(ctx).Table("mass_sends").Where("corp_id = ? AND id = ?", corpID, id).Take(&ms).Error
	return &ms, domainError(err, "群发")
}

// ListMassSends pages a corp's sends, newest first, with the total.
func (s *MassSendStore) ListMassSends(ctx context.Context, corpID int64, f app.MassSendFilter) ([]app.MassSend, int64, error) {
	q := s.db.with(ctx).Table("mass_sends").Where("corp_id = ?", corpID)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	if f.After > 0 {
		q = q.Where("id < ?", f.After)
	}
	var out []app.MassSend
	err := q.Order("id DESC").Limit(app.PageLimit(f.Limit, 20)).Find(&out).Error
	return out, total, err
}

// SetMassSendStatus moves a send from one of from to to; false when it
// was in none of them.
func (s *MassSendStore) SetMassSendStatus(ctx context.Context, corpID, id int64, from []string, to string, now time.Time) (bool, error) {
	set := map[string]any{"status": to, "updated_at": now}
	if to == app.MassSendDone || to == app.MassSendCancelled {
		set["finished_at"] = now
	}
	res := s.db.with(ctx).Table("mass_sends").Where("corp_id = ? AND id = ? AND status IN ?", corpID, id, from).Updates(set)
	return res.RowsAffected > 0, res.Error
}

// ActiveMassSends lists every corp's sends that need work at now: due
// scheduled ones, those sending or tracking, and cancelled ones with
// chunks whose WeCom task may still need cancelling.
func (s *MassSendStore) ActiveMassSends(ctx context.Context, now time.Time) ([]app.MassSend, error) {
	var out []app.MassSend
	err := s.db.with(ctx).Table("mass_sends").
		Where(`(status = ? AND send_at <= ?) OR status IN ? OR (status = ? AND EXISTS (SELECT 1 FROM mass_send_chunks c
		WHERE c.send_id = mass_sends.id AND c.state IN ?))`, app.MassSendScheduled, now.UTC(), []string{app.MassSendSending, app.MassSendTracking},
			app.MassSendCancelled, []string{app.ChunkCreating, app.ChunkCreated}).
		Order("id").Find(&out).Error
	return out, err
}
