package referral

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// CreateCampaign validates c and creates it. A friend campaign takes its
// contact way's state from the channel named; a group campaign gets a join
// way of its own, with state "rf<id>": the row is written first (as
// creating) so the state names it, then the join way, then the row is
// active.
func (s *Service) CreateCampaign(ctx context.Context, c *app.ReferralCampaign) error {
	c.ID = 0
	if err := validate(c); err != nil {
		return err
	}
	c.Status = app.ReferralActive
	if c.Kind == app.ReferralFriend {
		ch, err := s.Channels.FindChannel(ctx, c.CorpID, *c.ChannelID)
		if err != nil {
			return app.FieldInvalid("channel_id", "渠道活码不存在")
		}
		if ch.Status == app.ChannelDeleted || ch.Status == app.ChannelCreating {
			return app.FieldInvalid("channel_id", "渠道活码已删除或尚未创建完成")
		}
		if c.Link {
			return s.createLinkCampaign(ctx, c, ch)
		}
		c.State, c.QRCode = ch.State, ch.QRCode
		err = s.Store.CreateCampaign(ctx, c)
		if app.ErrorCode(err) == app.ECONFLICT { // the state is unique per corp: one campaign per channel
			return app.FieldInvalid("channel_id", "该渠道活码已用于另一个裂变活动，请为本活动新建一个渠道活码")
		}
		return err
	}
	return s.createGroupCampaign(ctx, c)
}

func (s *Service) createGroupCampaign(ctx context.Context, c *app.ReferralCampaign) error {
	c.Status, c.State = app.ReferralCreating, fmt.Sprintf("rfnew%d", s.now().UnixNano())
	if err := s.Store.CreateCampaign(ctx, c); err != nil {
		return err
	}
	c.State = fmt.Sprintf("rf%d", c.ID)
	if err := s.Store.UpdateCampaign(ctx, c); err != nil {
		return err
	}
	cli, err := s.Clients.Client(ctx, c.CorpID)
	if err != nil {
		return err
	}
	jw := wecom.JoinWay{Scene: 2, Remark: app.Truncate(c.Name, 30), ChatIDs: c.ChatIDs, State: c.State}
	if c.GroupBase != "" {
		jw.AutoCreateRoom, jw.RoomBaseName, jw.RoomBaseID = 1, c.GroupBase, max(c.GroupNumber, 1)
	}
	id, err := cli.AddJoinWay(ctx, jw)
	if err != nil {
		return fmt.Errorf("add join way: %w", err)
	}
	c.JoinConfigID, c.Status = id, app.ReferralActive
	if jw, err := cli.GetJoinWay(ctx, id); err == nil { // the QR may be read again later; the way exists
		c.QRCode = jw.QRCode
	}
	if err := s.Store.UpdateCampaign(ctx, c); err != nil {
		_ = cli.DelJoinWay(ctx, id) // the campaign stays creating: give the way back rather than leave it unknown
		return err
	}
	return nil
}

// UpdateCampaign changes what an operator may change of a running
// campaign: name, title, window, tiers, hold, limits and rules (not its
// kind, contact way or groups). Helps still in their hold are judged by
// the new settings when it ends; verdicts already given stand.
func (s *Service) UpdateCampaign(ctx context.Context, c *app.ReferralCampaign) error {
	old, err := s.Store.FindCampaign(ctx, c.CorpID, c.ID)
	if err != nil {
		return err
	}
	c.Kind, c.ChannelID, c.ChatIDs, c.GroupBase, c.GroupNumber = old.Kind, old.ChannelID, old.ChatIDs, old.GroupBase, old.GroupNumber
	if err := validate(c); err != nil {
		return err
	}
	if err := s.tiersFixed(ctx, old, c); err != nil {
		return err
	}
	c.State, c.JoinConfigID, c.Status, c.CreatedAt, c.CreatedBy = old.State, old.JoinConfigID, old.Status, old.CreatedAt, old.CreatedBy
	c.LinkID, c.LinkURL, c.QRCode = old.LinkID, old.LinkURL, old.QRCode
	return s.Store.UpdateCampaign(ctx, c)
}

// tiersFixed refuses changing a tier's helps or reward, or their number,
// once anyone reached a tier: what was granted is keyed by the tier.
func (s *Service) tiersFixed(ctx context.Context, old, c *app.ReferralCampaign) error {
	same := len(old.Tiers) == len(c.Tiers)
	for i := 0; same && i < len(c.Tiers); i++ {
		same = old.Tiers[i].Helps == c.Tiers[i].Helps && old.Tiers[i].RewardID == c.Tiers[i].RewardID
	}
	if same {
		return nil
	}
	n, err := s.Store.CountTierRewards(ctx, c.CorpID, c.ID)
	if err != nil || n == 0 {
		return err
	}
	return app.FieldInvalid("tiers", "已有参与者达到奖励阶梯，只能修改各档说明，不能再改人数、奖品或档数")
}

// SetStatus pauses, resumes or ends a campaign. Ending deletes a group
// campaign's join way, so its code stops working; helps already arrived
// are still judged through their hold.
func (s *Service) SetStatus(ctx context.Context, corpID, id int64, status string) (*app.ReferralCampaign, error) {
	if status != app.ReferralActive && status != app.ReferralPaused && status != app.ReferralEnded {
		return nil, app.Errorf(app.EINVALID, "活动状态应为进行中、暂停或结束")
	}
	c, err := s.Store.FindCampaign(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	if c.Status == app.ReferralEnded || c.Status == app.ReferralCreating {
		return nil, app.Errorf(app.ECONFLICT, "活动已结束或尚未创建完成")
	}
	if status == app.ReferralEnded {
		if err := s.release(ctx, c); err != nil {
			return nil, err
		}
	}
	c.Status = status
	if status == app.ReferralEnded && c.EndsAt.After(s.now()) {
		c.EndsAt = s.now()
	}
	return c, s.Store.UpdateCampaign(ctx, c)
}

// FindCampaign returns campaign id of the corp.
func (s *Service) FindCampaign(ctx context.Context, corpID, id int64) (*app.ReferralCampaign, error) {
	return s.Store.FindCampaign(ctx, corpID, id)
}

// ListCampaigns returns a page of the corp's campaigns, newest first.
func (s *Service) ListCampaigns(ctx context.Context, corpID int64, p app.Page) ([]app.ReferralCampaign, int64, error) {
	return s.Store.ListCampaigns(ctx, corpID, p)
}

// release deletes an ended campaign's join way or 获客链接, so its code
// or links stop working (a friend campaign's channel is the operator's).
func (s *Service) release(ctx context.Context, c *app.ReferralCampaign) error {
	if c.JoinConfigID == "" && c.LinkID == "" {
		return nil
	}
	cli, err := s.Clients.Client(ctx, c.CorpID)
	if err != nil {
		return err
	}
	if c.JoinConfigID != "" {
		if err := cli.DelJoinWay(ctx, c.JoinConfigID); err != nil {
			return fmt.Errorf("delete join way: %w", err)
		}
	}
	if c.LinkID != "" {
		if err := cli.DeleteAcquisitionLink(ctx, c.LinkID); err != nil {
			return fmt.Errorf("delete acquisition link: %w", err)
		}
	}
	return nil
}
