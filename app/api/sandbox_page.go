package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/demo"
)

// SandboxDemo is the embedded default's demo corp, which the /sandbox page
// shows and drives.
type SandboxDemo interface {
	Overview(ctx context.Context, page int) (*demo.Overview, error)
	ActForm(ctx context.Context, name string, form url.Values) (string, error)
}

// SandboxPagePath is the demo page; it exists only while the demo runs.
const SandboxPagePath = "/sandbox"

func (s *server) sandboxRoutes(r gin.IRouter) {
	r.GET(SandboxPagePath, s.sandboxPage)
	r.POST(SandboxPagePath+"/act/:action", sameOrigin(s.d.Log), s.sandboxAct)
}

func (s *server) sandboxPage(c *gin.Context) {
	page, _ := strconv.Atoi(c.Query("page"))
	o, err := s.d.Sandbox.Overview(c.Request.Context(), page)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.HTML(http.StatusOK, "sandbox.html", gin.H{"O": o, "Msg": c.Query("msg"), "Err": c.Query("err"),
		"Base": "http://" + c.Request.Host, "Prev": o.Page - 1, "Next": o.Page + 1})
}

// sandboxAct fires the form's action and goes back to the page, saying
// what happened: the page is a form post away from any state change, so a
// reload never fires an action twice.
func (s *server) sandboxAct(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil {
		Error(c, s.d.Log, app.Wrap(app.EINVALID, err, "表单无法读取"))
		return
	}
	q := url.Values{"page": {c.PostForm("page")}}
	msg, err := s.d.Sandbox.ActForm(c.Request.Context(), c.Param("action"), c.Request.PostForm)
	if err != nil {
		q.Set("err", err.Error())
	} else {
		q.Set("msg", msg)
	}
	c.Redirect(http.StatusSeeOther, SandboxPagePath+"?"+q.Encode())
}

// sameOrigin refuses a form posted from another site (browsers say where
// a post comes from in Origin), so a page elsewhere cannot fire actions.
func sameOrigin(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" {
			return
		}
		if u, err := url.Parse(origin); err == nil && u.Host == c.Request.Host {
			return
		}
		Error(c, log, app.Errorf(app.EFORBIDDEN, "拒绝来自其他站点的表单"))
	}
}
