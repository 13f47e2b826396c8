package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// ReferralFigures sums a campaign: its participants' counters, its helps
// by status, reason, store and guide, and the cost of rewards granted.
func (st *ReferralStore) ReferralFigures(ctx context.Context, corpID, campaignID int64) (*app.ReferralBreakdown, error) {
	out := &app.ReferralBreakdown{ByStore: map[int64]*app.ReferralFigures{}, ByGuide: map[string]*app.ReferralFigures{}}
	t := &out.Total
	err := st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND campaign_id = ?", corpID, campaignID).
		Select("COUNT(*), COALESCE(SUM(visits), 0), COALESCE(SUM(shares), 0), COALESCE(SUM(invitees), 0)").
		Row().Scan(&t.Participants, &t.Visits, &t.Shares, &t.Invitees)
	if err != nil {
		return nil, err
	}
	if err := st.helpFigures(ctx, corpID, campaignID, out); err != nil {
		return nil, err
	}
	err = st.db.with(ctx).Table("referral_rewards").Where("corp_id = ? AND campaign_id = ? AND status = ?", corpID, campaignID, app.TierGranted).
		Select("COALESCE(SUM(cost_cents), 0)").Row().Scan(&t.CostCents)
	return out, err
}

func (st *ReferralStore) helpFigures(ctx context.Context, corpID, campaignID int64, out *app.ReferralBreakdown) error {
	// Scanned column by column: a campaign of 60,000 helps is thousands of
	// groups, which gorm's reflection would spend 裂变's page time on.
	rows, err := st.db.with(ctx).Table("referral_helps").Select("status, reason, COALESCE(store_id, 0), userid, COUNT(*) AS n").
		Where("corp_id = ? AND campaign_id = ?", corpID, campaignID).Group("status, reason, store_id, userid").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var status, reason, userID string
		var store, n int64
		if err := rows.Scan(&status, &reason, &store, &userID, &n); err != nil {
			return err
		}
		out.Total.Add(status, reason, n)
		figure(out.ByStore, store).Add(status, reason, n)
		figure(out.ByGuide, userID).Add(status, reason, n)
	}
	return rows.Err()
}

func figure[K comparable](m map[K]*app.ReferralFigures, k K) *app.ReferralFigures {
	if m[k] == nil {
		m[k] = &app.ReferralFigures{}
	}
	return m[k]
}
