package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/remind"
)

// PanelTasks are the panel's task pages (app/remind): a guide's tasks
// for today, a group's pending steps, and done as the guide's word.
type PanelTasks interface {
	TodayTasks(ctx context.Context, v app.PanelViewer) ([]remind.PanelTask, error)
	GroupTasks(ctx context.Context, v app.PanelViewer, chatID string) ([]remind.PanelTask, string, error)
	CustomerTasks(ctx context.Context, v app.PanelViewer, externalUserID string) ([]remind.PanelTask, string, error)
	Done(ctx context.Context, v app.PanelViewer, id int64) (*app.GuideTask, error)
}

// Panel task paths.
const (
	PanelTasksPath = "/panel/tasks"
	PanelGroupPath = "/panel/group"
)

func (s *server) panelTaskRoutes(g gin.IRouter) {
	if s.d.Panel.Tasks == nil {
		return
	}
	g.GET("/tasks", s.panelTasks)
	g.GET("/group", s.panelGroup)
	g.POST("/api/tasks/:id/done", sameOrigin(s.d.Log), s.panelTaskDone)
}

// panelTasks is the page a reminder links to: the guide's tasks due today
// or overdue and the undated ones, each with its content to send. With
// ?external_userid= it is the panel opened in that customer's chat: the
// guide's pending tasks about them, sent there in one tap.
func (s *server) panelTasks(c *gin.Context) {
	if ext := c.Query("external_userid"); ext != "" {
		s.panelCustomerTasks(c, ext)
		return
	}
	list, err := s.d.Panel.Tasks.TodayTasks(c.Request.Context(), viewer(c))
	if err != nil {
		s.panelError(c, err)
		return
	}
	s.panelTaskPage(c, gin.H{"Mode": "list", "Tasks": list})
}

// panelGroup is the panel opened in a customer group: the viewer's
// pending tasks about it. Without ?chat_id= its script asks WeCom's
// client which group is open.
func (s *server) panelGroup(c *gin.Context) {
	chat := c.Query("chat_id")
	if chat == "" {
		s.panelTaskPage(c, gin.H{"Mode": "group"})
		return
	}
	list, name, err := s.d.Panel.Tasks.GroupTasks(c.Request.Context(), viewer(c), chat)
	if err != nil {
		s.panelError(c, err)
		return
	}
	if name == "" {
		name = "未命名客户群"
	}
	s.panelTaskPage(c, gin.H{"Mode": "group", "ChatID": chat, "GroupName": name, "Tasks": list})
}

func (s *server) panelCustomerTasks(c *gin.Context, ext string) {
	list, name, err := s.d.Panel.Tasks.CustomerTasks(c.Request.Context(), viewer(c), ext)
	if err != nil {
		s.panelError(c, err)
		return
	}
	if name == "" {
		name = "（未知姓名）"
	}
	s.panelTaskPage(c, gin.H{"Mode": "customer", "ExternalUserID": ext, "CustomerName": name, "Tasks": list})
}

func (s *server) panelTaskPage(c *gin.Context, h gin.H) {
	name, err := s.d.Panel.Service.ViewerName(c.Request.Context(), viewer(c))
	if err != nil {
		s.panelError(c, err)
		return
	}
	h["ViewerName"], h["JSSDK"] = name, s.d.Panel.JSSDKURL
	c.HTML(http.StatusOK, "panel_tasks.html", h)
}

// panelTaskDone records the viewer's task done, self-reported.
func (s *server) panelTaskDone(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		Error(c, s.d.Log, app.Errorf(app.ENOTFOUND, "待办不存在"))
		return
	}
	t, err := s.d.Panel.Tasks.Done(c.Request.Context(), viewer(c), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"id": t.ID, "status": t.Status, "done_how": t.DoneHow})
}
