package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// runView is a recompute's progress as the page shows it; while it
// runs, the page asks for it again every second.
type runView struct {
	ID               int64
	Status           string // in words
	Done, Total, Pct int64
	Running, Failed  bool
	StartedAt, Ended time.Time
}

func runViewOf(r app.AttributionRun) *runView {
	v := &runView{ID: r.ID, Status: app.RunStatusNames[r.Status], Done: r.Done, Total: r.Total, Pct: 100,
		Running: r.Status == app.RunRunning, Failed: r.Status == app.RunFailed, StartedAt: r.StartedAt}
	if r.Total > 0 {
		v.Pct = min(100, r.Done*100/r.Total)
	}
	if r.FinishedAt != nil {
		v.Ended = *r.FinishedAt
	}
	return v
}

// attributionRunPart answers a run's progress, the part of the page
// htmx swaps in while it polls.
func (s *server) attributionRunPart(c *gin.Context) {
	run, err := s.d.Attribution.FindRun(c.Request.Context(), caller(c).CorpID, pathID(c))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.HTML(http.StatusOK, "attribution_run", runViewOf(*run))
}

// rulesVersionRow is a rule version in the history: who saved it, when, and
// what it changed from the one before, in words.
type rulesVersionRow struct {
	Version int
	By      string
	At      string
	Changes []string
	Note    string
	Run     *runView
}

// versionRows describes rs (newest first), each against the version
// before it (the first against the defaults), savers by name.
func (s *server) versionRows(ctx context.Context, corpID int64, rs []app.AttributionRules, runs map[int64]app.AttributionRun, zone *time.Location) ([]rulesVersionRow, error) {
	actors := make([]string, len(rs))
	for i, r := range rs {
		actors[i] = r.CreatedBy
	}
	names, err := s.d.Names.Actors(ctx, corpID, actors)
	if err != nil {
		return nil, err
	}
	out := make([]rulesVersionRow, len(rs))
	for i, r := range rs {
		before := app.DefaultAttributionRules(corpID, r.Scope)
		if i+1 < len(rs) {
			before = rs[i+1]
		}
		out[i] = rulesVersionRow{Version: r.Version, By: names[r.CreatedBy], At: r.CreatedAt.In(zone).Format("2006-01-02 15:04"),
			Changes: attribution.Changes(before, r), Note: r.Note}
		if i+1 == len(rs) && out[i].Changes == nil {
			out[i].Changes = []string{"采用默认规则"}
		}
		if run, ok := runs[r.ID]; ok {
			out[i].Run = runViewOf(run)
		}
	}
	return out, nil
}
