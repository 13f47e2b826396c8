package api

import (
	"context"
	"fmt"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// syncRow is a full sync as the 系统 page lists it.
type syncRow struct {
	app.SyncRun
	Drift string
}

// StatusName is the run's state in words.
func (r syncRow) StatusName() string {
	return map[string]string{app.SyncRunning: "进行中", app.SyncDone: "完成", app.SyncFailed: "失败"}[r.Status]
}

// PhaseName is the phase a run is in, or failed in, in words; a finished
// run has none left.
func (r syncRow) PhaseName() string {
	if r.Status == app.SyncDone {
		return "—"
	}
	return map[string]string{app.SyncPhaseStaff: "成员", app.SyncPhaseCustomers: "客户", app.SyncPhaseGroups: "客户群",
		app.SyncPhaseTags: "标签", app.SyncPhaseSweep: "收尾清理"}[r.Phase]
}

// syncPage is how many runs the page lists at once.
const syncPage = 20

// syncRuns fills v with a page of runs, newest first, and the run under
// way (a corp runs one at a time, so it is the newest).
func (s *server) syncRuns(ctx context.Context, corpID, after int64, v *systemView) error {
	runs, next, err := s.d.Directory.ListSyncRuns(ctx, corpID, app.Page{After: after, Limit: syncPage})
	if err != nil {
		return err
	}
	for _, r := range runs {
		v.Runs = append(v.Runs, syncRow{SyncRun: r, Drift: driftText(r.DriftJSON)})
	}
	if next != 0 {
		v.Next = "/console/system?after=" + strconv.FormatInt(next, 10)
	}
	newest := runs
	if after != 0 {
		if newest, _, err = s.d.Directory.ListSyncRuns(ctx, corpID, app.Page{Limit: 1}); err != nil {
			return err
		}
	}
	if len(newest) > 0 && newest[0].Status == app.SyncRunning {
		v.Running = &newest[0]
	}
	return nil
}

// startSync starts a full sync now; while one is under way it refuses,
// naming that run. A start is recorded in the audit trail.
func (s *server) startSync(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	run, started, err := s.d.SyncNow.StartSync(ctx, corpID)
	if err == nil && !started {
		err = app.Errorf(app.ECONFLICT, "已有全量同步在进行中（#%d，当前阶段：%s），完成后再开始新的", run.ID, syncRow{SyncRun: *run}.PhaseName())
	}
	if !started {
		s.failed(c, "/console/system", err)
		return
	}
	if aerr := s.d.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "sync.start", TargetType: "sync_run", TargetID: run.ID,
		Detail: map[string]any{"kind": run.Kind}}); aerr != nil {
		s.consoleError(c, aerr)
		return
	}
	if err != nil {
		s.failed(c, "/console/system", err)
		return
	}
	s.done(c, "/console/system", fmt.Sprintf("已开始全量同步 #%d", run.ID))
}

// exportSyncs downloads every sync run of the corp.
func (s *server) exportSyncs(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	zone := app.ZoneNamed("")
	if corp, err := s.d.Corps.FindCorpByID(ctx, corpID); err == nil {
		zone = app.ZoneNamed(corp.Timezone)
	}
	v := &consoleView{Zone: zone}
	s.export(c, "sync_runs", table{name: "全量同步记录", header: []string{"编号", "开始", "结束", "状态", "阶段", "客户", "好友关系", "客户群", "偏差", "错误"},
		each: func(emit func([]string) error) error {
			return eachPage(func(p app.Page) (int64, error) {
				runs, next, err := s.d.Directory.ListSyncRuns(ctx, corpID, p)
				for _, r := range runs {
					row := syncRow{SyncRun: r, Drift: driftText(r.DriftJSON)}
					if err := emit([]string{strconv.FormatInt(r.ID, 10), v.Local(r.StartedAt), v.Local(r.FinishedAt), row.StatusName(), row.PhaseName(),
						strconv.Itoa(r.Customers), strconv.Itoa(r.Follows), strconv.Itoa(r.GroupsSeen), row.Drift, r.LastError}); err != nil {
						return 0, err
					}
				}
				return next, err
			})
		}})
}
