package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// PoolAssigner gives pooled customers to a guide by hand (app/assign).
type PoolAssigner interface {
	AssignManually(ctx context.Context, corpID int64, by app.Principal, externalUserIDs []string, userID string) (int, error)
}

// poolPageRoutes serves 客户池: customers waiting for an owner, longest
// waiting first, and their manual assignment. Everyone reads (a store
// manager the customers pooled for their store); operators, admins and
// store managers (to their own store's guides, which app/assign
// enforces) assign; analysts are kept from posting by consoleReadOnly.
func (s *server) poolPageRoutes(g *gin.RouterGroup) {
	g.GET("/pool", s.poolPage)
	g.GET("/pool/export", s.exportPool)
	g.POST("/pool/assign", s.assignPoolForm)
}

// poolFilter is the list's filter as the URL carries it.
type poolFilter struct {
	Q         string
	StoreID   int64 // the store a customer is pooled for
	ChannelID int64
}

// readPoolFilter reads the filter; a store manager's pool is the
// customers pooled for their store, whatever the URL says.
func readPoolFilter(c *gin.Context, own *app.Store) (poolFilter, app.CustomerQuery) {
	f := poolFilter{Q: strings.TrimSpace(c.Query("q"))}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	f.ChannelID, _ = strconv.ParseInt(c.Query("channel"), 10, 64)
	if own != nil {
		f.StoreID = own.ID
	}
	return f, app.CustomerQuery{CorpID: caller(c).CorpID, Q: f.Q, StoreID: f.StoreID, ChannelID: f.ChannelID,
		OwnerStatus: app.OwnerFilterPool, Sort: app.CustomerSortOldest, Limit: customerPageSize}
}

// poolRow is a pooled customer as the list shows them.
type poolRow struct {
	customerRow
	Since    time.Time // pooled since
	Waited   string
	Follows  []string // the members they added, by name
	Problem  string   // why the last assignment refused them
	Selected bool
}

type poolView struct {
	Filter  poolFilter
	Rows    []poolRow
	Pager   pager
	Stores  []app.Store
	Chans   []app.Channel
	Guides  []guideChoice // active guides to assign to
	Errors  map[string]string
	UserID  string // the guide chosen
	Scoped  bool
	CanAct  bool
	Export  string
	Action  string // the assignment form's address: this view's filter kept
	Matches int
}

// guideChoice is an active guide offered for assignment, with their store.
type guideChoice struct {
	UserID, Name, Store string
}

func (s *server) poolPage(c *gin.Context) {
	s.renderPool(c, http.StatusOK, nil, nil, "")
}

// renderPool shows the pool under the URL's filter, with the refusals of
// an assignment (by field; rows by external_userid) and what was chosen.
func (s *server) renderPool(c *gin.Context, status int, errs map[string]string, chosen []string, userID string) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "客户池", "pool", nil)
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	f, q := readPoolFilter(c, own)
	page, offset := pageNumber(c, customerPageSize)
	q.Offset = offset
	pv := poolView{Filter: f, Errors: errs, UserID: userID, Scoped: own != nil, CanAct: !app.ReadOnly(caller(c).Role),
		Export: "/console/pool/export?" + c.Request.URL.RawQuery, Action: "/console/pool/assign?" + c.Request.URL.RawQuery, Matches: app.MaxSearchMatches}
	list, more, err := s.d.Customers.SearchCustomers(ctx, q)
	var cv customersView
	if err == nil {
		err = s.customerChoices(ctx, corpID, 0, &cv)
	}
	if err == nil {
		pv.Rows, err = s.poolRows(ctx, corpID, list, cv, errs, chosen)
	}
	if err == nil && pv.CanAct {
		pv.Guides, err = s.poolGuides(ctx, corpID, max(f.StoreID, storeID(own)), cv.Stores)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	pv.Stores, pv.Chans, pv.Pager = cv.Stores, cv.Chans, newPager(c, page, more)
	v.Data = pv
	s.render(c, status, "console_pool.html", v)
}

// waited says how long a customer has waited, to the minute.
func waited(since, now time.Time) string {
	d := now.Sub(since)
	switch {
	case d < time.Minute:
		return "不到 1 分钟"
	case d < time.Hour:
		return fmt.Sprintf("%d 分钟", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d 小时 %d 分钟", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d 天 %d 小时", int(d.Hours())/24, int(d.Hours())%24)
}
