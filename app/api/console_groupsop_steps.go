package api

import (
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// readGroupStepRows reads the editor's step rows into f (as typed) and
// sop (those with content, in order) and returns each step's row. A row
// left without content is no step: clearing an existing step's content
// removes it.
func readGroupStepRows(c *gin.Context, f *groupSOPForm, sop *app.GroupSOP) []int {
	col := func(name string, i int) string {
		vs := c.PostFormArray(name)
		if i < len(vs) {
			return strings.TrimSpace(vs[i])
		}
		return ""
	}
	var rows []int
	sop.Steps = []app.GroupSOPStep{} // not nil: an editor emptied of steps is refused, not read as "keep them"
	for i := range c.PostFormArray("content") {
		row := groupStepForm{ID: col("step_id", i), Kind: col("kind", i), Date: col("date", i), Weekday: col("weekday", i),
			Days: col("days", i), At: col("at", i), Content: col("content", i), MassSend: col("mass_send", i)}
		f.Steps = append(f.Steps, row)
		if row.Content == "" {
			continue
		}
		sop.Steps, rows = append(sop.Steps, stepOfRow(row)), append(rows, i)
	}
	return rows
}

// stepOfRow is the step a row asks for. A number that does not parse
// becomes one out of range, so the service refuses it with the rest.
func stepOfRow(row groupStepForm) app.GroupSOPStep {
	st := app.GroupSOPStep{Kind: row.Kind, At: row.At, Content: row.Content, MassSend: row.MassSend == "1"}
	st.ID, _ = strconv.Atoi(row.ID)
	switch row.Kind {
	case app.GroupStepDate:
		st.Date = row.Date
	case app.GroupStepWeekly:
		st.Weekday, _ = strconv.Atoi(row.Weekday)
	case app.GroupStepAfterCreate, app.GroupStepAfterJoin:
		st.Days = atoiOr(row.Days, -1)
	}
	return st
}

// atoiOr is v as an integer, or bad when it is not one.
func atoiOr(v string, bad int) int {
	n, err := strconv.Atoi(v)
	if err != nil {
		return bad
	}
	return n
}
