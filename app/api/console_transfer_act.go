package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// transferTaskStatusNames say where a follow-up task stands.
var transferTaskStatusNames = map[string]string{app.TaskOpen: "待办", app.TaskDone: "已完成", app.TaskCancelled: "已取消"}

// transferFollowUps finds the task each flagged item became (its source names
// the item), by item id.
func (s *server) transferFollowUps(ctx context.Context, p *app.Principal, items []app.TransferItem) (map[int64]app.GuideTask, error) {
	out := map[int64]app.GuideTask{}
	if s.d.Tasks == nil {
		return out, nil
	}
	for _, it := range items {
		if !it.Flagged {
			continue
		}
		tasks, _, err := s.d.Tasks.ListTasks(ctx, p.CorpID, *p, app.TaskFilter{Page: app.Page{Limit: app.MaxPageSize}, ExternalUserID: it.ExternalUserID})
		if err != nil {
			return nil, err
		}
		for _, t := range tasks {
			if t.Kind == app.TaskTransferRefused && t.Source == fmt.Sprintf("transfer_item:%d", it.ID) {
				out[it.ID] = t
			}
		}
	}
	return out, nil
}

// transferProgress answers the progress part of a transfer's page, which
// htmx polls while the transfer runs.
func (s *server) transferProgress(c *gin.Context) {
	p := caller(c)
	t, groups, err := s.d.Transfers.FindTransfer(c.Request.Context(), p.CorpID, pathID(c), *p)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.HTML(http.StatusOK, "transfer_progress", s.progressOfTransfer(c, t, groups))
}

// cancelTransferForm cancels what of a transfer has not gone to WeCom:
// those customers and groups stay with the guide.
func (s *server) cancelTransferForm(c *gin.Context) {
	p := caller(c)
	to := "/console/transfers/" + c.Param("id")
	before, _, err := s.d.Transfers.FindTransfer(c.Request.Context(), p.CorpID, pathID(c), *p)
	var t *app.Transfer
	if err == nil {
		t, err = s.d.Transfers.CancelTransfer(c.Request.Context(), p.CorpID, before.ID, *p)
	}
	switch {
	case app.ErrorCode(err) == app.ECONFLICT:
		s.flash(c, "!"+app.ErrorMessage(err))
		c.Redirect(http.StatusSeeOther, to)
	case err != nil:
		s.consoleError(c, err)
	default:
		n := t.Counts[app.ItemCancelled] - before.Counts[app.ItemCancelled]
		s.done(c, to, "已取消转接：尚未发送的 "+strconv.Itoa(n)+" 位客户和未转的客户群留在原导购名下")
	}
}

// exportTransferItems downloads a transfer's customers of the state the
// page shows. Analysts get customer names masked.
func (s *server) exportTransferItems(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	v := s.view(c, "继承/转接", "transfers", nil)
	t, _, err := s.d.Transfers.FindTransfer(ctx, p.CorpID, pathID(c), *p)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	mask := app.ReadOnly(p.Role)
	f := app.TransferFilter{Page: app.Page{Limit: app.MaxPageSize}, State: c.Query("state")}
	s.export(c, "transfer_items", table{name: "转接客户-" + strconv.FormatInt(t.ID, 10), header: []string{"external_userid", "客户", "接替导购",
		"状态", "原因", "需跟进", "跟进人", "批次", "发送时间", "接替时间", "结束时间"},
		each: func(emit func([]string) error) error {
			return eachPage(func(pg app.Page) (int64, error) {
				f.Page = pg
				items, next, err := s.d.Transfers.ListTransferItems(ctx, p.CorpID, t.ID, *p, f)
				if err != nil {
					return 0, err
				}
				rows, _, err := s.transferItemRows(ctx, p, items, nil)
				for _, r := range rows {
					if err == nil {
						err = emit(r.cells(v, mask))
					}
				}
				return next, err
			})
		}})
}

func (r transferItemRow) cells(v *consoleView, mask bool) []string {
	name, flagged, who := r.Name, "", ""
	if mask {
		name = maskText(name)
	}
	if r.Flagged {
		flagged = "是"
	}
	if r.Task != nil {
		who = r.Task.Who + "（" + r.Task.Status + "）"
	}
	batch := ""
	if r.Batch > 0 {
		batch = strconv.Itoa(r.Batch)
	}
	return []string{r.ExternalUserID, name, r.To, r.StateName, r.Reason, flagged, who, batch, v.Local(r.SentAt), v.Local(r.TakeoverAt), v.Local(r.SettledAt)}
}
