package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// journeyStepRows is how many step rows the editor shows beyond the
// journey's steps (blank rows are ignored).
const journeyStepRows = 3

// journeyForm is the editor as typed.
type journeyForm struct {
	ID                                  int64
	Name, Kind, Holiday, DayOfMonth, To string
	Reentry, CatchUp, SegmentID, Tags   string
	Holdout                             string
	Steps                               []stepForm
	Holidays                            []app.Holiday
	Kinds                               [][2]string
	Errors                              map[string]string
}

// stepForm is one step row as typed.
type stepForm struct{ ID, Days, At, Action, Content, TagID string }

func (s *server) journeyFormPage(c *gin.Context) {
	f := journeyForm{Kind: app.TriggerAdded, Reentry: app.ReentryOnce, CatchUp: strconv.Itoa(app.DefaultCatchUpHour), Holdout: "0"}
	if c.Param("id") != "" {
		id, err := idParam(c)
		var j *app.Journey
		if err == nil {
			j, err = s.d.Journeys.Find(c.Request.Context(), caller(c).CorpID, id)
		}
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f = formOfJourney(*j)
	}
	s.renderJourneyForm(c, http.StatusOK, f)
}

func (s *server) renderJourneyForm(c *gin.Context, status int, f journeyForm) {
	hs, err := s.d.Holidays.Holidays(c.Request.Context(), caller(c).CorpID)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	seen := map[string]bool{}
	for _, h := range hs {
		if !seen[h.Code] {
			seen[h.Code], f.Holidays = true, append(f.Holidays, h)
		}
	}
	for range journeyStepRows {
		f.Steps = append(f.Steps, stepForm{At: "10:00", Action: app.ActionTask})
	}
	f.Kinds = triggerKinds
	title := "新建客户旅程"
	if f.ID > 0 {
		title = "编辑客户旅程"
	}
	s.render(c, status, "console_journey_form.html", s.view(c, title, "journeys", f))
}

func formOfJourney(j app.Journey) journeyForm {
	f := journeyForm{ID: j.ID, Name: j.Name, Kind: j.Trigger.Kind, Holiday: j.Trigger.Holiday, To: j.Trigger.To, Reentry: j.Reentry,
		CatchUp: strconv.Itoa(j.CatchUpHours), Tags: strings.Join(j.Audience.TagIDs, ","), Holdout: strconv.Itoa(j.HoldoutPercent)}
	if j.Trigger.DayOfMonth > 0 {
		f.DayOfMonth = strconv.Itoa(j.Trigger.DayOfMonth)
	}
	if j.Audience.SegmentID > 0 {
		f.SegmentID = strconv.FormatInt(j.Audience.SegmentID, 10)
	}
	for _, st := range j.Steps {
		f.Steps = append(f.Steps, stepForm{ID: strconv.Itoa(st.ID), Days: strconv.Itoa(st.Days), At: st.At, Action: st.Action, Content: st.Content, TagID: st.TagID})
	}
	return f
}

// saveJourneyForm creates or edits; a refused form comes back as typed
// with every reason.
func (s *server) saveJourneyForm(c *gin.Context) {
	f, in, rows, bad := readJourneyForm(c)
	p, ctx := caller(c), c.Request.Context()
	var j *app.Journey
	err := bad.Err()
	switch {
	case err != nil:
	case f.ID > 0:
		j, err = s.d.Journeys.Update(ctx, p.CorpID, f.ID, p.Actor, in)
	default:
		j, err = s.d.Journeys.Create(ctx, p.CorpID, p.Actor, in)
	}
	if app.ErrorCode(err) == app.EINVALID || app.ErrorCode(err) == app.ECONFLICT {
		f.Errors = stepErrors(err, rows)
		s.renderJourneyForm(c, http.StatusBadRequest, f)
		return
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/journeys", "已保存旅程「"+j.Name+"」")
}

// stepErrors keys err's reasons by the form's fields: a step's index in
// the journey becomes its row.
func stepErrors(err error, rows []int) map[string]string {
	out := map[string]string{}
	for _, fe := range app.ErrorFields(err) {
		k := fe.Field
		for i, r := range rows {
			k = strings.Replace(k, "steps["+strconv.Itoa(i)+"]", "row["+strconv.Itoa(r)+"]", 1)
		}
		out[k] = strings.TrimPrefix(out[k]+"；"+fe.Reason, "；")
	}
	if len(out) == 0 && err != nil {
		out[""] = app.ErrorMessage(err)
	}
	return out
}
