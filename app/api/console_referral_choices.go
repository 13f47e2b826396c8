package api

import (
	"context"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// loadReferralChoices fills what the campaign form offers, by name: the
// corp's active channels (a 任务宝's contact way), live customer groups
// (a 群裂变's), image materials (the poster) and rewards (the tiers); an
// edited campaign's fixed contact way or groups by name.
func (s *server) loadReferralChoices(c *gin.Context, f *referralForm) error {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	chs, _, err := s.d.Channels.FilterChannels(ctx, corpID, app.ChannelFilter{Page: app.Page{Limit: app.MaxPageSize}, Status: app.ChannelActive})
	for _, ch := range chs {
		f.Channels = append(f.Channels, consoleOption{Value: strconv.FormatInt(ch.ID, 10), Label: ch.Name})
		if f.ChannelID == strconv.FormatInt(ch.ID, 10) {
			f.ChannelName = ch.Name
		}
	}
	if err == nil {
		f.Groups, err = s.referralGroupChoices(ctx, corpID)
	}
	if err == nil {
		f.GroupNames, err = s.referralGroupNames(ctx, corpID, f.ChatIDs)
	}
	if err == nil {
		f.Images, err = s.referralImageChoices(ctx, corpID)
	}
	if err == nil {
		f.Rewards, f.RewardsWired, err = s.referralRewardChoices(ctx, corpID)
	}
	if f.ID > 0 && f.ChannelName == "" && f.ChannelID != "" && err == nil {
		f.ChannelName = s.channelName(ctx, corpID, f.ChannelID)
	}
	return err
}

// referralGroupChoices are the corp's customer groups not dismissed, by
// name (the first page of them, as WeCom's join way takes five).
func (s *server) referralGroupChoices(ctx context.Context, corpID int64) ([]consoleOption, error) {
	gs, _, err := s.d.Directory.ListGroups(ctx, corpID, app.Page{Limit: app.MaxPageSize})
	var out []consoleOption
	for _, g := range gs {
		if g.DismissedAt == nil {
			out = append(out, consoleOption{Value: g.ChatID, Label: orText(g.Name, "未命名客户群")})
		}
	}
	return out, err
}

// referralGroupNames names chatIDs in order.
func (s *server) referralGroupNames(ctx context.Context, corpID int64, chatIDs []string) ([]string, error) {
	if len(chatIDs) == 0 || s.d.CustomerNames == nil {
		return nil, nil
	}
	names, err := s.groupNames(ctx, corpID, chatIDs)
	out := make([]string, len(chatIDs))
	for i, id := range chatIDs {
		out[i] = names[id]
	}
	return out, err
}

// referralImageChoices are the corp's image materials, newest first.
func (s *server) referralImageChoices(ctx context.Context, corpID int64) ([]consoleOption, error) {
	ms, err := s.loadMaterials(ctx, corpID)
	var out []consoleOption
	for _, m := range ms {
		if m.Kind == app.MaterialImage {
			out = append(out, consoleOption{Value: strconv.FormatInt(m.ID, 10), Label: m.Name})
		}
	}
	return out, err
}

// channelName names a channel that is no longer active (a paused or
// deleted contact way an edited campaign still has).
func (s *server) channelName(ctx context.Context, corpID int64, id string) string {
	n, _ := strconv.ParseInt(id, 10, 64)
	ch, err := s.d.Channels.FindChannel(ctx, corpID, n)
	if err != nil {
		return "已删除的渠道活码"
	}
	return ch.Name
}
