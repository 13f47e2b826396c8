package db

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// RFMStore keeps RFM settings, measures and class changes (app/rfm is
// their only writer) and totals members' orders.
type RFMStore struct{ db *DB }

// NewRFMStore returns an RFMStore on db.
func NewRFMStore(db *DB) *RFMStore { return &RFMStore{db: db} }

// RFMSettings returns the scope's settings, the defaults when none are
// saved.
func (s *RFMStore) RFMSettings(ctx context.Context, corpID, scope int64) (*app.RFMSettings, error) {
	var out app.RFMSettings
	err := s.db.with(ctx).Table("rfm_settings").Where("corp_id = ? AND scope = ?", corpID, scope).Take(&out).Error
	if app.ErrorCode(domainError(err, "")) == app.ENOTFOUND {
		def := app.DefaultRFMSettings(corpID, scope)
		return &def, nil
	}
	return &out, domainError(err, "RFM 设置")
}

// SaveRFMSettings writes st.
func (s *RFMStore) SaveRFMSettings(ctx context.Context, st *app.RFMSettings) error {
	st.UpdatedAt = time.Now().UTC()
	err := s.db.with(ctx).Table("rfm_settings").Clauses(clause.OnConflict{UpdateAll: true}).Create(st).Error
	return domainError(err, "RFM 设置")
}

// MemberOrderTotals totals the scope's orders by the member record they
// were linked to; with ids, only those records'.
func (s *RFMStore) MemberOrderTotals(ctx context.Context, corpID, scope int64, ids []int64) ([]app.OrderTotals, error) {
	q := s.db.with(ctx).Table("orders").Where("corp_id = ? AND scope = ? AND member_id IS NOT NULL", corpID, scope)
	if ids != nil {
		q = q.Where("member_id IN ?", ids)
	}
	var rows []struct {
		MemberID int64
		Sales    int
		NetCents int64
		LastSale anyTime
	}
	err := q.Select("member_id, SUM(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS sales, SUM(amount_cents) AS net_cents, " +
		"MAX(CASE WHEN kind = 'sale' THEN paid_at END) AS last_sale").Group("member_id").Scan(&rows).Error
	out := make([]app.OrderTotals, len(rows))
	for i, r := range rows {
		out[i] = app.OrderTotals{MemberID: r.MemberID, Sales: r.Sales, NetCents: r.NetCents, LastSale: r.LastSale.t}
	}
	return out, domainError(err, "订单")
}

// ActiveMembers lists the scope's members not merged into another.
func (s *RFMStore) ActiveMembers(ctx context.Context, corpID, scope int64) ([]int64, error) {
	var out []int64
	err := s.db.with(ctx).Table("members").Where("corp_id = ? AND scope = ? AND status = ?", corpID, scope, app.MemberActive).
		Order("id").Pluck("id", &out).Error
	return out, domainError(err, "会员")
}

// OrderedSince lists the member records of the scope's orders recorded at
// or after since.
func (s *RFMStore) OrderedSince(ctx context.Context, corpID, scope int64, since time.Time) ([]int64, error) {
	var out []int64
	err := s.db.with(ctx).Table("orders").Where("corp_id = ? AND scope = ? AND member_id IS NOT NULL AND created_at >= ?", corpID, scope, since).
		Distinct("member_id").Pluck("member_id", &out).Error
	return out, domainError(err, "订单")
}

// MemberRFMs returns the stored measures of members ids, locked until the
// transaction ends: the minute pass and the nightly one may meet on a
// member, and the second must see what the first wrote, or both would
// record the same change.
func (s *RFMStore) MemberRFMs(ctx context.Context, corpID int64, ids []int64) (map[int64]app.MemberRFM, error) {
	out := map[int64]app.MemberRFM{}
	for start := 0; start < len(ids); start += 1000 {
		var rows []app.MemberRFM
		err := s.db.with(ctx).Table("member_rfm").Clauses(clause.Locking{Strength: "UPDATE"}).Where("corp_id = ? AND member_id IN ?", corpID, ids[start:min(start+1000, len(ids))]).Find(&rows).Error
		if err != nil {
			return nil, domainError(err, "RFM")
		}
		for _, r := range rows {
			out[r.MemberID] = r
		}
	}
	return out, nil
}

// SaveMemberRFMs writes rows and changes.
func (s *RFMStore) SaveMemberRFMs(ctx context.Context, rows []app.MemberRFM, changes []app.RFMChange) error {
	if len(rows) > 0 {
		err := s.db.with(ctx).Table("member_rfm").Clauses(clause.OnConflict{UpdateAll: true}).CreateInBatches(rows, 500).Error
		if err != nil {
			return domainError(err, "RFM")
		}
	}
	if len(changes) == 0 {
		return nil
	}
	return domainError(s.db.with(ctx).Table("rfm_changes").CreateInBatches(changes, 500).Error, "RFM")
}
