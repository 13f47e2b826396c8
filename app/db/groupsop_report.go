package db

import (
	"context"
	"fmt"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// GroupSOPReport counts SOP id's step tasks per group and owner: done
// (verified or self-reported), open, and open with a due time before
// overdueBefore. It reads guide_tasks (app/todo's) by the fire keys its
// tasks carry as source ("gs:<sop>:…").
func (st *GroupSOPStore) GroupSOPReport(ctx context.Context, corpID, id int64, overdueBefore time.Time) ([]app.GroupSOPReportRow, error) {
	var rows []app.GroupSOPReportRow
	err := st.db.with(ctx).Table("guide_tasks").Select(`chat_id, userid AS owner,
 SUM(CASE WHEN status = ? THEN 1 ELSE 0 END) AS done,
 SUM(CASE WHEN status = ? AND done_how = ? THEN 1 ELSE 0 END) AS verified,
 SUM(CASE WHEN status = ? AND done_how <> ? THEN 1 ELSE 0 END) AS self_reported,
 SUM(CASE WHEN status = ? THEN 1 ELSE 0 END) AS open,
 SUM(CASE WHEN status = ? AND due_at < ? THEN 1 ELSE 0 END) AS overdue`,
		app.TaskDone, app.TaskDone, app.TaskVerified, app.TaskDone, app.TaskVerified, app.TaskOpen, app.TaskOpen, overdueBefore.UTC()).
		Where("corp_id = ? AND kind = ? AND source LIKE ?", corpID, app.TaskSOPStep, fmt.Sprintf("gs:%d:%%", id)).
		Group("chat_id, userid").Order("chat_id, userid").Scan(&rows).Error
	return rows, domainError(err, "社群SOP报表")
}
