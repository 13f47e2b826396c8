package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// segmentPageSize is the segments of one page of the list.
const segmentPageSize = 50

// segmentPageRoutes serves 人群: operators and admins build, save and
// refresh; analysts read the list and the snapshots; store managers the
// list only (a segment spans the chain, beyond their store).
func (s *server) segmentPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	r := g.Group("", s.chainReaders)
	g.GET("/segments", s.segmentsPage)
	w.GET("/segments/new", s.segmentBuilderPage)
	w.POST("/segments/new", s.saveSegment)
	w.POST("/segments/tree", s.segmentTree)
	w.POST("/segments/preview", s.segmentPreview)
	r.GET("/segments/:id", s.segmentPage)
	w.POST("/segments/:id/refresh", s.refreshSegmentForm)
}

// chainReaders keeps store managers from what spans the whole chain.
func (s *server) chainReaders(c *gin.Context) {
	if caller(c).Role == app.RoleStoreManager {
		s.consoleError(c, app.Errorf(app.EFORBIDDEN, "人群面向全连锁的客户，店长只能查看人群列表"))
	}
}

// segmentRow is a segment as the list shows it.
type segmentRow struct {
	app.Segment
	Period string
}

type segmentsView struct {
	Rows        []segmentRow
	First, Next string
	Chain       bool // the caller may open a segment's customers
}

func (s *server) segmentsPage(c *gin.Context) {
	p := caller(c)
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	list, next, err := s.d.Segments.List(c.Request.Context(), p.CorpID, app.Page{After: after, Limit: segmentPageSize})
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v := segmentsView{Chain: p.Role != app.RoleStoreManager}
	for _, g := range list {
		v.Rows = append(v.Rows, segmentRow{Segment: g, Period: refreshPeriod(g.RefreshHours)})
	}
	v.First, v.Next = cursorLinks(c, after, next)
	s.render(c, http.StatusOK, "console_segments.html", s.view(c, "人群", "segments", v))
}

// refreshPeriod says how often a segment is refreshed on its own.
func refreshPeriod(hours int) string {
	switch {
	case hours <= 0:
		return "仅手动刷新"
	case hours == 1 || hours == 24 || hours == 24*7:
		return map[int]string{1: "每小时", 24: "每天", 24 * 7: "每周"}[hours]
	case hours%(24*7) == 0:
		return fmt.Sprintf("每 %d 周", hours/(24*7))
	case hours%24 == 0:
		return fmt.Sprintf("每 %d 天", hours/24)
	}
	return fmt.Sprintf("每 %d 小时", hours)
}

// refreshSegmentForm materializes a segment anew and goes back to the
// page the button was on.
func (s *server) refreshSegmentForm(c *gin.Context) {
	g, err := s.d.Segments.Refresh(c.Request.Context(), caller(c).CorpID, pathID(c))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, safeConsoleNext(c.PostForm("next")), fmt.Sprintf("已刷新人群「%s」：第 %d 版，%d 位客户", g.Name, g.Version, g.Count))
}
