package db

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// AddParticipant inserts p unless the campaign has a participant of its
// unionid; either way p describes the stored row. A clash of scenes (a
// key drawn twice) is ECONFLICT, for the caller to draw again.
func (st *ReferralStore) AddParticipant(ctx context.Context, p *app.ReferralParticipant) (bool, error) {
	p.CreatedAt = time.Now().UTC()
	p.UpdatedAt = p.CreatedAt
	res := st.db.with(ctx).Table("referral_participants").Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "campaign_id"}, {Name: "unionid"}}, DoNothing: true}).Create(p)
	if res.Error != nil {
		return false, domainError(res.Error, "参与者")
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	got, err := st.ParticipantOf(ctx, p.CorpID, p.CampaignID, p.UnionID)
	if err != nil {
		return false, app.Errorf(app.ECONFLICT, "邀请码重复") // the scene clashed, not the unionid
	}
	*p = *got
	return false, nil
}

// FindParticipant returns participant id of the corp.
func (st *ReferralStore) FindParticipant(ctx context.Context, corpID, id int64) (*app.ReferralParticipant, error) {
	return st.participant(ctx, "corp_id = ? AND id = ?", corpID, id)
}

// ParticipantByScene returns the participant whose code carries scene.
func (st *ReferralStore) ParticipantByScene(ctx context.Context, corpID int64, scene string) (*app.ReferralParticipant, error) {
	return st.participant(ctx, "corp_id = ? AND scene = ?", corpID, scene)
}

// ParticipantOf returns the campaign's participant of unionid.
func (st *ReferralStore) ParticipantOf(ctx context.Context, corpID, campaignID int64, unionid string) (*app.ReferralParticipant, error) {
	return st.participant(ctx, "corp_id = ? AND campaign_id = ? AND unionid = ?", corpID, campaignID, unionid)
}

// ParticipationsOf are unionid's participations, in every campaign.
func (st *ReferralStore) ParticipationsOf(ctx context.Context, corpID int64, unionid string) ([]app.ReferralParticipant, error) {
	var out []app.ReferralParticipant
	err := st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND unionid = ?", corpID, unionid).Order("id").Find(&out).Error
	return out, err
}

func (st *ReferralStore) participant(ctx context.Context, where string, args ...any) (*app.ReferralParticipant, error) {
	var p app.ReferralParticipant
	err := st.db.with(ctx).Table("referral_participants").Where(where, args...).Take(&p).Error
	return &p, domainError(err, "参与者")
}

// ListParticipants returns a page of the campaign's participants, most
// credited helps first, and how many there are. The page's After is an
// offset here: the order is not by id.
func (st *ReferralStore) ListParticipants(ctx context.Context, corpID, campaignID int64, p app.Page) ([]app.ReferralParticipant, int64, error) {
	q := st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND campaign_id = ?", corpID, campaignID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []app.ReferralParticipant
	err := st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND campaign_id = ?", corpID, campaignID).
		Order("credited DESC, held DESC, id").Offset(int(p.After)).Limit(pageSize(p.Limit)).Find(&out).Error
	return out, total, err
}

// LockParticipant bumps the participant's version inside the caller's
// transaction: the row lock serialises evaluations of their helps.
func (st *ReferralStore) LockParticipant(ctx context.Context, corpID, id int64) error {
	res := st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND id = ?", corpID, id).
		Update("version", gorm.Expr("version + 1"))
	if res.Error == nil && res.RowsAffected == 0 {
		return app.Errorf(app.ENOTFOUND, "参与者不存在")
	}
	return res.Error
}

// CountVisit adds one visit (or, with shares, one share) to the
// participant.
func (st *ReferralStore) CountVisit(ctx context.Context, corpID, id int64, shares bool) error {
	col := "visits"
	if shares {
		col = "shares"
	}
	return st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND id = ?", corpID, id).
		Update(col, gorm.Expr(col+" + 1")).Error
}

// AddPending records p unless the invitee scanned in the campaign before.
func (st *ReferralStore) AddPending(ctx context.Context, p *app.ReferralPending) (bool, error) {
	res := st.db.with(ctx).Table("referral_pending").Clauses(clause.OnConflict{DoNothing: true}).Create(p)
	return res.RowsAffected == 1, res.Error
}

// PendingOf are the invitee's first scans, one per campaign.
func (st *ReferralStore) PendingOf(ctx context.Context, corpID int64, unionid string) ([]app.ReferralPending, error) {
	var out []app.ReferralPending
	err := st.db.with(ctx).Table("referral_pending").Where("corp_id = ? AND invitee_unionid = ?", corpID, unionid).Order("campaign_id").Find(&out).Error
	return out, err
}

// Blacklisted reports whether any of unionids is on the corp's blacklist.
func (st *ReferralStore) Blacklisted(ctx context.Context, corpID int64, unionids ...string) (bool, error) {
	var n int64
	err := st.db.with(ctx).Table("referral_blacklist").Where("corp_id = ? AND unionid IN ?", corpID, unionids).Count(&n).Error
	return n > 0, err
}

// AddBlacklist puts unionid on the corp's blacklist (again: no change).
func (st *ReferralStore) AddBlacklist(ctx context.Context, corpID int64, unionid, reason, by string) error {
	row := app.ReferralBlacklisted{CorpID: corpID, UnionID: unionid, Reason: reason, CreatedBy: by, CreatedAt: time.Now().UTC()}
	return st.db.with(ctx).Table("referral_blacklist").Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error
}

// RemoveBlacklist takes unionid off the corp's blacklist.
func (st *ReferralStore) RemoveBlacklist(ctx context.Context, corpID int64, unionid string) error {
	return st.db.with(ctx).Table("referral_blacklist").Where("corp_id = ? AND unionid = ?", corpID, unionid).Delete(nil).Error
}

// ListBlacklist returns a page of the corp's blacklist, newest first (the
// page's After an offset).
func (st *ReferralStore) ListBlacklist(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralBlacklisted, int64, error) {
	var total int64
	if err := st.db.with(ctx).Table("referral_blacklist").Where("corp_id = ?", corpID).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []app.ReferralBlacklisted
	err := st.db.with(ctx).Table("referral_blacklist").Where("corp_id = ?", corpID).Order("created_at DESC, unionid").
		Offset(int(p.After)).Limit(pageSize(p.Limit)).Find(&out).Error
	return out, total, err
}
