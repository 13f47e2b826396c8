package miniapp

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// howToAdd fills g with the code that adds the guide: their personal
// channel code, else their store's, with a sentence saying what to do.
func (s *Service) howToAdd(ctx context.Context, corpID int64, o *app.Owner, storeID *int64, g *Guide) error {
	if o != nil {
		cs, _, err := s.Channels.ListChannels(ctx, corpID, app.ChannelFilter{Kind: app.ChannelGuide, Status: app.ChannelActive,
			Page: app.Page{Limit: app.MaxPageSize}})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.QRCode != "" && slices.ContainsFunc(c.Members, func(m app.ChannelMember) bool { return m.UserID == o.UserID }) {
				g.QRCodeURL, g.How = c.QRCode, "长按识别二维码，添加导购"+g.GuideName+"的企业微信"
				return nil
			}
		}
	}
	if storeID != nil {
		cs, _, err := s.Channels.ListChannels(ctx, corpID, app.ChannelFilter{StoreID: *storeID, Kind: app.ChannelStore,
			Status: app.ChannelActive, Page: app.Page{Limit: 10}})
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.QRCode != "" {
				g.QRCodeURL, g.How = c.QRCode, "长按识别二维码，添加"+g.StoreName+"门店导购的企业微信"
				return nil
			}
		}
	}
	switch {
	case g.GuideName != "":
		g.How = "您的导购是" + g.GuideName + "，可在企业微信聊天中联系"
	case g.StoreName != "":
		g.How = "到" + g.StoreName + "门店扫码添加导购"
	default:
		g.How = "暂未分配导购，到任意门店扫码即可添加"
	}
	return nil
}
