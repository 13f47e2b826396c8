package api

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// exportAudit downloads every entry the log's filter selects, newest
// first, named as the page names them (an analyst's masked alike). The
// export is itself an entry of the log.
func (s *server) exportAudit(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "审计日志", "audit", nil)
	_, f, err := s.readAuditFilter(c, v.Zone)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f.BeforeID, f.Limit = 0, app.MaxPageSize
	s.export(c, "audit", table{name: "审计日志", header: []string{"时间", "操作人", "动作", "对象类型", "对象", "详情", "请求编号"},
		each: func(emit func([]string) error) error {
			for {
				list, err := s.d.Audit.List(ctx, f)
				if err != nil {
					return err
				}
				rows, err := s.auditRows(ctx, v, list)
				if err != nil {
					return err
				}
				for _, r := range rows {
					if err := emit([]string{v.Local(r.CreatedAt), r.Actor, r.Action, r.Kind, r.Target, detailText(r), r.RequestID}); err != nil {
						return err
					}
				}
				if len(list) < f.Limit {
					return nil
				}
				f.BeforeID = list[len(list)-1].ID
			}
		}})
}

// detailText is a row's detail on one line of a spreadsheet.
func detailText(r auditLogRow) string {
	if r.Hidden {
		return "（已隐藏）"
	}
	parts := make([]string, len(r.Lines))
	for i, l := range r.Lines {
		switch {
		case l.Change:
			parts[i] = l.Key + "：" + l.Before + " → " + l.After
		case l.Before != "":
			parts[i] = l.Key + "：" + l.Before
		default:
			parts[i] = l.Key + "：" + l.After
		}
	}
	return strings.Join(parts, "；")
}
