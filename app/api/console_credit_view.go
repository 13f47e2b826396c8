package api

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// creditView is the report page: its filter, the version read, a page of
// rows by name with the whole report's total, and the chart of the page.
type creditView struct {
	Scopes   []scopeOption
	Scope    scopeOption
	Versions []consoleOption
	Version  *app.AttributionRules // nil: no version saved yet
	Filter   creditFilter
	Bys      []consoleOption
	ByLabel  string
	Errors   map[string]string
	Scoped   bool   // a store manager's own store only
	Store    string // their store's name
	Run      *runView
	Rows     []creditLine
	Total    creditLine
	Count    int64
	Pager    pager
	Heads    []sortHead
	Chart    creditChart
	Export   string
}

// creditLine is a row as the page shows it: by name, money in yuan.
type creditLine struct {
	Name, Sales, Refunds, Net string
	Orders, Refunded          int64
	Negative                  bool
}

// sortHead is a sortable column's heading: a link that sorts by it (the
// other way round when it already does), marked when it does.
type sortHead struct{ Key, Label, URL, Mark string }

// creditChart is what the bar chart draws: the page's rows, net in yuan.
type creditChart struct {
	Names []string  `json:"names"`
	Net   []float64 `json:"net"`
}

// creditQuery reads the request into the page's filter and the query it
// asks; refusals go beside their fields, not into the error.
func (s *server) creditQuery(c *gin.Context, zone *time.Location) (creditView, app.CreditQuery, error) {
	ctx, p := c.Request.Context(), caller(c)
	f, bad := readCreditFilter(c, zone)
	cv := creditView{Filter: f, Bys: creditBys, ByLabel: labelOf(creditBys, f.By), Export: "/console/attribution/report/export?" + exportQuery(c)}
	own, err := s.scopeStore(c)
	if err == nil {
		cv.Scopes, err = s.brandScopes(ctx, p.CorpID)
	}
	if err == nil {
		cv.Scope, err = readScope(c, cv.Scopes)
	}
	var rs []app.AttributionRules
	var runs map[int64]app.AttributionRun
	if err == nil {
		rs, runs, err = s.d.Attribution.Versions(ctx, p.CorpID, cv.Scope.ID)
	}
	if err != nil {
		return cv, app.CreditQuery{}, err
	}
	cv.pickVersion(rs, runs, &bad)
	from, to, period := s.period(c, f.From, f.To)
	bad = append(bad, app.ErrorFields(period)...)
	if own != nil {
		cv.Scoped, cv.Store = true, own.Name
	}
	if bad != nil {
		cv.Errors = formErrors(bad.Err())
	}
	q := app.CreditQuery{CorpID: p.CorpID, By: f.By, From: from, To: to, StoreID: storeID(own), Sort: f.Sort, Asc: f.Dir == "asc"}
	if cv.Version != nil {
		q.RulesID = cv.Version.ID
	}
	cv.Heads = sortHeads(c, f)
	return cv, q, nil
}

// pickVersion offers rs and reads the one the filter names (the latest
// by default), with its run when it is not done.
func (cv *creditView) pickVersion(rs []app.AttributionRules, runs map[int64]app.AttributionRun, bad *app.Fields) {
	for i, r := range rs {
		label := fmt.Sprintf("第 %d 版", r.Version)
		if i == 0 {
			label += "（当前）"
		}
		cv.Versions = append(cv.Versions, consoleOption{Value: strconv.FormatInt(r.ID, 10), Label: label})
		if r.ID == cv.Filter.RulesID || (cv.Filter.RulesID == 0 && i == 0) {
			cv.Version = &rs[i]
		}
	}
	bad.Check(cv.Filter.RulesID != 0 && cv.Version == nil, "rules_id", "规则版本不存在")
	if cv.Version != nil {
		if run, ok := runs[cv.Version.ID]; ok && run.Status != app.RunDone {
			cv.Run = runViewOf(run)
		}
	}
}

// sortHeads link each sortable column: the filter kept, the first page.
func sortHeads(c *gin.Context, f creditFilter) []sortHead {
	var out []sortHead
	for _, k := range []string{app.CreditSortSales, app.CreditSortRefunds, app.CreditSortNet, app.CreditSortOrders} {
		h := sortHead{Key: k, Label: creditSorts[k]}
		q := c.Request.URL.Query()
		q.Del("page")
		q.Set("sort", k)
		q.Set("dir", "desc")
		if f.Sort == k && f.Dir == "desc" {
			h.Mark = "↓"
			q.Set("dir", "asc")
		} else if f.Sort == k {
			h.Mark = "↑"
		}
		h.URL = c.Request.URL.Path + "?" + q.Encode()
		out = append(out, h)
	}
	return out
}

// fillCredit names the rows of rep and draws them.
func (s *server) fillCredit(ctx context.Context, cv *creditView, q app.CreditQuery, rep *app.CreditReport) error {
	name, err := s.creditNamer(ctx, q.CorpID, q.By, rep.Rows)
	if err != nil {
		return err
	}
	cv.Count, cv.Total = rep.Count, lineOf(rep.Total, "合计")
	cv.Chart = creditChart{Names: []string{}, Net: []float64{}}
	for _, r := range rep.Rows {
		l := lineOf(r, name(r.Key))
		cv.Rows = append(cv.Rows, l)
		cv.Chart.Names, cv.Chart.Net = append(cv.Chart.Names, l.Name), append(cv.Chart.Net, float64(r.NetCents)/100)
	}
	return nil
}

func lineOf(r app.CreditRow, name string) creditLine {
	return creditLine{Name: name, Sales: panel.Yuan(r.SalesCents), Refunds: panel.Yuan(-r.RefundCents), Net: panel.Yuan(r.NetCents),
		Orders: r.SaleOrders, Refunded: r.Refunded, Negative: r.NetCents < 0}
}

// creditNamer names the keys of rows: stores and guides read at once.
func (s *server) creditNamer(ctx context.Context, corpID int64, by string, rows []app.CreditRow) (func(string) string, error) {
	stores, err := s.allStores(ctx, corpID)
	if err != nil {
		return nil, err
	}
	var users []string
	for _, r := range rows {
		if by == "guide" && r.Key != "" {
			users = append(users, r.Key)
		}
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	return func(key string) string { return creditKeyName(by, key, stores, people) }, err
}
