package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// overviewView is the 概览: today's figures, what waits, and how the
// machinery is doing, each linking to its list.
type overviewView struct {
	*app.Overview
	Store        string // the store a manager sees, "" for the corp
	Queues       []app.QueueStat
	QueueErr     string
	CallErrors   []callErrors
	CallTotal    int64
	CallErr      string
	Today        string // yyyy-mm-dd in the corp's zone, for the list links
	Drift        string
	OverviewErr  string
	SyncStarted  string
	SyncFinished string
}

// WelcomeFailed counts today's welcomes that lapsed or were refused.
func (o overviewView) WelcomeFailed() int64 { return o.welcomes(app.WelcomeFilterFailed) }

// WelcomeSkipped counts today's adds with nothing to send: they had
// chatted before, or the channel has no welcome message.
func (o overviewView) WelcomeSkipped() int64 { return o.welcomes(app.WelcomeFilterSkipped) }

// welcomes sums today's welcomes of the statuses a list filter stands
// for, so a figure and the list it links to count the same.
func (o overviewView) welcomes(filter string) int64 {
	var n int64
	for _, st := range app.WelcomeStatuses[filter] {
		n += o.Welcomes[st]
	}
	return n
}

type callErrors struct {
	Outcome string
	N       int64
}

func (s *server) overviewRoutes(g *gin.RouterGroup) {
	g.GET("/", s.consoleOverview)
}

func (s *server) consoleOverview(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	v := s.view(c, "概览", "overview", nil)
	now := time.Now().In(v.Zone)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, v.Zone)
	ov := overviewView{Today: day.Format(time.DateOnly), Overview: &app.Overview{Welcomes: map[string]int64{}}}
	store, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	if store != nil {
		ov.Store = store.Name
	}
	if o, err := s.d.Overview.Overview(ctx, p.CorpID, storeID(store), day); err != nil {
		ov.OverviewErr = app.ErrorMessage(err)
	} else {
		ov.Overview = o
	}
	s.machinery(c, &ov)
	v.Data = ov
	s.render(c, http.StatusOK, "console_overview.html", v)
}

// machinery fills queue health and the last hour's WeCom call errors; a
// part that cannot be read says so in its card, the page still shows.
func (s *server) machinery(c *gin.Context, ov *overviewView) {
	ctx := c.Request.Context()
	if s.d.Queues != nil {
		qs, err := s.d.Queues.QueueStats(ctx)
		ov.Queues = qs
		if err != nil {
			ov.QueueErr = app.ErrorMessage(err)
		}
	}
	if s.d.Calls != nil {
		m, err := s.d.Calls.CallErrors(ctx, time.Hour)
		if err != nil {
			ov.CallErr = "无法读取调用记录：" + app.ErrorMessage(err)
		}
		for k, n := range m {
			ov.CallErrors = append(ov.CallErrors, callErrors{k, n})
			ov.CallTotal += n
		}
		sort.Slice(ov.CallErrors, func(i, j int) bool { return ov.CallErrors[i].N > ov.CallErrors[j].N })
	}
	if ov.LastSync != nil {
		ov.Drift = driftText(ov.LastSync.DriftJSON)
	}
}

// driftText says in words what a full sync repaired.
func driftText(raw string) string {
	var d map[string]int
	if json.Unmarshal([]byte(raw), &d) != nil {
		return ""
	}
	if d["follows_ended"] == 0 && d["groups_dismissed"] == 0 {
		return "无偏差"
	}
	return fmt.Sprintf("修复 %d 条已结束的好友关系、%d 个已解散的群", d["follows_ended"], d["groups_dismissed"])
}

// scopeStore is the store a store manager is limited to, nil for everyone
// else (they see the whole corp).
func (s *server) scopeStore(c *gin.Context) (*app.Store, error) {
	p := caller(c)
	id, err := s.d.Org.StoreOf(c.Request.Context(), p.CorpID, *p)
	if err != nil || id == 0 {
		return nil, err
	}
	return s.d.Org.FindStore(c.Request.Context(), p.CorpID, id)
}

func storeID(st *app.Store) int64 {
	if st == nil {
		return 0
	}
	return st.ID
}
