package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupSOPJSON is a group SOP on the wire; steps carry their stable id
// (send it back to keep a step, leave it out for a new one).
type groupSOPJSON struct {
	ID           int64              `json:"id"`
	Name         string             `json:"name"`
	Status       string             `json:"status"`
	Selection    app.GroupSelection `json:"selection"`
	Steps        []groupStepJSON    `json:"steps"`
	CatchUpHours int                `json:"catch_up_hours"`
	CreatedBy    string             `json:"created_by,omitempty"`
	CreatedAt    *time.Time         `json:"created_at,omitempty"`
	UpdatedAt    *time.Time         `json:"updated_at,omitempty"`
}

// groupStepJSON is one step on the wire.
type groupStepJSON struct {
	ID       int    `json:"id,omitempty"`
	Kind     string `json:"kind"`
	Date     string `json:"date,omitempty"`
	Weekday  int    `json:"weekday,omitempty"`
	Days     int    `json:"days,omitempty"`
	At       string `json:"at"`
	Content  string `json:"content"`
	MassSend bool   `json:"mass_send,omitempty"`
}

func (in groupSOPJSON) toApp(corpID, id int64) *app.GroupSOP {
	sop := &app.GroupSOP{ID: id, CorpID: corpID, Name: in.Name, Status: in.Status, Selection: in.Selection,
		CatchUpHours: in.CatchUpHours, Steps: make([]app.GroupSOPStep, len(in.Steps))}
	for i, st := range in.Steps {
		sop.Steps[i] = app.GroupSOPStep{ID: st.ID, Kind: st.Kind, Date: st.Date, Weekday: st.Weekday, Days: st.Days,
			At: st.At, Content: st.Content, MassSend: st.MassSend}
	}
	return sop
}

func toGroupSOP(s *app.GroupSOP) groupSOPJSON {
	out := groupSOPJSON{ID: s.ID, Name: s.Name, Status: s.Status, Selection: s.Selection, CatchUpHours: s.CatchUpHours,
		CreatedBy: s.CreatedBy, CreatedAt: &s.CreatedAt, UpdatedAt: &s.UpdatedAt, Steps: make([]groupStepJSON, len(s.Steps))}
	for i, st := range s.Steps {
		out.Steps[i] = groupStepJSON{ID: st.ID, Kind: st.Kind, Date: st.Date, Weekday: st.Weekday, Days: st.Days,
			At: st.At, Content: st.Content, MassSend: st.MassSend}
	}
	return out
}

// countGroupSOPGroups answers how many live groups a selection picks now.
func (s *server) countGroupSOPGroups(c *gin.Context) {
	var sel app.GroupSelection
	if err := bindJSON(c, &sel); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	n, err := s.d.GroupSOPs.Count(c.Request.Context(), c.GetInt64(corpKey), sel)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"groups": n})
}

// groupSOPReport answers a SOP's progress per group and owner, by name.
func (s *server) groupSOPReport(c *gin.Context) {
	id, err := idParam(c)
	var rows []app.GroupSOPReportRow
	if err == nil {
		rows, err = s.d.GroupSOPs.Report(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if rows == nil {
		rows = []app.GroupSOPReportRow{}
	}
	c.JSON(http.StatusOK, gin.H{"items": rows})
}
