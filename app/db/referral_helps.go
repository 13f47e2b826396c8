package db

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// Observe keeps each observation once per (event, customer, kind):
// a callback delivered again adds nothing.
func (st *ReferralStore) Observe(ctx context.Context, os []app.ReferralObservation) error {
	if len(os) == 0 {
		return nil
	}
	return st.db.with(ctx).Table("referral_observations").Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(os, 500).Error
}

// ObservationsOf are every observation of the customer.
func (st *ReferralStore) ObservationsOf(ctx context.Context, corpID int64, externalUserID string) ([]app.ReferralObservation, error) {
	var out []app.ReferralObservation
	err := st.db.with(ctx).Table("referral_observations").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).
		Order("at, event_key").Find(&out).Error
	return out, err
}

// HelpsOf are the participant's helps, in arrival order.
func (st *ReferralStore) HelpsOf(ctx context.Context, corpID, participantID int64) ([]app.ReferralHelp, error) {
	var out []app.ReferralHelp
	err := st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND participant_id = ?", corpID, participantID).
		Order("arrived_at, id").Find(&out).Error
	return out, err
}

// helpColumns are what a settle may change of a help.
// The operator's decision is not among them: it is written by Decide
// alone, so a settle that read the help before it cannot wipe it.
var helpColumns = []string{"participant_id", "external_userid", "userid", "chat_id", "store_id", "arrived_at", "status", "reason",
	"credited_at", "updated_at"}

// SaveHelps writes hs, each new or replacing the campaign's help of its
// invitee.
func (st *ReferralStore) SaveHelps(ctx context.Context, hs []app.ReferralHelp) error {
	if len(hs) == 0 {
		return nil
	}
	now := time.Now().UTC()
	for i := range hs {
		hs[i].UpdatedAt = now
		hs[i].ID = 0
	}
	return st.db.with(ctx).Table("referral_helps").Omit("id").
		Clauses(upsert([]string{"campaign_id", "invitee_unionid"}, helpColumns)).CreateInBatches(hs, 200).Error
}

// DeleteHelp removes the campaign's help of the invitee.
func (st *ReferralStore) DeleteHelp(ctx context.Context, corpID, campaignID int64, unionid string) error {
	return st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND campaign_id = ? AND invitee_unionid = ?", corpID, campaignID, unionid).
		Delete(nil).Error
}

// SetCounts sets the participant's counters from their helps and scans,
// and returns the participant.
func (st *ReferralStore) SetCounts(ctx context.Context, corpID, participantID int64) (*app.ReferralParticipant, error) {
	var rows []struct {
		Status string
		N      int
	}
	err := st.db.with(ctx).Table("referral_helps").Select("status, COUNT(*) AS n").
		Where("corp_id = ? AND participant_id = ?", corpID, participantID).Group("status").Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	set := map[string]any{"held": 0, "credited": 0, "review": 0, "voided": 0, "updated_at": time.Now().UTC()}
	for _, r := range rows {
		set[r.Status] = r.N
	}
	set["invitees"] = st.db.with(ctx).Table("referral_pending").Select("COUNT(*)").Where("corp_id = ? AND participant_id = ?", corpID, participantID)
	if err := st.db.with(ctx).Table("referral_participants").Where("corp_id = ? AND id = ?", corpID, participantID).Updates(set).Error; err != nil {
		return nil, err
	}
	return st.FindParticipant(ctx, corpID, participantID)
}

// HelpsByExternal are the helps of the customer in any campaign.
func (st *ReferralStore) HelpsByExternal(ctx context.Context, corpID int64, externalUserID string) ([]app.ReferralHelp, error) {
	var out []app.ReferralHelp
	err := st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND external_userid = ?", corpID, externalUserID).Order("id").Find(&out).Error
	return out, err
}

// DueHelps are held helps of the campaign that arrived before cutoff, in
// arrival order after after (nil: from the first).
func (st *ReferralStore) DueHelps(ctx context.Context, corpID, campaignID int64, cutoff time.Time, after *app.ReferralHelp, limit int) ([]app.ReferralHelp, error) {
	q := st.db.with(ctx).Table("referral_helps").
		Where("corp_id = ? AND campaign_id = ? AND status = ? AND arrived_at <= ?", corpID, campaignID, app.HelpHeld, cutoff.UTC())
	if after != nil {
		q = q.Where("(arrived_at > ? OR (arrived_at = ? AND id > ?))", after.ArrivedAt.UTC(), after.ArrivedAt.UTC(), after.ID)
	}
	var out []app.ReferralHelp
	return out, q.Order("arrived_at, id").Limit(limit).Find(&out).Error
}

// HeldCampaigns are the corp's campaigns with helps in their hold.
func (st *ReferralStore) HeldCampaigns(ctx context.Context, corpID int64) ([]int64, error) {
	var ids []int64
	err := st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND status = ?", corpID, app.HelpHeld).
		Distinct("campaign_id").Order("campaign_id").Pluck("campaign_id", &ids).Error
	return ids, err
}

// PendingTierParticipants are the participants with a tier reached whose
// grant was not answered.
func (st *ReferralStore) PendingTierParticipants(ctx context.Context, corpID int64) ([]int64, error) {
	var ids []int64
	err := st.db.with(ctx).Table("referral_rewards").Where("corp_id = ? AND status = ?", corpID, app.TierPending).
		Distinct("participant_id").Order("participant_id").Pluck("participant_id", &ids).Error
	return ids, err
}

// CountTierRewards counts the tiers reached in a campaign.
func (st *ReferralStore) CountTierRewards(ctx context.Context, corpID, campaignID int64) (int64, error) {
	var n int64
	err := st.db.with(ctx).Table("referral_rewards").Where("corp_id = ? AND campaign_id = ?", corpID, campaignID).Count(&n).Error
	return n, err
}

// Decide records an operator's decision on a help held for review.
func (st *ReferralStore) Decide(ctx context.Context, corpID, helpID int64, decision string) (*app.ReferralHelp, error) {
	res := st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND id = ? AND status = ?", corpID, helpID, app.HelpReview).
		Updates(map[string]any{"decision": decision, "updated_at": time.Now().UTC()})
	if res.Error != nil {
		return nil, res.Error
	}
	var h app.ReferralHelp
	err := st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND id = ?", corpID, helpID).Take(&h).Error
	if err == nil && res.RowsAffected == 0 {
		return &h, app.Errorf(app.ECONFLICT, "该助力不在待审核状态")
	}
	return &h, domainError(err, "助力记录")
}

// ListHelps returns a page of helps by f, newest arrival first (After is
// an offset), and how many match.
func (st *ReferralStore) ListHelps(ctx context.Context, f app.ReferralHelpFilter) ([]app.ReferralHelp, int64, error) {
	q := st.db.with(ctx).Table("referral_helps").Where("corp_id = ? AND campaign_id = ?", f.CorpID, f.CampaignID)
	if f.ParticipantID > 0 {
		q = q.Where("participant_id = ?", f.ParticipantID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Reason != "" {
		q = q.Where("reason = ?", f.Reason)
	}
	var total int64
	if err := q.Session(&gorm.Session{}).Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []app.ReferralHelp
	err := q.Order("arrived_at DESC, id DESC").Offset(int(f.After)).Limit(pageSize(f.Limit)).Find(&out).Error
	return out, total, err
}

// TierRewards are the tiers the participant reached.
func (st *ReferralStore) TierRewards(ctx context.Context, corpID, participantID int64) ([]app.ReferralTierReward, error) {
	var out []app.ReferralTierReward
	err := st.db.with(ctx).Table("referral_rewards").Where("corp_id = ? AND participant_id = ?", corpID, participantID).Order("tier").Find(&out).Error
	return out, err
}

// SaveTierReward records a tier reached unless it is recorded.
func (st *ReferralStore) SaveTierReward(ctx context.Context, r *app.ReferralTierReward) (bool, error) {
	r.CreatedAt = time.Now().UTC()
	r.UpdatedAt = r.CreatedAt
	res := st.db.with(ctx).Table("referral_rewards").Clauses(clause.OnConflict{DoNothing: true}).Create(r)
	return res.RowsAffected == 1, res.Error
}

// UpdateTierReward records the answer to a tier's grant. Granted is
// final: two settles asking at once may answer out of stock (the other
// took the unit under the same key) after it, and must not overwrite it.
func (st *ReferralStore) UpdateTierReward(ctx context.Context, r *app.ReferralTierReward) error {
	q := st.db.with(ctx).Table("referral_rewards").Where("corp_id = ? AND participant_id = ? AND tier = ?", r.CorpID, r.ParticipantID, r.Tier)
	if r.Status == app.TierGranted {
		q = q.Where("status <> ?", app.TierGranted)
	} else {
		q = q.Where("status = ?", app.TierPending)
	}
	return q.
		Updates(map[string]any{"status": r.Status, "grant_id": r.GrantID, "cost_cents": r.CostCents, "detail": app.Truncate(r.Detail, 256),
			"updated_at": time.Now().UTC()}).Error
}
