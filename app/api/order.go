package api

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Orders is the order capability the API serves (app/order).
type Orders interface {
	IngestOrders(ctx context.Context, corpID int64, in []app.OrderInput) ([]app.OrderResult, error)
	IngestOrder(ctx context.Context, corpID int64, in app.OrderInput) (app.OrderResult, error)
	ListOrders(ctx context.Context, corpID int64, by app.Principal, f app.OrderFilter) ([]app.Order, int64, error)
	FindOrder(ctx context.Context, corpID, id int64, by app.Principal) (*app.OrderDetail, error)
	ImportOrders(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error)
}

// maxBatchBody caps a batch of orders: 1,000 orders with a few lines
// each take about 1 MiB.
const maxBatchBody = 16 << 20

// orderRoutes serves the corp's orders: every role reads (a store
// manager their store's); operators and admins, and the integrations
// holding their tokens, send orders and import them.
func (s *server) orderRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/orders", s.listOrders)
	c.GET("/orders/:id", s.getOrder)
	w.POST("/orders", s.createOrder)
	w.POST("/orders/batch", s.batchOrders)
	w.POST("/orders/import", func(c *gin.Context) { s.importFile(c, s.d.Orders.ImportOrders) })
}

// batchOrders records up to 1,000 orders, all or nothing: 400 naming
// every bad field of every order, 409 naming every order whose number is
// taken by other content, else 200 with each order's outcome.
func (s *server) batchOrders(c *gin.Context) {
	var in struct {
		Orders []orderInJSON `json:"orders"`
	}
	if err := bindJSONMax(c, &in, maxBatchBody); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	res, err := s.d.Orders.IngestOrders(c.Request.Context(), c.GetInt64(corpKey), mapAll(in.Orders, fromOrderIn))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toBatch(res))
}

// createOrder records one order: 201 with the order when written, 200
// when it was already recorded with the same content.
func (s *server) createOrder(c *gin.Context) {
	var in orderInJSON
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	res, err := s.d.Orders.IngestOrder(ctx, corpID, fromOrderIn(in))
	var d *app.OrderDetail
	if err == nil {
		d, err = s.d.Orders.FindOrder(ctx, corpID, res.ID, *caller(c))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := toOrderDetail(*d)
	out.Outcome = res.Outcome
	c.JSON(map[bool]int{true: http.StatusCreated, false: http.StatusOK}[res.Outcome == app.OrderCreated], out)
}

// listOrders pages the corp's orders, narrowed by ?store_id=,
// ?member_id=, ?member_no=, ?source=, ?kind= and ?paid_from= /
// ?paid_before= (RFC 3339).
func (s *server) listOrders(c *gin.Context) {
	f, err := orderFilter(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.Order, int64, error) {
		f.Page = p
		return s.d.Orders.ListOrders(ctx, corpID, *caller(c), f)
	}, toOrder)
}

// orderFilter reads a list's filters, refusing every bad one at once.
func orderFilter(c *gin.Context) (app.OrderFilter, error) {
	var bad app.Fields
	f := app.OrderFilter{Source: c.Query("source"), Kind: c.Query("kind"), MemberNo: c.Query("member_no")}
	var err error
	f.StoreID, err = queryInt(c, "store_id")
	bad.Check(err != nil, "store_id", app.ErrorMessage(err))
	f.MemberID, err = queryInt(c, "member_id")
	bad.Check(err != nil, "member_id", app.ErrorMessage(err))
	f.PaidFrom = queryTime(c, &bad, "paid_from")
	f.PaidBefore = queryTime(c, &bad, "paid_before")
	return f, bad.Err()
}

// queryTime reads an RFC 3339 time of the query, nil when absent.
func queryTime(c *gin.Context, bad *app.Fields, key string) *time.Time {
	v := c.Query(key)
	if v == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		bad.Add(key, "参数 "+key+" 应为 RFC 3339 时间，如 2024-05-01T00:00:00+08:00")
		return nil
	}
	return &t
}

// getOrder answers an order with its lines, a sale with its refunds, a
// refund with its sale.
func (s *server) getOrder(c *gin.Context) {
	id, err := idParam(c)
	var d *app.OrderDetail
	if err == nil {
		d, err = s.d.Orders.FindOrder(c.Request.Context(), c.GetInt64(corpKey), id, *caller(c))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toOrderDetail(*d))
}
