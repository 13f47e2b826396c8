package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
	"github.com/siyu-scrm/siyu/app/panel"
)

// maxDryRows bounds the rows a dry run lists per kind, largest moves first.
const maxDryRows = 20

// dryView is a dry run as the page shows it: orders read, how many and
// how much would move, and per store, guide and team before and after.
type dryView struct {
	From, To        string
	Current         int
	Orders, Changed int
	Moved           string
	Groups          []dryGroup
}

// dryGroup is one kind's moves (门店, 导购, 团队).
type dryGroup struct {
	By, Title string
	Rows      []dryRow
	More      int // moves not listed
}

// dryRow is one store's, guide's or team's credit before and after.
type dryRow struct {
	Name, Before, After, Delta string
	Up                         bool
}

// attributionDryRunPage computes how the draft in the form would move
// credit over the period, saving nothing. It answers 200 whether or not
// the draft is complete: its refusals show beside their fields.
func (s *server) attributionDryRunPage(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	sc, ok := s.formScope(c)
	if !ok {
		return
	}
	f, in, bad := readRulesForm(c, sc.ID)
	from, to, period := s.period(c, f.From, f.To)
	bad = append(bad, app.ErrorFields(period)...)
	if checked := in.Validate(); bad != nil || checked != nil {
		s.renderAttribution(c, http.StatusOK, &f, rulesErrors(bad, checked), nil)
		return
	}
	res, err := s.d.Attribution.DryRun(ctx, s.d.CreditReports, p.CorpID, in, from, to)
	var dv *dryView
	if err == nil {
		dv, err = s.dryViewOf(ctx, p.CorpID, res)
	}
	if app.ErrorCode(err) == app.EINVALID {
		s.renderAttribution(c, http.StatusOK, &f, formErrors(err), nil)
		return
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	dv.From, dv.To = f.From, f.To
	s.renderAttribution(c, http.StatusOK, &f, nil, dv)
}

// dryViewOf names a dry run's moves: stores and guides by name, teams in
// words, money in yuan; what does not move is left out.
func (s *server) dryViewOf(ctx context.Context, corpID int64, res *attribution.DryRunResult) (*dryView, error) {
	stores, err := s.allStores(ctx, corpID)
	if err != nil {
		return nil, err
	}
	var users []string
	for _, sh := range res.Shifts {
		if sh.By == "guide" {
			users = append(users, sh.Key)
		}
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	v := &dryView{Current: res.Current, Orders: res.Orders, Changed: res.Changed, Moved: panel.Yuan(res.Moved),
		Groups: []dryGroup{{By: "store", Title: "门店"}, {By: "guide", Title: "导购"}, {By: "team", Title: "团队（门店 / 线上）"}}}
	for _, sh := range res.Shifts {
		if sh.Before == sh.After {
			continue
		}
		for i := range v.Groups {
			g := &v.Groups[i]
			if g.By != sh.By {
				continue
			}
			if len(g.Rows) == maxDryRows {
				g.More++
				continue
			}
			g.Rows = append(g.Rows, dryRow{Name: creditKeyName(sh.By, sh.Key, stores, people), Before: panel.Yuan(sh.Before),
				After: panel.Yuan(sh.After), Delta: signedYuan(sh.After - sh.Before), Up: sh.After > sh.Before})
		}
	}
	return v, nil
}

// creditKeyName names what a credit total is keyed by: a store by name,
// a guide by display name (their userid when Siyu knows none), a team in
// words; no store or no guide in words too.
func creditKeyName(by, key string, stores []app.Store, people map[string]string) string {
	switch by {
	case "store":
		id, _ := strconv.ParseInt(key, 10, 64)
		if id == 0 {
			return "（未归属门店）"
		}
		return orText(storeName(stores, id), "（已删除的门店）")
	case "guide":
		if key == "" {
			return "（不归导购，只归门店）"
		}
		return orText(people[key], key)
	}
	return orText(app.TeamNames[key], key)
}

// signedYuan writes a change in yuan with its sign: +¥12.00, -¥3.50.
func signedYuan(cents int64) string {
	if cents > 0 {
		return "+" + panel.Yuan(cents)
	}
	return panel.Yuan(cents)
}
