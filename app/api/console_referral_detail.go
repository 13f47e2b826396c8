package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// referralView is a campaign's page: its settings by name, live figures
// in whole, by store and by guide, its tiers with their rewards, and a
// page each of participants and helps.
type referralView struct {
	Campaign             *app.ReferralCampaign
	KindName, StatusName string
	Where                string // the contact way or the groups, by name
	Total                referralFigureRow
	Stores, Guides       []referralFigureRow
	Tiers                []referralTierRow
	Participants         []referralParticipantRow
	ParticipantPages     pager
	Helps                referralHelpsView
	CanPause, CanResume  bool
	CanEnd               bool
}

// referralTierRow is a tier with its reward by name and stock left.
type referralTierRow struct {
	app.ReferralTier
	Reward, Stock string
}

// referralParticipantRow is a participant by name with their counts.
type referralParticipantRow struct {
	app.ReferralParticipant
	Who     string
	Rewards string // each tier reached and what came of it
}

func (s *server) referralPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	rc, err := s.d.Referrals.FindCampaign(ctx, corpID, pathID(c))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v := referralView{Campaign: rc, KindName: referralKindNames[rc.Kind], StatusName: referralStatusName(rc, time.Now()),
		CanPause: rc.Status == app.ReferralActive, CanResume: rc.Status == app.ReferralPaused,
		CanEnd: rc.Status == app.ReferralActive || rc.Status == app.ReferralPaused}
	for _, load := range []func(context.Context, *gin.Context, *referralView) error{s.referralWhere, s.referralFigureRows,
		s.referralTierRows, s.referralParticipantRows, s.referralHelpRows} {
		if err == nil {
			err = load(ctx, c, &v)
		}
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_referral.html", s.view(c, "裂变活动 · "+rc.Name, "referrals", v))
}

// referralWhere names where invitees go: the contact way or the groups.
func (s *server) referralWhere(ctx context.Context, c *gin.Context, v *referralView) error {
	rc := v.Campaign
	if rc.Kind == app.ReferralFriend {
		v.Where = "渠道活码「" + s.channelName(ctx, rc.CorpID, idText(rc.ChannelID)) + "」"
		if rc.LinkURL != "" {
			v.Where += "的导购，经获客链接（每位参与者分享自己的链接）"
		}
		return nil
	}
	names, err := s.referralGroupNames(ctx, rc.CorpID, rc.ChatIDs)
	v.Where = "客户群「" + strings.Join(names, "」「") + "」"
	if rc.GroupBase != "" {
		v.Where += fmt.Sprintf("；群满后自动建群「%s%d」起", rc.GroupBase, max(rc.GroupNumber, 1))
	}
	return err
}

func (s *server) referralFigureRows(ctx context.Context, _ *gin.Context, v *referralView) error {
	b, err := s.d.Referrals.Figures(ctx, v.Campaign.CorpID, v.Campaign.ID)
	if err == nil {
		v.Total, v.Stores, v.Guides, err = s.referralFigures(ctx, v.Campaign.CorpID, b)
	}
	return err
}

func (s *server) referralTierRows(ctx context.Context, _ *gin.Context, v *referralView) error {
	rewards, err := s.referralRewards(ctx, v.Campaign.CorpID, v.Campaign.Tiers)
	for _, t := range v.Campaign.Tiers {
		row := referralTierRow{ReferralTier: t, Reward: "奖品已删除", Stock: "—"}
		if r := rewards[t.RewardID]; r != nil {
			row.Reward, row.Stock = r.Name+"（"+app.RewardKindNames[r.Kind]+"）", strconv.FormatInt(r.StockLeft, 10)
		}
		v.Tiers = append(v.Tiers, row)
	}
	return err
}

func (s *server) referralParticipantRows(ctx context.Context, c *gin.Context, v *referralView) error {
	page, offset := pageNumberOf(c, "ppage", referralPageSize)
	ps, total, err := s.d.Referrals.ListParticipants(ctx, v.Campaign.CorpID, v.Campaign.ID, app.Page{After: int64(offset), Limit: referralPageSize})
	for _, p := range ps {
		row := referralParticipantRow{ReferralParticipant: p, Who: participantName(&p)}
		if err == nil {
			row.Rewards, err = s.tierOutcomes(ctx, &p)
		}
		v.Participants = append(v.Participants, row)
	}
	v.ParticipantPages = pagerOf(c, "ppage", page, int64(offset+len(ps)) < total)
	return err
}

// participantName is a participant's WeChat name, else their masked
// unionid.
func participantName(p *app.ReferralParticipant) string {
	return orText(p.Name, maskUnionID(p.UnionID))
}

// maskUnionID keeps a unionid's first and last four characters, enough to
// tell two apart and to find one on the blacklist.
func maskUnionID(u string) string {
	if len(u) <= 8 {
		return "用户 " + maskText(u)
	}
	return "用户 " + u[:4] + "…" + u[len(u)-4:]
}

// pageNumberOf reads the 1-based page in query key and its offset.
func pageNumberOf(c *gin.Context, key string, size int) (int, int) {
	n, err := strconv.Atoi(c.Query(key))
	if err != nil || n < 1 {
		n = 1
	}
	return n, (n - 1) * size
}

// pagerOf links the pages of one list of a page with several: the
// current URL with key changed.
func pagerOf(c *gin.Context, key string, page int, more bool) pager {
	link := func(n int) string {
		q := c.Request.URL.Query()
		q.Set(key, strconv.Itoa(n))
		return c.Request.URL.Path + "?" + q.Encode()
	}
	p := pager{Page: page}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if more {
		p.Next = link(page + 1)
	}
	return p
}

// tierOutcomes says which tiers a participant reached and what came of
// each: 第1档 已发放（CAFE0012）, 第2档 发放失败（its cause）.
func (s *server) tierOutcomes(ctx context.Context, p *app.ReferralParticipant) (string, error) {
	rs, err := s.d.Referrals.TierRewards(ctx, p.CorpID, p.ID)
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		part := fmt.Sprintf("第%d档 %s", r.Tier+1, app.TierStatusNames[r.Status])
		if r.Detail != "" { // the coupon code, or for an operator the cause
			part += "（" + r.Detail + "）"
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, "；"), err
}
