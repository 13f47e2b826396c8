package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// taskRoutes serves guide tasks (待办) of the corp in scope. Every console
// role reads them and may act on them; the task service limits a store
// manager to their own store's.
func (s *server) taskRoutes(c *gin.RouterGroup) {
	c.GET("/tasks", s.listTasks)
	c.POST("/tasks", s.createTask)
	c.GET("/tasks/:id", s.getTask)
	c.PATCH("/tasks/:id", s.reassignTask)
	c.POST("/tasks/:id/complete", s.completeTask)
	c.POST("/tasks/:id/cancel", s.cancelTask)
}

func (s *server) listTasks(c *gin.Context) {
	store, err := queryInt(c, "store_id")
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.GuideTask, int64, error) {
		return s.d.Tasks.ListTasks(ctx, corpID, *caller(c), app.TaskFilter{Page: p, UserID: c.Query("userid"),
			StoreID: store, Status: c.Query("status"), ExternalUserID: c.Query("external_userid")})
	}, toTask)
}

func (s *server) createTask(c *gin.Context) {
	var in createTaskJSON
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t := &app.GuideTask{CorpID: c.GetInt64(corpKey), UserID: in.UserID, ExternalUserID: in.ExternalUserID,
		Kind: app.TaskManual, Title: in.Title, DueAt: in.DueAt}
	if _, err := s.d.Tasks.CreateTask(c.Request.Context(), t); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toTask(*t))
}

func (s *server) getTask(c *gin.Context) {
	s.onTask(c, func(ctx context.Context, corpID, id int64) (*app.GuideTask, error) {
		return s.d.Tasks.FindTask(ctx, corpID, id, *caller(c))
	})
}

func (s *server) reassignTask(c *gin.Context) {
	var in reassignTaskJSON
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	s.onTask(c, func(ctx context.Context, corpID, id int64) (*app.GuideTask, error) {
		return s.d.Tasks.ReassignTask(ctx, corpID, id, *caller(c), in.UserID, in.DueAt)
	})
}

func (s *server) completeTask(c *gin.Context) {
	var in completeTaskJSON
	if c.Request.ContentLength != 0 {
		if err := bindJSON(c, &in); err != nil {
			Error(c, s.d.Log, err)
			return
		}
	}
	s.onTask(c, func(ctx context.Context, corpID, id int64) (*app.GuideTask, error) {
		return s.d.Tasks.CompleteTask(ctx, corpID, id, *caller(c), in.Verified)
	})
}

func (s *server) cancelTask(c *gin.Context) {
	s.onTask(c, func(ctx context.Context, corpID, id int64) (*app.GuideTask, error) {
		return s.d.Tasks.CancelTask(ctx, corpID, id, *caller(c))
	})
}

// onTask runs do on the task the path names and answers it.
func (s *server) onTask(c *gin.Context, do func(ctx context.Context, corpID, id int64) (*app.GuideTask, error)) {
	id, err := idParam(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t, err := do(c.Request.Context(), c.GetInt64(corpKey), id)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toTask(*t))
}
