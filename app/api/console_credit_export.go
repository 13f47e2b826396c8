package api

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// exportCredit downloads every row of the report the filter selects (a
// store manager's, their store's), audited like every export; money in
// plain yuan, so a spreadsheet sums it.
func (s *server) exportCredit(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "业绩报表", "credit", nil)
	cv, q, err := s.creditQuery(c, v.Zone)
	if err == nil && cv.Errors != nil {
		err = app.Errorf(app.EINVALID, "筛选条件不正确：%s", firstError(cv.Errors))
	}
	if err == nil && cv.Version == nil {
		err = app.Errorf(app.ENOTFOUND, "还没有业绩归属规则版本，没有可导出的业绩")
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	name := "业绩报表-按" + cv.ByLabel + "-第" + strconv.Itoa(cv.Version.Version) + "版-" + cv.Filter.From + "至" + cv.Filter.To
	s.export(c, "attribution", table{name: name, header: []string{cv.ByLabel, "销售额（元）", "退款（元）", "净额（元）", "销售订单数", "退款单数"},
		each: func(emit func([]string) error) error {
			q.Limit = app.MaxPageSize
			for q.Offset = 0; ; q.Offset += q.Limit {
				rep, err := s.d.CreditPages.CreditReport(ctx, q)
				if err != nil {
					return err
				}
				name, err := s.creditNamer(ctx, q.CorpID, q.By, rep.Rows)
				if err != nil {
					return err
				}
				for _, r := range rep.Rows {
					err := emit([]string{name(r.Key), yuanPlain(r.SalesCents), yuanPlain(-r.RefundCents), yuanPlain(r.NetCents),
						strconv.FormatInt(r.SaleOrders, 10), strconv.FormatInt(r.Refunded, 10)})
					if err != nil {
						return err
					}
				}
				if len(rep.Rows) < q.Limit {
					return nil
				}
			}
		}})
}

// firstError is one of a form's refusals, for a page that has no form.
func firstError(errs map[string]string) string {
	for _, m := range errs {
		return m
	}
	return ""
}
