package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// channelView is one channel's page: its settings by name, its QR, whom
// WeCom routes it to now, and its adds per day and per guide.
type channelView struct {
	channelRow
	Backup   string
	Tags     []string
	RoutedTo []string
	Days     []dayAdds
	PerGuide []guideAdds
	Shifts   map[string]string // guide name → shifts as typed
}

type dayAdds struct {
	Day    string
	Total  int
	Guides []guideAdds
}

type guideAdds struct {
	Guide string
	Adds  int
}

// channelDays is how far back a channel's page counts adds.
const channelDays = 30

func (s *server) channelPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "渠道活码", "channels", nil)
	ch, err := s.d.Channels.FindChannel(ctx, corpID, pathID(c))
	var stores []app.Store
	var rows []channelRow
	if err == nil {
		stores, err = s.allStores(ctx, corpID)
	}
	if err == nil {
		rows, err = s.channelRows(ctx, corpID, []app.Channel{*ch}, stores)
	}
	var adds []app.DailyAdds
	var routed []string
	if err == nil {
		adds, err = s.d.ChannelStats.ChannelAdds(ctx, corpID, ch.ID, time.Now().In(v.Zone).AddDate(0, 0, 1-channelDays).Format(time.DateOnly))
	}
	if err == nil && s.d.Routing != nil {
		routed, err = s.d.Routing.RoutedTo(ctx, corpID, ch.ID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	cv := channelView{channelRow: rows[0], Shifts: map[string]string{}}
	if err := s.nameChannel(c, &cv, adds, routed); err != nil {
		s.consoleError(c, err)
		return
	}
	v.Title, v.Data = "渠道活码 · "+ch.Name, cv
	s.render(c, http.StatusOK, "console_channel.html", v)
}

// nameChannel fills the names the page shows: guides, backup, tags,
// routing and the adds table.
func (s *server) nameChannel(c *gin.Context, cv *channelView, adds []app.DailyAdds, routed []string) error {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	users := append([]string{cv.BackupUserID}, routed...)
	for _, a := range adds {
		users = append(users, a.UserID)
	}
	for _, m := range cv.Members {
		users = append(users, m.UserID)
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return err
	}
	groups, err := s.d.Customers.CorpTags(ctx, corpID)
	if err != nil {
		return err
	}
	tags := tagNames(groups)
	for _, id := range cv.TagIDs {
		cv.Tags = append(cv.Tags, tagOrID(tags, id))
	}
	cv.Backup = personName(people, cv.BackupUserID)
	for _, u := range routed {
		cv.RoutedTo = append(cv.RoutedTo, personName(people, u))
	}
	for _, m := range cv.Members {
		cv.Shifts[personName(people, m.UserID)] = formatShifts(m.Shifts)
	}
	cv.Days, cv.PerGuide = addsTables(adds, people)
	return nil
}

func tagOrID(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	return "已删除的标签"
}

// addsTables groups a channel's daily counts by day and totals them by
// guide, most first.
func addsTables(adds []app.DailyAdds, people map[string]string) ([]dayAdds, []guideAdds) {
	var days []dayAdds
	total := map[string]int{}
	for _, a := range adds {
		name := personName(people, a.UserID)
		if len(days) == 0 || days[len(days)-1].Day != a.Day {
			days = append(days, dayAdds{Day: a.Day})
		}
		d := &days[len(days)-1]
		d.Total += a.Adds
		d.Guides = append(d.Guides, guideAdds{name, a.Adds})
		total[name] += a.Adds
	}
	per := make([]guideAdds, 0, len(total))
	for g, n := range total {
		per = append(per, guideAdds{g, n})
	}
	sort.Slice(per, func(i, j int) bool {
		return per[i].Adds > per[j].Adds || per[i].Adds == per[j].Adds && per[i].Guide < per[j].Guide
	})
	return days, per
}

// consoleChannelQR serves the channel's QR image: inline for the page's
// preview, as a download with ?download=1.
func (s *server) consoleChannelQR(c *gin.Context) {
	ch, err := s.d.Channels.FindChannel(c.Request.Context(), caller(c).CorpID, pathID(c))
	var png []byte
	if err == nil {
		png, err = s.d.Channels.QRImage(c.Request.Context(), ch.CorpID, ch.ID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	if c.Query("download") != "" {
		c.Header("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape("渠道活码-"+ch.Name+".png"))
	}
	c.Header("Cache-Control", "private, max-age=300")
	c.Data(http.StatusOK, "image/png", png)
}

// deleteChannel deletes the channel's contact way in WeCom: the QR stops
// working for good.
func (s *server) deleteChannel(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	ch, err := s.d.Channels.FindChannel(ctx, corpID, pathID(c))
	if err == nil {
		err = s.d.Channels.DeleteChannel(ctx, corpID, ch.ID)
	}
	if err != nil {
		s.failed(c, "/console/channels", err)
		return
	}
	s.done(c, "/console/channels", "已删除渠道活码 "+ch.Name+"，其二维码已失效")
}

// pauseChannel routes a channel to its backup guide alone; a refusal (no
// backup guide) comes back to the channel's page with the reason.
func (s *server) pauseChannel(c *gin.Context) {
	s.changeChannel(c, s.d.Channels.PauseChannel, "已暂停渠道活码 %s：扫码的客户只会添加备用导购")
}

// resumeChannel routes a paused channel to its guides again.
func (s *server) resumeChannel(c *gin.Context) {
	s.changeChannel(c, s.d.Channels.ResumeChannel, "已恢复渠道活码 %s")
}

func (s *server) changeChannel(c *gin.Context, change func(ctx context.Context, corpID, id int64) (*app.Channel, error), msg string) {
	back := fmt.Sprintf("/console/channels/%d", pathID(c))
	ch, err := change(c.Request.Context(), caller(c).CorpID, pathID(c))
	if err != nil {
		s.failed(c, back, err)
		return
	}
	s.done(c, back, fmt.Sprintf(msg, ch.Name))
}
