package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// ReferralStore keeps the referral_* tables; app/referral is their only
// writer. Every query is scoped to a corp.
type ReferralStore struct{ db *DB }

// NewReferralStore returns a ReferralStore on db.
func NewReferralStore(db *DB) *ReferralStore { return &ReferralStore{db: db} }

// CreateCampaign inserts c.
func (st *ReferralStore) CreateCampaign(ctx context.Context, c *app.ReferralCampaign) error {
	c.CreatedAt = time.Now().UTC()
	c.UpdatedAt = c.CreatedAt
	return domainError(st.db.with(ctx).Table("referral_campaigns").Create(c).Error, "裂变活动")
}

// UpdateCampaign writes every field of c.
func (st *ReferralStore) UpdateCampaign(ctx context.Context, c *app.ReferralCampaign) error {
	c.UpdatedAt = time.Now().UTC()
	err := st.db.with(ctx).Table("referral_campaigns").Where("corp_id = ? AND id = ?", c.CorpID, c.ID).Select("*").Omit("id", "corp_id").Updates(c).Error
	return domainError(err, "裂变活动")
}

// FindCampaign returns campaign id of the corp.
func (st *ReferralStore) FindCampaign(ctx context.Context, corpID, id int64) (*app.ReferralCampaign, error) {
	var c app.ReferralCampaign
	err := st.db.with(ctx).Table("referral_campaigns").Where("corp_id = ? AND id = ?", corpID, id).Take(&c).Error
	return &c, domainError(err, "裂变活动")
}

// ListCampaigns returns a page of the corp's campaigns, newest first, and
// how many there are.
func (st *ReferralStore) ListCampaigns(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralCampaign, int64, error) {
	var total int64
	if err := st.db.with(ctx).Table("referral_campaigns").Where("corp_id = ?", corpID).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	q := st.db.with(ctx).Table("referral_campaigns").Where("corp_id = ?", corpID)
	if p.After > 0 {
		q = q.Where("id < ?", p.After)
	}
	var out []app.ReferralCampaign
	return out, total, q.Order("id DESC").Limit(pageSize(p.Limit)).Find(&out).Error
}

// LiveCampaigns are the corp's campaigns (not being created) whose window
// end, plus the hold period, is not before at. The hold is at most 30
// days, so the index narrows the scan to campaigns ending since then.
func (st *ReferralStore) LiveCampaigns(ctx context.Context, corpID int64, at time.Time) ([]app.ReferralCampaign, error) {
	var cs []app.ReferralCampaign
	err := st.db.with(ctx).Table("referral_campaigns").
		Where("corp_id = ? AND ends_at >= ? AND status <> ?", corpID, at.UTC().Add(-31*24*time.Hour), app.ReferralCreating).
		Order("id").Find(&cs).Error
	out := cs[:0]
	for _, c := range cs {
		if !c.EndsAt.Add(time.Duration(c.HoldHours) * time.Hour).Before(at) {
			out = append(out, c)
		}
	}
	return out, err
}

// pageSize is a page's size: what was asked (callers facing clients clamp
// it), or 50.
func pageSize(asked int) int {
	if asked <= 0 {
		return 50
	}
	return asked
}
