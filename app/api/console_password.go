package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Accounts manages console users beyond signing in: the console's own
// password change and the 成员与令牌 page.
type Accounts interface {
	app.AdminService
	ChangeOwnPassword(ctx context.Context, corpID, id int64, current, next, again string) error
	ListUsers(ctx context.Context, corpID int64, p app.Page) ([]app.AdminUser, int64, error)
	FindUser(ctx context.Context, corpID, id int64) (*app.AdminUser, error)
	UpdateUser(ctx context.Context, corpID, id int64, by app.Principal, role string, disabled bool) error
}

// formView is a form page's data: the values typed and the reason each
// refused field was refused, all of them at once.
type formView struct {
	Values map[string]string
	Errors map[string]string
	Extra  any
}

// formErrors maps each refused field of err to its reason; a refusal that
// names no field goes under "".
func formErrors(err error) map[string]string {
	out := map[string]string{}
	for _, f := range app.ErrorFields(err) {
		if out[f.Field] == "" {
			out[f.Field] = f.Reason
		} else if !strings.Contains(out[f.Field], f.Reason) {
			out[f.Field] += "；" + f.Reason
		}
	}
	if len(out) == 0 {
		out[""] = app.ErrorMessage(err)
	}
	return out
}

func (s *server) consolePasswordPage(c *gin.Context) {
	s.passwordForm(c, http.StatusOK, formView{})
}

func (s *server) passwordForm(c *gin.Context, status int, f formView) {
	v := s.view(c, "修改密码", "", f)
	if caller(c).MustChangePassword && v.Flash == "" {
		v.Flash = "当前密码是别人为你设置的（首次登录或被重置），请先设置只有你知道的新密码。"
	}
	s.render(c, status, "console_password.html", v)
}

// consolePassword changes the signed-in user's password; every session
// of theirs ends, so they sign in again with it.
func (s *server) consolePassword(c *gin.Context) {
	p := caller(c)
	err := s.d.Accounts.ChangeOwnPassword(c.Request.Context(), p.CorpID, p.UserID(), c.PostForm("current"), c.PostForm("password"), c.PostForm("again"))
	if err != nil {
		s.passwordForm(c, StatusOf(app.ErrorCode(err)), formView{Errors: formErrors(err)})
		return
	}
	s.setCookie(c, ConsoleCookie, "", time.Unix(0, 0), http.SameSiteLaxMode)
	c.Redirect(http.StatusSeeOther, ConsolePath+"/login?why=password")
}
