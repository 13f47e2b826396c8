package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// ChannelStats reads how many customers came through channels
// (assignment's per-guide daily counts).
type ChannelStats interface {
	ChannelAdds(ctx context.Context, corpID, channelID int64, sinceDay string) ([]app.DailyAdds, error)
	ChannelAddTotals(ctx context.Context, corpID int64, sinceDay string) (map[int64]int64, error)
}

// Routing tells whom WeCom currently routes a channel's contact way to.
type Routing interface {
	RoutedTo(ctx context.Context, corpID, id int64) ([]string, error)
}

// channelPageRoutes serves 渠道活码: the list with adds, a channel's page
// with its QR, adds per day and per guide, and the form.
func (s *server) channelPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/channels", s.channelsPage)
	w.GET("/channels/new", s.channelFormPage)
	w.POST("/channels/new", s.saveChannel)
	w.GET("/channels/guides", s.channelGuideChoices)
	g.GET("/channels/:id", s.channelPage)
	g.GET("/channels/:id/qr.png", s.consoleChannelQR)
	w.GET("/channels/:id/edit", s.channelFormPage)
	w.POST("/channels/:id/edit", s.saveChannel)
	w.POST("/channels/:id/delete", s.deleteChannel)
}

type channelRow struct {
	app.Channel
	Store        string
	Today, Week  int64
	Guides       []string
	KindName     string
	StatusName   string
	WarningsText []string
}

type channelsView struct {
	Rows  []channelRow
	Next  string
	First bool
}

var channelKinds = map[string]string{app.ChannelStore: "门店活码", app.ChannelGuide: "个人活码", app.ChannelCampaign: "活动活码", app.ChannelOnline: "线上活码"}

var channelStatuses = map[string]string{app.ChannelActive: "生效中", app.ChannelCreating: "创建中", app.ChannelDeleted: "已删除"}

// channelsPage lists the channels with today's and the last 7 days' adds.
func (s *server) channelsPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "渠道活码", "channels", nil)
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	list, next, err := s.d.Channels.ListChannels(ctx, corpID, app.Page{After: after, Limit: 50})
	today := time.Now().In(v.Zone)
	var day, week map[int64]int64
	var stores []app.Store
	if err == nil {
		day, err = s.d.ChannelStats.ChannelAddTotals(ctx, corpID, today.Format(time.DateOnly))
	}
	if err == nil {
		week, err = s.d.ChannelStats.ChannelAddTotals(ctx, corpID, today.AddDate(0, 0, -6).Format(time.DateOnly))
	}
	if err == nil {
		stores, err = s.allStores(ctx, corpID)
	}
	var rows []channelRow
	if err == nil {
		rows, err = s.channelRows(ctx, corpID, list, stores)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for i := range rows {
		rows[i].Today, rows[i].Week = day[rows[i].ID], week[rows[i].ID]
	}
	cv := channelsView{Rows: rows, First: after == 0}
	if next != 0 {
		cv.Next = "/console/channels?after=" + strconv.FormatInt(next, 10)
	}
	v.Data = cv
	s.render(c, http.StatusOK, "console_channels.html", v)
}

// channelRows names each channel's store and guides.
func (s *server) channelRows(ctx context.Context, corpID int64, list []app.Channel, stores []app.Store) ([]channelRow, error) {
	var users []string
	for _, ch := range list {
		for _, m := range ch.Members {
			users = append(users, m.UserID)
		}
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	rows := make([]channelRow, len(list))
	for i, ch := range list {
		r := channelRow{Channel: ch, KindName: channelKinds[ch.Kind], StatusName: channelStatuses[ch.Status], WarningsText: ch.Warnings()}
		if ch.StoreID != nil {
			r.Store = storeName(stores, *ch.StoreID)
		}
		for _, m := range ch.Members {
			r.Guides = append(r.Guides, personName(people, m.UserID))
		}
		rows[i] = r
	}
	return rows, nil
}
