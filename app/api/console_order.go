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

// OrderMembers reads the members orders are linked to, many at once, so a
// list names them (app/db's MemberStore).
type OrderMembers interface {
	MembersByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Member, error)
}

// orderPageSize is the rows of one page of the order list.
const orderPageSize = 50

// orderPageRoutes serves 订单: every role reads (a store manager their
// store's orders, which the order service enforces); operators and
// admins import.
func (s *server) orderPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/orders", s.ordersPage)
	g.GET("/orders/export", s.exportOrders)
	w.GET("/orders/import", s.orderImportPage)
	w.POST("/orders/import", s.importOrders)
	g.GET("/orders/:id", s.orderPage)
}

// orderFilterForm is the list's filter as the URL carries it.
type orderFilterForm struct {
	StoreID                          int64
	Source, Kind, From, To, MemberNo string
}

// Any says whether a filter is set, for the empty state's way back.
func (f orderFilterForm) Any() bool {
	return f.StoreID != 0 || f.Source != "" || f.Kind != "" || f.From != "" || f.To != "" || f.MemberNo != ""
}

// readOrderFilter reads the filter from the URL; dates are days in the
// corp's zone, the end day included.
func readOrderFilter(c *gin.Context, zone *time.Location) (orderFilterForm, app.OrderFilter, app.Fields) {
	f := orderFilterForm{Source: c.Query("source"), Kind: c.Query("kind"), From: c.Query("paid_from"), To: c.Query("paid_to"),
		MemberNo: strings.TrimSpace(c.Query("member_no"))}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	q := app.OrderFilter{StoreID: f.StoreID, Source: f.Source, Kind: f.Kind, MemberNo: f.MemberNo}
	q.After, _ = strconv.ParseInt(c.Query("after"), 10, 64)
	var bad app.Fields
	q.PaidFrom = day(&bad, "paid_from", f.From, zone, 0)
	q.PaidBefore = day(&bad, "paid_to", f.To, zone, 1)
	return f, q, bad
}

type ordersView struct {
	Filter  orderFilterForm
	Errors  map[string]string
	Rows    []orderRow
	Stores  []app.Store
	Sources []consoleOption
	Scoped  bool
	Export  string // the export link of this filter
	First   string // the first page's link when this is not it
	Next    string // the next page's link, "" on the last
}

// consoleOption is an option of a select: its value and its label.
type consoleOption struct{ Value, Label string }

func (s *server) ordersPage(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	v := s.view(c, "订单", "orders", nil)
	own, err := s.scopeStore(c)
	f, q, bad := readOrderFilter(c, v.Zone)
	ov := ordersView{Filter: f, Scoped: own != nil, Sources: orderSources(), Export: "/console/orders/export?" + exportQuery(c)}
	if err == nil {
		ov.Stores, err = s.allStores(ctx, p.CorpID)
	}
	var list []app.Order
	var next int64
	if err == nil && bad.Err() == nil {
		q.Limit = orderPageSize
		list, next, err = s.d.Orders.ListOrders(ctx, p.CorpID, *p, q)
	}
	if refused := firstOf(bad.Err(), err); app.ErrorCode(refused) == app.EINVALID && (err == nil || app.ErrorCode(err) == app.EINVALID) {
		ov.Errors, err = orderFilterErrors(refused), nil
	}
	if err == nil {
		ov.Rows, err = s.orderRows(ctx, p.CorpID, list, ov.Stores)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	ov.First, ov.Next = cursorLinks(c, q.After, next)
	v.Data = ov
	s.render(c, http.StatusOK, "console_orders.html", v)
}

// orderFilterErrors places the refusals next to the filter fields: the
// service names the end of the range paid_before, the page paid_to.
func orderFilterErrors(err error) map[string]string {
	errs := formErrors(err)
	if m, ok := errs["paid_before"]; ok {
		errs["paid_to"] = m
		delete(errs, "paid_before")
	}
	return errs
}

// orderSources are the sources the filter offers, by their Chinese names.
func orderSources() []consoleOption {
	out := make([]consoleOption, len(app.OrderSources))
	for i, src := range app.OrderSources {
		out[i] = consoleOption{Value: src, Label: app.OrderSourceLabel(src)}
	}
	return out
}

// cursorLinks are the links of a cursor-paged list: its first page (when
// this is not it) and its next (when there is one), the filters kept.
func cursorLinks(c *gin.Context, after, next int64) (first, following string) {
	link := func(to int64) string {
		q := c.Request.URL.Query()
		q.Del("after")
		if to != 0 {
			q.Set("after", strconv.FormatInt(to, 10))
		}
		return c.Request.URL.Path + "?" + q.Encode()
	}
	if after != 0 {
		first = link(0)
	}
	if next != 0 {
		following = link(next)
	}
	return first, following
}

// exportQuery is the list's filter without its page: an export takes
// every order the filter selects.
func exportQuery(c *gin.Context) string {
	q := c.Request.URL.Query()
	q.Del("after")
	return q.Encode()
}
