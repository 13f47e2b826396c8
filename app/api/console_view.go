package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// flashCookie carries a one-line result from a form post to the page it
// redirects to (post, redirect, get).
const flashCookie = "siyu_console_flash"

// consoleView is what every console page's shell shows, with the page's
// own data in Data.
type consoleView struct {
	Title, Nav          string
	Menu                []menuItem
	UserName, RoleName  string
	CorpName, CSRF      string
	Flash               string
	FlashBad            bool
	RequestID           string
	Zone                *time.Location
	Role                string
	CanWrite, CanManage bool // an operator or admin; an admin
	Data                any
}

// Local shows t in the corp's zone.
func (v *consoleView) Local(t any) string {
	switch x := t.(type) {
	case time.Time:
		if x.IsZero() {
			return "—"
		}
		return x.In(v.Zone).Format("2006-01-02 15:04")
	case *time.Time:
		if x == nil {
			return "—"
		}
		return v.Local(*x)
	}
	return ""
}

// view builds the shell of a page for the signed-in user.
func (s *server) view(c *gin.Context, title, nav string, data any) *consoleView {
	p := caller(c)
	v := &consoleView{Title: title, Nav: nav, Menu: s.menuFor(p.Role), UserName: p.Name, RoleName: app.RoleNames[p.Role],
		CSRF: csrfFor(c.GetString(consoleSecretKey)), RequestID: app.RequestID(c.Request.Context()), Role: p.Role,
		CanWrite: app.RoleAtLeast(p.Role, app.RoleOperator), CanManage: p.Role == app.RoleAdmin, Data: data,
		Zone: app.ZoneNamed("")}
	if corp, err := s.d.Corps.FindCorpByID(c.Request.Context(), p.CorpID); err == nil {
		v.CorpName, v.Zone = corp.Name, app.ZoneNamed(corp.Timezone)
	}
	if f, err := c.Cookie(flashCookie); err == nil && f != "" {
		if msg, err := url.QueryUnescape(f); err == nil && msg != "" {
			v.Flash, v.FlashBad = msg[1:], msg[0] == '!'
		}
		s.setCookie(c, flashCookie, "", time.Unix(0, 0), http.SameSiteLaxMode)
	}
	return v
}

// render writes page name in the shell.
func (s *server) render(c *gin.Context, status int, name string, v *consoleView) {
	c.Header("Cache-Control", "no-store")
	c.HTML(status, name, v)
}

// done redirects after a successful post, with a message for the next page.
func (s *server) done(c *gin.Context, to, msg string) {
	s.flash(c, "+"+msg)
	c.Redirect(http.StatusSeeOther, to)
}

func (s *server) flash(c *gin.Context, msg string) {
	s.setCookie(c, flashCookie, url.QueryEscape(msg), time.Now().Add(time.Minute), http.SameSiteLaxMode)
}

type errorView struct {
	Status  int
	Message string
}

// consoleError shows err as a page of the console, with the request id
// support staff need; internal errors are logged and shown as such.
func (s *server) consoleError(c *gin.Context, err error) {
	code := app.ErrorCode(err)
	if code == app.EINTERNAL {
		s.d.Log.ErrorContext(c.Request.Context(), "internal error", "err", err, "request_id", app.RequestID(c.Request.Context()),
			"method", c.Request.Method, "path", c.Request.URL.Path)
	}
	status := StatusOf(code)
	msg := app.ErrorMessage(err)
	if _, ok := c.Get(principalKey); !ok {
		c.AbortWithStatus(status)
		c.Header("Content-Type", "text/plain; charset=utf-8")
		_, _ = c.Writer.WriteString(msg + "（请求编号 " + app.RequestID(c.Request.Context()) + "）")
		return
	}
	s.render(c, status, "console_error.html", s.view(c, "出错了", "", errorView{Status: status, Message: msg}))
	c.Abort()
}

// pager links the pages of an offset list: the current URL with page
// changed, so a link reproduces the view.
type pager struct {
	Page       int
	Prev, Next string
}

// pageNumber reads ?page= (1-based) and returns the offset for size rows.
func pageNumber(c *gin.Context, size int) (int, int) {
	n, err := strconv.Atoi(c.Query("page"))
	if err != nil || n < 1 {
		n = 1
	}
	return n, (n - 1) * size
}

func newPager(c *gin.Context, page int, more bool) pager {
	link := func(n int) string {
		q := c.Request.URL.Query()
		q.Set("page", strconv.Itoa(n))
		return c.Request.URL.Path + "?" + q.Encode()
	}
	p := pager{Page: page}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if more {
		p.Next = link(page + 1)
	}
	return p
}
