package db

import (
	"context"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// AttributionStore keeps rule versions, order credits and recompute runs
// (app/attribution is their only writer), and reads the orders, members
// and touches credit is decided from.
type AttributionStore struct{ db *DB }

// NewAttributionStore returns an AttributionStore on db.
func NewAttributionStore(db *DB) *AttributionStore { return &AttributionStore{db: db} }

// CreateRules inserts r as the scope's next version, numbering it: two
// saving at once clash on the version's unique key and one is refused.
func (s *AttributionStore) CreateRules(ctx context.Context, r *app.AttributionRules) error {
	var last *int
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = ?", r.CorpID, r.Scope).
		Select("MAX(version)").Scan(&last).Error
	if err != nil {
		return domainError(err, "业绩归属规则")
	}
	r.Version, r.CreatedAt = 1, time.Now().UTC()
	if last != nil {
		r.Version = *last + 1
	}
	return domainError(s.db.with(ctx).Table("attribution_rules").Create(r).Error, "业绩归属规则版本")
}

// LatestRules is the scope's newest rule version; not found before any.
func (s *AttributionStore) LatestRules(ctx context.Context, corpID, scope int64) (*app.AttributionRules, error) {
	var r app.AttributionRules
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = ?", corpID, scope).Order("version DESC").Take(&r).Error
	return &r, domainError(err, "业绩归属规则")
}

// FindRules returns rule version id of corpID.
func (s *AttributionStore) FindRules(ctx context.Context, corpID, id int64) (*app.AttributionRules, error) {
	return findBy[app.AttributionRules](ctx, s.db, "attribution_rules", corpID, "id", id, "业绩归属规则")
}

// ListRules lists the scope's rule versions, newest first.
func (s *AttributionStore) ListRules(ctx context.Context, corpID, scope int64) ([]app.AttributionRules, error) {
	var out []app.AttributionRules
	err := s.db.with(ctx).Table("attribution_rules").Where("corp_id = ? AND scope = ?", corpID, scope).Order("version DESC").Find(&out).Error
	return out, domainError(err, "业绩归属规则")
}

// ReplaceCredits makes credits the lines of orderIDs under rulesID: the
// old lines go and the new ones come in the caller's transaction, so a
// recompute run twice over the same orders leaves each line once.
func (s *AttributionStore) ReplaceCredits(ctx context.Context, rulesID int64, orderIDs []int64, credits []app.Credit) error {
	if len(orderIDs) == 0 {
		return nil
	}
	err := s.db.with(ctx).Table("order_credits").Where("rules_id = ? AND order_id IN ?", rulesID, orderIDs).Delete(map[string]any{}).Error
	for start := 0; err == nil && start < len(credits); start += creditBatch {
		err = s.insertCredits(ctx, credits[start:min(start+creditBatch, len(credits))])
	}
	return domainError(err, "业绩归属")
}

// creditBatch is the lines one INSERT writes: a recompute writes millions,
// so they go as plain multi-row INSERTs rather than through the ORM's
// reflection.
const creditBatch = 1000

func (s *AttributionStore) insertCredits(ctx context.Context, cs []app.Credit) error {
	var sb strings.Builder
	sb.WriteString("INSERT INTO order_credits (corp_id, order_id, rules_id, model, line, userid, store_id, team, share_bp, amount_cents, explanation, paid_at, computed_at) VALUES ")
	args := make([]any, 0, len(cs)*13)
	for i, c := range cs {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString("(?,?,?,?,?,?,?,?,?,?,?,?,?)")
		args = append(args, c.CorpID, c.OrderID, c.RulesID, c.Model, c.Line, c.UserID, c.StoreID, c.Team, c.ShareBP, c.AmountCents,
			c.Explanation, c.PaidAt.UTC(), c.ComputedAt.UTC())
	}
	return s.db.with(ctx).Exec(sb.String(), args...).Error
}

// CreditsOf returns the lines of orderIDs under rulesID, by order.
func (s *AttributionStore) CreditsOf(ctx context.Context, corpID, rulesID int64, orderIDs []int64) (map[int64][]app.Credit, error) {
	out := map[int64][]app.Credit{}
	if len(orderIDs) == 0 {
		return out, nil
	}
	var rows []app.Credit
	err := s.db.with(ctx).Table("order_credits").Where("corp_id = ? AND rules_id = ? AND order_id IN ?", corpID, rulesID, orderIDs).
		Order("order_id, model, line").Find(&rows).Error
	for _, c := range rows {
		out[c.OrderID] = append(out[c.OrderID], c)
	}
	return out, domainError(err, "业绩归属")
}
