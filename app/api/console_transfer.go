package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// TransferNames names what the transfer pages show besides people and
// stores: customers and group chats, many at once (app/db's
// DirectoryStore).
type TransferNames interface {
	CustomerNames(ctx context.Context, corpID int64, externalUserIDs []string) (map[string]string, error)
	GroupNames(ctx context.Context, corpID int64, chatIDs []string) (map[string]string, error)
}

// transferPageSize is the rows of one page of the transfer list.
const transferPageSize = 20

// transferPageRoutes serves 继承/转接: the list, the form with its
// preview, a transfer's progress and items, and cancelling. Everyone
// reads; operators, admins and store managers (their own store's guides,
// which the transfer service enforces) start and cancel.
func (s *server) transferPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleMayTransfer)
	g.GET("/transfers", s.transfersPage)
	g.GET("/transfers/export", s.exportTransfers)
	w.GET("/transfers/new", s.transferFormPage)
	w.GET("/transfers/new/guides", s.transferGuideChoices)
	w.GET("/transfers/preview", s.transferPreviewPage)
	w.POST("/transfers/new", s.startTransferForm)
	g.GET("/transfers/:id", s.transferPage)
	g.GET("/transfers/:id/progress", s.transferProgress)
	g.GET("/transfers/:id/export", s.exportTransferItems)
	w.POST("/transfers/:id/cancel", s.cancelTransferForm)
}

// consoleMayTransfer keeps analysts from starting or cancelling.
func (s *server) consoleMayTransfer(c *gin.Context) {
	if app.ReadOnly(caller(c).Role) {
		s.consoleError(c, app.Errorf(app.EFORBIDDEN, "分析师角色只读，不能发起或取消转接"))
	}
}

// transferFilter is the list's filter as the URL carries it.
type transferFilter struct {
	StoreID                    int64
	UserID, Mode, Rule, Status string
}

func readTransferFilter(c *gin.Context) transferFilter {
	f := transferFilter{UserID: c.Query("userid"), Mode: c.Query("mode"), Rule: c.Query("rule"), Status: c.Query("status")}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	return f
}

func (f transferFilter) query(c *gin.Context) app.TransferQuery {
	return app.TransferQuery{CorpID: caller(c).CorpID, By: *caller(c), StoreID: f.StoreID, UserID: f.UserID, Mode: f.Mode, Rule: f.Rule,
		Status: f.Status, Limit: transferPageSize}
}

type transfersView struct {
	Filter   transferFilter
	Errors   map[string]string
	Rows     []transferRow
	Pager    pager
	Stores   []app.Store
	Guides   []transferGuide // of the chosen store, for the guide filter
	Scoped   bool
	CanStart bool
	Export   string
}

// transfersPage lists transfers newest first, filtered in the URL.
func (s *server) transfersPage(c *gin.Context) {
	ctx := c.Request.Context()
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f := readTransferFilter(c)
	if own != nil {
		f.StoreID = own.ID
	}
	page, offset := pageNumber(c, transferPageSize)
	q := f.query(c)
	q.Offset = offset
	v := transfersView{Filter: f, Scoped: own != nil, CanStart: !app.ReadOnly(caller(c).Role), Export: "/console/transfers/export?" + c.Request.URL.RawQuery}
	v.Stores, err = s.allStores(ctx, q.CorpID)
	if err == nil && f.StoreID != 0 {
		v.Guides, err = s.transferGuideChoicesOf(ctx, q.CorpID, f.StoreID, "")
	}
	var list []app.Transfer
	more := false
	if err == nil {
		list, more, err = s.d.Transfers.SearchTransfers(ctx, q)
		if app.ErrorCode(err) == app.EINVALID {
			v.Errors, err = formErrors(err), nil
		}
	}
	if err == nil {
		v.Rows, err = s.transferRows(ctx, q.CorpID, list)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Pager = newPager(c, page, more)
	s.render(c, http.StatusOK, "console_transfers.html", s.view(c, "继承/转接", "transfers", v))
}

// exportTransfers downloads the transfers the list's filter selects. It
// names staff only, no customer, so nothing is masked.
func (s *server) exportTransfers(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "继承/转接", "transfers", nil)
	q := readTransferFilter(c).query(c)
	q.Limit = app.MaxPageSize
	s.export(c, "transfers", table{name: "继承转接", header: []string{"编号", "转出导购", "门店", "方式", "规则", "接替导购", "状态", "客户数",
		"待发送", "发送中", "等待接替", "已接替", "客户拒绝", "接替导购客户已满", "失败", "已取消", "发起人", "发起时间", "结束时间"},
		each: func(emit func([]string) error) error {
			for q.Offset = 0; ; q.Offset += q.Limit {
				list, more, err := s.d.Transfers.SearchTransfers(ctx, q)
				if err != nil {
					return err
				}
				rows, err := s.transferRows(ctx, q.CorpID, list)
				if err != nil {
					return err
				}
				for _, r := range rows {
					if err := emit(r.cells(v)); err != nil {
						return err
					}
				}
				if !more {
					return nil
				}
			}
		}})
}

func (r transferRow) cells(v *consoleView) []string {
	out := []string{strconv.FormatInt(r.ID, 10), r.From, r.Store, r.ModeName, r.RuleName, r.To, r.StatusName, strconv.Itoa(r.Progress.Total)}
	for _, st := range transferStateOrder {
		out = append(out, strconv.Itoa(r.Counts[st]))
	}
	return append(out, r.Actor, v.Local(r.CreatedAt), v.Local(r.FinishedAt))
}
