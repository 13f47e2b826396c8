package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/siyu-scrm/siyu/app"
)

// WelcomeStore keeps what became of each add's welcome message
// (welcome_sends); app/assign is its only writer.
type WelcomeStore struct{ db *DB }

// NewWelcomeStore returns a WelcomeStore on db.
func NewWelcomeStore(db *DB) *WelcomeStore { return &WelcomeStore{db: db} }

func (s *WelcomeStore) rows(ctx context.Context, corpID int64, eventKey string) *gorm.DB {
	return s.db.with(ctx).Table("welcome_sends").Where("corp_id = ? AND event_key = ?", corpID, eventKey)
}

// ClaimWelcome claims the add's welcome for one runner. A first claim
// stores w (status sending, fence 1, leased until now+lease; or already
// final, such as no_code). A later one takes over a sending row only once
// its lease has run out, raising the fence; otherwise it returns the row
// as stored with claimed false: another runner holds it, or its outcome
// is recorded. Only the holder of the current fence may record the
// outcome (FinishWelcome), so a runner that lost its lease cannot
// overwrite what the next one did.
func (s *WelcomeStore) ClaimWelcome(ctx context.Context, w *app.WelcomeSend, now time.Time, lease time.Duration) (stored *app.WelcomeSend, claimed bool, err error) {
	until := now.Add(lease)
	w.CreatedAt, w.UpdatedAt, w.Fence, w.LeaseUntil = now, now, 1, &until
	err = s.db.quiet(ctx).Table("welcome_sends").Create(w).Error
	if err == nil || !errors.Is(err, gorm.ErrDuplicatedKey) {
		return w, err == nil, domainError(err, "欢迎语记录")
	}
	res := s.rows(ctx, w.CorpID, w.EventKey).Where("status = ? AND (lease_until IS NULL OR lease_until < ?)", app.WelcomeSending, now).
		Updates(map[string]any{"fence": gorm.Expr("fence + 1"), "lease_until": until, "updated_at": now})
	if res.Error != nil {
		return nil, false, domainError(res.Error, "欢迎语记录")
	}
	var row app.WelcomeSend
	err = s.rows(ctx, w.CorpID, w.EventKey).Take(&row).Error
	return &row, res.RowsAffected == 1, domainError(err, "欢迎语记录")
}

// FinishWelcome records what became of the add's welcome, if w.Fence is
// still the claim's: ok is false when another runner has taken it over
// (or recorded it) meanwhile, and nothing is written.
func (s *WelcomeStore) FinishWelcome(ctx context.Context, w *app.WelcomeSend) (ok bool, err error) {
	w.UpdatedAt = time.Now().UTC()
	res := s.rows(ctx, w.CorpID, w.EventKey).Where("status = ? AND fence = ?", app.WelcomeSending, w.Fence).
		Updates(map[string]any{"status": w.Status, "content": w.Content, "error": app.Truncate(w.Error, 512),
			"sent_at": w.SentAt, "lease_until": nil, "updated_at": w.UpdatedAt})
	return res.RowsAffected == 1, domainError(res.Error, "欢迎语记录")
}

// FindWelcome returns the add's welcome record.
func (s *WelcomeStore) FindWelcome(ctx context.Context, corpID int64, eventKey string) (*app.WelcomeSend, error) {
	var w app.WelcomeSend
	err := s.rows(ctx, corpID, eventKey).Take(&w).Error
	return &w, domainError(err, "欢迎语记录")
}
