package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
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
	g.GET("/channels/export", s.exportChannels)
	w.GET("/channels/new", s.channelFormPage)
	w.POST("/channels/new", s.saveChannel)
	w.GET("/channels/guides", s.channelGuideChoices)
	g.GET("/channels/:id", s.channelPage)
	g.GET("/channels/:id/qr.png", s.consoleChannelQR)
	w.GET("/channels/:id/edit", s.channelFormPage)
	w.POST("/channels/:id/edit", s.saveChannel)
	w.POST("/channels/:id/delete", s.deleteChannel)
	w.POST("/channels/:id/pause", s.pauseChannel)
	w.POST("/channels/:id/resume", s.resumeChannel)
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
	Rows            []channelRow
	Next, Export    string
	First           bool
	Filter          channelFilter
	Stores          []app.Store
	Kinds, Statuses map[string]string
}

var channelKinds = map[string]string{app.ChannelStore: "门店活码", app.ChannelGuide: "个人活码", app.ChannelCampaign: "活动活码", app.ChannelOnline: "线上活码"}

var channelStatuses = map[string]string{app.ChannelActive: "生效中", app.ChannelCreating: "创建中", app.ChannelDeleted: "已删除",
	app.ChannelPaused: "已暂停（仅备用导购接待）"}

// channelFilter is the channel list's filter as the URL carries it.
type channelFilter struct {
	StoreID      int64
	Kind, Status string
}

func readChannelFilter(c *gin.Context) (channelFilter, app.ChannelFilter) {
	f := channelFilter{Kind: c.Query("kind"), Status: c.Query("status")}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	return f, app.ChannelFilter{Page: app.Page{After: after, Limit: 50}, StoreID: f.StoreID, Kind: f.Kind, Status: f.Status}
}

// channelsPage lists the channels with today's and the last 7 days' adds,
// by store, kind and status.
func (s *server) channelsPage(c *gin.Context) {
	v := s.view(c, "渠道活码", "channels", nil)
	f, q := readChannelFilter(c)
	rows, next, stores, err := s.channelList(c, q, v.Zone)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	cv := channelsView{Rows: rows, First: q.After == 0, Filter: f, Stores: stores, Kinds: channelKinds, Statuses: channelStatuses,
		Export: "/console/channels/export?" + c.Request.URL.RawQuery}
	if next != 0 {
		u := *c.Request.URL
		qs := u.Query()
		qs.Set("after", strconv.FormatInt(next, 10))
		cv.Next = "/console/channels?" + qs.Encode()
	}
	v.Data = cv
	s.render(c, http.StatusOK, "console_channels.html", v)
}

// channelList reads one page of channels with their adds and names.
func (s *server) channelList(c *gin.Context, q app.ChannelFilter, zone *time.Location) ([]channelRow, int64, []app.Store, error) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	list, next, err := s.d.Channels.FilterChannels(ctx, corpID, q)
	today := time.Now().In(zone)
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
	for i := range rows {
		rows[i].Today, rows[i].Week = day[rows[i].ID], week[rows[i].ID]
	}
	return rows, next, stores, err
}

// exportChannels writes every channel of the list's filter, with adds.
func (s *server) exportChannels(c *gin.Context) {
	_, q := readChannelFilter(c)
	zone := s.view(c, "", "", nil).Zone
	s.export(c, "channels", table{name: "渠道活码", header: []string{"名称", "类型", "门店", "导购", "状态", "今日新增", "近7天新增", "state"},
		each: func(emit func([]string) error) error {
			for q.After = 0; ; {
				page, next, _, err := s.channelList(c, q, zone)
				for _, r := range page {
					if err == nil {
						err = emit([]string{r.Name, r.KindName, r.Store, strings.Join(r.Guides, "、"), r.StatusName,
							strconv.FormatInt(r.Today, 10), strconv.FormatInt(r.Week, 10), r.State})
					}
				}
				if err != nil || next == 0 {
					return err
				}
				q.After = next
			}
		}})
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
