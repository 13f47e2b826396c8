package api

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// groupSOPFormPage opens the editor: blank for a new SOP, filled for :id.
func (s *server) groupSOPFormPage(c *gin.Context) {
	f := groupSOPForm{CatchUp: strconv.Itoa(app.DefaultGroupCatchUpHours)}
	if c.Param("id") != "" {
		id, err := idParam(c)
		var sop *app.GroupSOP
		if err == nil {
			sop, err = s.d.GroupSOPs.FindSOP(c.Request.Context(), caller(c).CorpID, id)
		}
		if err != nil {
			s.consoleError(c, err)
			return
		}
		f = formOfGroupSOP(sop)
	}
	s.renderGroupSOPForm(c, http.StatusOK, f)
}

// renderGroupSOPForm shows f with its choices by name, the live count of
// the groups it picks, and blank rows to add steps in.
func (s *server) renderGroupSOPForm(c *gin.Context, status int, f groupSOPForm) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	var g massGroupChoices
	err := s.loadMassGroupChoices(ctx, corpID, &g)
	f.Guides, f.GroupTags, f.Kinds, f.Weekdays, f.MassSend = g.Owners, g.GroupTags, groupStepKinds, weekdayNames, s.d.MassSends != nil
	if err == nil && s.d.Org != nil {
		var stores []app.Store
		stores, err = s.allStores(ctx, corpID)
		for _, st := range stores {
			f.StoreChoices = append(f.StoreChoices, consoleOption{Value: strconv.FormatInt(st.ID, 10), Label: st.Name})
		}
	}
	if sel, bad := groupSelectionOf(f); err == nil && bad.Err() == nil {
		f.Count, err = s.d.GroupSOPs.Count(ctx, corpID, sel)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	for range groupSOPStepRows {
		f.Steps = append(f.Steps, groupStepForm{Kind: app.GroupStepWeekly, Weekday: "1", At: "10:00"})
	}
	title := "新建社群SOP"
	if f.ID > 0 {
		title = "编辑社群SOP"
	}
	s.render(c, status, "console_group_sop_form.html", s.view(c, title, "group-sops", f))
}

// saveGroupSOPForm creates or edits; a refused form comes back as typed
// with every reason by its field.
func (s *server) saveGroupSOPForm(c *gin.Context) {
	f, sop, rows, bad := readGroupSOPForm(c)
	ctx := c.Request.Context()
	err := bad.Err()
	switch {
	case err != nil:
	case f.ID > 0:
		_, err = s.d.GroupSOPs.Update(ctx, &sop)
	default:
		err = s.d.GroupSOPs.Create(ctx, &sop)
	}
	if code := app.ErrorCode(err); code == app.EINVALID || code == app.ECONFLICT {
		f.Errors = stepErrors(err, rows)
		s.renderGroupSOPForm(c, http.StatusBadRequest, f)
		return
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/group-sops", fmt.Sprintf("已保存社群SOP「%s」", sop.Name))
}

// groupSOPCountPartial answers the editor's live count (htmx): how many
// live groups the selection as typed picks now.
func (s *server) groupSOPCountPartial(c *gin.Context) {
	f := groupSOPForm{NameLike: c.Query("name_contains"), Owners: c.QueryArray("owners"), Stores: c.QueryArray("stores"), Tags: c.QueryArray("tags")}
	sel, bad := groupSelectionOf(f)
	n, err := int64(0), bad.Err()
	if err == nil {
		n, err = s.d.GroupSOPs.Count(c.Request.Context(), caller(c).CorpID, sel)
	}
	if err != nil {
		c.String(http.StatusBadRequest, app.ErrorMessage(err))
		return
	}
	c.HTML(http.StatusOK, "group_sop_count", n)
}
