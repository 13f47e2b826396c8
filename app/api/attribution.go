package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// Attribution is the attribution capability the API serves
// (app/attribution), with the store its reports read.
type Attribution interface {
	SaveRules(ctx context.Context, corpID int64, in attribution.RulesInput) (*app.AttributionRules, *app.AttributionRun, error)
	Versions(ctx context.Context, corpID, scope int64) ([]app.AttributionRules, map[int64]app.AttributionRun, error)
	FindRun(ctx context.Context, corpID, id int64) (*app.AttributionRun, error)
	Report(ctx context.Context, rep attribution.Reports, corpID, scope, rulesID int64, model, by string, from, to time.Time) (*app.AttributionRules, []app.CreditTotal, error)
	DryRun(ctx context.Context, rep attribution.Reports, corpID int64, in attribution.RulesInput, from, to time.Time) (*attribution.DryRunResult, error)
	OrderCredit(ctx context.Context, corpID, scope, rulesID, orderID int64) (*app.AttributionRules, []app.Credit, error)
}

// attributionRoutes serves rule versions, runs, reports, the dry run and
// an order's credit: reads to every role, rule changes and dry runs to
// operators.
func (s *server) attributionRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/attribution/rules", s.attributionVersions)
	c.GET("/attribution/runs/:id", s.attributionRun)
	c.GET("/attribution/report", s.attributionReport)
	c.GET("/orders/:id/credit", s.orderCredit)
	w.POST("/attribution/rules", s.saveAttributionRules)
	w.POST("/attribution/dry-run", s.attributionDryRun)
}

func (s *server) attributionVersions(c *gin.Context) {
	scope, err := queryInt(c, "scope")
	var rs []app.AttributionRules
	var runs map[int64]app.AttributionRun
	if err == nil {
		rs, runs, err = s.d.Attribution.Versions(c.Request.Context(), c.GetInt64(corpKey), scope)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := make([]rulesJSON, len(rs))
	for i, r := range rs {
		out[i] = toRules(r)
		if run, ok := runs[r.ID]; ok {
			out[i].Run = &run
		}
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (s *server) saveAttributionRules(c *gin.Context) {
	in := attribution.DefaultInput(0)
	err := bindJSON(c, &in)
	var r *app.AttributionRules
	var run *app.AttributionRun
	if err == nil {
		r, run, err = s.d.Attribution.SaveRules(c.Request.Context(), c.GetInt64(corpKey), in)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := toRules(*r)
	out.Run = run
	c.JSON(http.StatusCreated, out)
}

func (s *server) attributionRun(c *gin.Context) {
	id, err := idParam(c)
	var run *app.AttributionRun
	if err == nil {
		run, err = s.d.Attribution.FindRun(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, run)
}

// period reads two dates, days of the corp's calendar, as the instants
// [from, to+1 day).
func (s *server) period(c *gin.Context, from, to string) (time.Time, time.Time, error) {
	var f app.Fields
	zone := s.corpZone(c)
	a, errA := time.ParseInLocation("2006-01-02", from, zone)
	b, errB := time.ParseInLocation("2006-01-02", to, zone)
	f.Check(errA != nil, "from", "开始日期应为 YYYY-MM-DD")
	f.Check(errB != nil, "to", "结束日期应为 YYYY-MM-DD")
	f.Check(errA == nil && errB == nil && b.Before(a), "to", "结束日期不能早于开始日期")
	return a.UTC(), b.AddDate(0, 0, 1).UTC(), f.Err()
}

func (s *server) attributionReport(c *gin.Context) {
	from, to, err := s.period(c, c.Query("from"), c.Query("to"))
	var scope, rulesID int64
	if err == nil {
		scope, err = queryInt(c, "scope")
	}
	if err == nil {
		rulesID, err = queryInt(c, "rules_id")
	}
	var r *app.AttributionRules
	var totals []app.CreditTotal
	var st *app.Store
	if err == nil {
		st, err = s.scopeStore(c)
	}
	if err == nil {
		r, totals, err = s.d.Attribution.Report(c.Request.Context(), s.d.CreditReports, c.GetInt64(corpKey), scope, rulesID,
			c.Query("model"), c.DefaultQuery("by", "store"), from, to)
	}
	if err == nil && st != nil {
		totals, err = s.storeCreditTotals(c, st, r, c.Query("model"), c.DefaultQuery("by", "store"), from, to)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"rules": toRules(*r), "items": totals})
}

// storeCreditTotals is the report a store manager may read: the credit
// of record that went to their store, by its guides, the store or its
// team; the analytical models spread an order over every store, so they
// stay with the whole corp's readers.
func (s *server) storeCreditTotals(c *gin.Context, st *app.Store, r *app.AttributionRules, model, by string, from, to time.Time) ([]app.CreditTotal, error) {
	if model != "" && model != app.ModelRules {
		return nil, app.Errorf(app.EFORBIDDEN, "门店店长只能查看本店按品牌规则归属的业绩")
	}
	rep, err := s.d.CreditPages.CreditReport(c.Request.Context(), app.CreditQuery{CorpID: st.CorpID, RulesID: r.ID, By: by,
		From: from, To: to, StoreID: st.ID, Sort: app.CreditSortNet, Limit: 100000})
	if err != nil {
		return nil, err
	}
	out := make([]app.CreditTotal, len(rep.Rows))
	for i, row := range rep.Rows {
		out[i] = app.CreditTotal{Key: row.Key, AmountCents: row.NetCents, Orders: row.SaleOrders + row.Refunded}
	}
	return out, nil
}

func (s *server) attributionDryRun(c *gin.Context) {
	body := struct {
		Rules attribution.RulesInput `json:"rules"`
		From  string                 `json:"from"`
		To    string                 `json:"to"`
	}{Rules: attribution.DefaultInput(0)}
	err := bindJSON(c, &body)
	var from, to time.Time
	if err == nil {
		from, to, err = s.period(c, body.From, body.To)
	}
	var res *attribution.DryRunResult
	if err == nil {
		res, err = s.d.Attribution.DryRun(c.Request.Context(), s.d.CreditReports, c.GetInt64(corpKey), body.Rules, from, to)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

func (s *server) orderCredit(c *gin.Context) {
	id, err := idParam(c)
	var rulesID, scope int64
	if err == nil {
		rulesID, err = queryInt(c, "rules_id")
	}
	if err == nil {
		scope, err = queryInt(c, "scope")
	}
	var r *app.AttributionRules
	var lines []app.Credit
	if err == nil {
		r, lines, err = s.d.Attribution.OrderCredit(c.Request.Context(), c.GetInt64(corpKey), scope, rulesID, id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"rules": toRules(*r), "lines": mapAll(lines, toCredit)})
}

// rulesJSON is a rule version, with its latest run when asked.
type rulesJSON struct {
	ID             int64               `json:"id"`
	Scope          int64               `json:"scope"`
	Version        int                 `json:"version"`
	Precedence     []string            `json:"precedence"`
	ShareDays      int                 `json:"share_days"`
	ProtectionDays int                 `json:"protection_days"`
	AcquirerPct    int                 `json:"acquirer_pct"`
	Binding        string              `json:"binding"`
	BindingDays    int                 `json:"binding_days"`
	CrossStore     bool                `json:"cross_store"`
	LookbackDays   int                 `json:"lookback_days"`
	HalfLifeDays   int                 `json:"half_life_days"`
	Note           string              `json:"note"`
	CreatedBy      string              `json:"created_by"`
	CreatedAt      time.Time           `json:"created_at"`
	Run            *app.AttributionRun `json:"run,omitempty"`
}

func toRules(r app.AttributionRules) rulesJSON {
	return rulesJSON{ID: r.ID, Scope: r.Scope, Version: r.Version, Precedence: r.Precedence, ShareDays: r.ShareDays,
		ProtectionDays: r.ProtectionDays, AcquirerPct: r.AcquirerPct, Binding: r.Binding, BindingDays: r.BindingDays,
		CrossStore: r.CrossStore, LookbackDays: r.LookbackDays, HalfLifeDays: r.HalfLifeDays, Note: r.Note,
		CreatedBy: r.CreatedBy, CreatedAt: r.CreatedAt}
}

// creditJSON is one credit line with its explanation.
type creditJSON struct {
	Model       string          `json:"model"`
	Line        int             `json:"line"`
	UserID      string          `json:"userid"`
	StoreID     *int64          `json:"store_id"`
	Team        string          `json:"team"`
	ShareBP     int             `json:"share_bp"`
	AmountCents int64           `json:"amount_cents"`
	Explanation json.RawMessage `json:"explanation"`
}

func toCredit(l app.Credit) creditJSON {
	return creditJSON{Model: l.Model, Line: l.Line, UserID: l.UserID, StoreID: l.StoreID, Team: l.Team, ShareBP: l.ShareBP,
		AmountCents: l.AmountCents, Explanation: json.RawMessage(l.Explanation)}
}
