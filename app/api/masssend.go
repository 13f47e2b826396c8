package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// MassSendReminders counts a send's reminders since a time (app/db's
// MassSendStore), so the API and the console can say how many of WeCom's
// 3 per 24 hours are left before anyone presses the button.
type MassSendReminders interface {
	RemindersSince(ctx context.Context, corpID, sendID int64, t time.Time) (int64, error)
}

// remindsPerDay is WeCom's cap on reminders of one mass send in 24 hours
// (the mass-send service enforces it; the API shows what is left).
const remindsPerDay = 3

// massSendRoutes serves mass sends (群发): reads to every role; creating,
// starting, reminding and cancelling to operators and admins.
func (s *server) massSendRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/mass-sends", s.listMassSends)
	c.GET("/mass-sends/:id", s.getMassSend)
	c.GET("/mass-sends/:id/preview", s.previewMassSend)
	c.GET("/mass-sends/:id/progress", s.massSendProgress)
	c.GET("/mass-sends/:id/results", s.massSendResults)
	w.POST("/mass-sends", s.createMassSend)
	w.POST("/mass-sends/:id/start", s.startMassSend)
	w.POST("/mass-sends/:id/remind", s.remindMassSend)
	w.POST("/mass-sends/:id/cancel", s.cancelMassSend)
}

// massSendStatuses are the statuses a list may be narrowed to.
var massSendStatuses = []string{app.MassSendDraft, app.MassSendScheduled, app.MassSendSending, app.MassSendTracking, app.MassSendDone, app.MassSendCancelled}

func (s *server) listMassSends(c *gin.Context) {
	p, err := pageOf(c)
	status := c.Query("status")
	if err == nil && status != "" && !contains(massSendStatuses, status) {
		err = app.FieldInvalid("status", "状态应为 draft、scheduled、sending、tracking、done、cancelled 之一")
	}
	var list []app.MassSend
	var total int64
	if err == nil {
		list, total, err = s.d.MassSends.List(c.Request.Context(), c.GetInt64(corpKey), app.MassSendFilter{Page: p, Status: status})
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	var next int64
	if len(list) > 0 && len(list) == app.PageLimit(p.Limit, 20) {
		next = list[len(list)-1].ID
	}
	c.JSON(http.StatusOK, totalBody{Items: mapAll(list, toMassSend), Next: next, Total: total})
}

// totalBody is a page of a list with the number of items it selects.
type totalBody struct {
	Items any   `json:"items"`
	Next  int64 `json:"next,omitempty"`
	Total int64 `json:"total"`
}

func (s *server) createMassSend(c *gin.Context) {
	var in massSendInputJSON
	err := bindJSONMax(c, &in, 32<<20)
	var ms *app.MassSend
	if err == nil {
		ms, err = s.d.MassSends.Create(c.Request.Context(), c.GetInt64(corpKey), in.input())
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toMassSend(*ms))
}

// getMassSend answers a send with its counts and the reminders left.
func (s *server) getMassSend(c *gin.Context) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	var ms *app.MassSend
	if err == nil {
		ms, err = s.d.MassSends.Get(ctx, corpID, id)
	}
	out := massSendJSON{}
	if err == nil {
		out = toMassSend(*ms)
		out.RemindersLeft, err = s.remindersLeft(ctx, corpID, id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, out)
}

// remindersLeft is how many reminders WeCom still takes for the send in
// the next 24 hours.
func (s *server) remindersLeft(ctx context.Context, corpID, id int64) (*int64, error) {
	if s.d.MassSendReminders == nil {
		return nil, nil
	}
	n, err := s.d.MassSendReminders.RemindersSince(ctx, corpID, id, time.Now().Add(-24*time.Hour))
	left := max(remindsPerDay-n, 0)
	return &left, err
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
