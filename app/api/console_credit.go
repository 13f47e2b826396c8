package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// CreditPages reads pages of the credit of record for the console's
// 业绩报表 (app/db's AttributionStore).
type CreditPages interface {
	CreditReport(ctx context.Context, q app.CreditQuery) (*app.CreditReport, error)
}

// creditPageSize is the rows of one page of the report.
const creditPageSize = 20

// creditPageRoutes serves 业绩报表: every role reads it and exports it, a
// store manager their store's credit only.
func (s *server) creditPageRoutes(g *gin.RouterGroup) {
	g.GET("/attribution/report", s.creditPage)
	g.GET("/attribution/report/export", s.exportCredit)
}

// creditFilter is the report's filter as the URL carries it.
type creditFilter struct {
	RulesID                 int64
	From, To, By, Sort, Dir string
}

// creditBys are what the report totals by, in words.
var creditBys = []consoleOption{{Value: "store", Label: "门店"}, {Value: "guide", Label: "导购"}, {Value: "team", Label: "团队（门店 / 线上）"}}

// creditSorts are what the report sorts by, in words.
var creditSorts = map[string]string{app.CreditSortNet: "净额", app.CreditSortSales: "销售额", app.CreditSortRefunds: "退款",
	app.CreditSortOrders: "订单数"}

// readCreditFilter reads the filter; the period is this month to today
// in the corp's zone unless the URL says otherwise.
func readCreditFilter(c *gin.Context, zone *time.Location) (creditFilter, app.Fields) {
	now := time.Now().In(zone)
	f := creditFilter{From: c.DefaultQuery("from", now.Format("2006-01")+"-01"), To: c.DefaultQuery("to", now.Format("2006-01-02")),
		By: c.DefaultQuery("by", "store"), Sort: c.DefaultQuery("sort", app.CreditSortNet), Dir: c.DefaultQuery("dir", "desc")}
	var bad app.Fields
	var err error
	if raw := c.Query("rules_id"); raw != "" {
		f.RulesID, err = strconv.ParseInt(raw, 10, 64)
		bad.Check(err != nil, "rules_id", "规则版本不存在")
	}
	bad.Check(labelOf(creditBys, f.By) == "", "by", "汇总方式应为门店、导购或团队")
	bad.Check(creditSorts[f.Sort] == "", "sort", "排序应为净额、销售额、退款或订单数")
	bad.Check(f.Dir != "asc" && f.Dir != "desc", "sort", "排序方向应为升序或降序")
	return f, bad
}

func labelOf(opts []consoleOption, value string) string {
	for _, o := range opts {
		if o.Value == value {
			return o.Label
		}
	}
	return ""
}

func (s *server) creditPage(c *gin.Context) {
	v := s.view(c, "业绩报表", "credit", nil)
	cv, q, err := s.creditQuery(c, v.Zone)
	page, offset := pageNumber(c, creditPageSize)
	var rep *app.CreditReport
	if err == nil && cv.Errors == nil && cv.Version != nil {
		q.Offset, q.Limit = offset, creditPageSize
		rep, err = s.d.CreditPages.CreditReport(c.Request.Context(), q)
	}
	if err == nil && rep != nil {
		err = s.fillCredit(c.Request.Context(), &cv, q, rep)
		cv.Pager = newPager(c, page, int64(offset+len(rep.Rows)) < rep.Count)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Data = cv
	s.render(c, http.StatusOK, "console_credit.html", v)
}
