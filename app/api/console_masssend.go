package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// massSendPageSize is the sends of one page of the list, and the
// customers of one page of a send's results.
const (
	massSendPageSize   = 20
	massResultPageSize = 50
)

// massSendPageRoutes serves 群发 to operators and admins: the list, the
// form, the preview and its confirmation, a send's progress and results,
// reminding and cancelling. Store managers do not see it: a send spans
// the chain and the mass-send service has no store scope.
func (s *server) massSendPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	w.GET("/mass-sends", s.massSendsPage)
	w.GET("/mass-sends/new", s.massSendFormPage)
	w.POST("/mass-sends/new", s.createMassSendForm)
	w.GET("/mass-sends/:id/preview", s.massSendPreviewPage)
	w.GET("/mass-sends/:id", s.massSendPage)
	w.POST("/mass-sends/:id/start", s.startMassSendForm)
	w.POST("/mass-sends/:id/remind", s.remindMassSendForm)
	w.POST("/mass-sends/:id/cancel", s.cancelMassSendForm)
}

// Chinese names of statuses, exclusions and results.
var (
	massSendStatusNames = map[string]string{app.MassSendDraft: "草稿（待确认）", app.MassSendScheduled: "待发送", app.MassSendSending: "创建任务中",
		app.MassSendTracking: "等待导购发送", app.MassSendDone: "已完成", app.MassSendCancelled: "已取消"}
	massExcludeNames = map[string]string{app.ExcludeNoOwner: "无归属导购", app.ExcludeNotFriend: "已不是好友", app.ExcludeDismissed: "客户群已解散",
		app.ExcludeOverLimit: "超出接收上限", app.ExcludeHoldout: "对照组（不发送）"}
	massResultNames = map[string]string{app.ResultSent: "已发送", app.ResultNotFriend: "非好友", app.ResultOverLimit: "超出接收上限",
		app.ResultNotIncluded: "未发送", app.ResultCancelled: "已取消", "": "待导购发送"}
	massAudienceNames = map[string]string{app.AudienceSegment: "人群", app.AudienceTags: "标签筛选", app.AudienceList: "上传名单", app.AudienceGroups: "客户群"}
)

// massSendRow is a send as the list shows it.
type massSendRow struct {
	app.MassSend
	StatusName, Audience string
	Sent                 int64
}

type massSendsView struct {
	Status      string
	Statuses    []consoleOption
	Rows        []massSendRow
	Total       int64
	First, Next string
}

func (s *server) massSendsPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	v := massSendsView{Status: c.Query("status"), Statuses: []consoleOption{{Value: "", Label: "全部"}}}
	for _, st := range massSendStatuses {
		v.Statuses = append(v.Statuses, consoleOption{Value: st, Label: massSendStatusNames[st]})
	}
	if v.Status != "" && massSendStatusNames[v.Status] == "" {
		s.consoleError(c, app.FieldInvalid("status", "没有这种群发状态"))
		return
	}
	list, total, err := s.d.MassSends.List(ctx, corpID, app.MassSendFilter{Page: app.Page{After: after, Limit: massSendPageSize}, Status: v.Status})
	for i := 0; err == nil && i < len(list); i++ {
		var sent int64
		sent, err = s.massSent(c, list[i].ID)
		v.Rows = append(v.Rows, massSendRow{MassSend: list[i], StatusName: massSendStatusNames[list[i].Status],
			Audience: massAudienceNames[list[i].AudienceKind], Sent: sent})
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	var next int64
	if len(list) == massSendPageSize {
		next = list[len(list)-1].ID
	}
	v.Total = total
	v.First, v.Next = cursorLinks(c, after, next)
	s.render(c, http.StatusOK, "console_masssends.html", s.view(c, "群发", "masssends", v))
}

// massSent counts a send's customers WeCom reports as sent.
func (s *server) massSent(c *gin.Context, id int64) (int64, error) {
	_, n, err := s.d.MassSends.Results(c.Request.Context(), caller(c).CorpID, id,
		app.MassSendResultFilter{Page: app.Page{Limit: 1}, Result: app.ResultSent, Targeted: true})
	return n, err
}
