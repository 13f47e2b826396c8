package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// flash is the one-line outcome of a form shown on the next page.
type flash struct {
	Text string
	Bad  bool
}

// panelCustomer shows a customer's page; without ?external_userid= it is
// the entry page, whose script asks WeCom's client which chat is open.
func (s *server) panelCustomer(c *gin.Context) {
	v := viewer(c)
	ext := c.Query("external_userid")
	if ext == "" {
		s.panelEntry(c, v)
		return
	}
	p, err := s.d.Panel.Service.CustomerPage(c.Request.Context(), v, ext)
	if err != nil {
		s.panelError(c, err)
		return
	}
	c.HTML(http.StatusOK, "panel_customer.html", gin.H{"P": p, "Flash": s.takeFlash(c), "JSSDK": s.d.Panel.JSSDKURL})
}

func (s *server) panelEntry(c *gin.Context, v app.PanelViewer) {
	cs, err := s.d.Panel.Service.MyCustomers(c.Request.Context(), v)
	if err != nil {
		s.panelError(c, err)
		return
	}
	name, err := s.d.Panel.Service.ViewerName(c.Request.Context(), v)
	if err != nil {
		s.panelError(c, err)
		return
	}
	c.HTML(http.StatusOK, "panel_entry.html", gin.H{"Corp": v.WeComCorp, "ViewerName": name, "Customers": cs,
		"JSSDK": s.d.Panel.JSSDKURL})
}

// panelSetTags applies the tag form and goes back to the page, saying
// what happened (post, redirect, get: a reload never posts twice).
func (s *server) panelSetTags(c *gin.Context) {
	if err := c.Request.ParseForm(); err != nil {
		s.panelError(c, app.Wrap(app.EINVALID, err, "表单无法读取"))
		return
	}
	ext := c.PostForm("external_userid")
	change, err := s.d.Panel.Service.SetTags(c.Request.Context(), viewer(c), ext, c.PostFormArray("tag"))
	switch {
	case app.ErrorCode(err) == app.EFORBIDDEN:
		s.panelError(c, err)
		return
	case err != nil:
		s.logIfInternal(c, err)
		s.setFlash(c, flash{Text: "标签未保存：" + app.ErrorMessage(err), Bad: true})
	case change.Empty():
		s.setFlash(c, flash{Text: "标签没有变化"})
	default:
		s.setFlash(c, flash{Text: tagSummary(change.Added, change.Removed)})
	}
	q := url.Values{"corp": {viewer(c).WeComCorp}, "external_userid": {ext}}
	c.Redirect(http.StatusSeeOther, PanelCustomerPath+"?"+q.Encode())
}

func tagSummary(added, removed []string) string {
	var parts []string
	if len(added) > 0 {
		parts = append(parts, "已添加 "+strings.Join(added, "、"))
	}
	if len(removed) > 0 {
		parts = append(parts, "已移除 "+strings.Join(removed, "、"))
	}
	return "标签已保存：" + strings.Join(parts, "；")
}

func (s *server) setFlash(c *gin.Context, f flash) {
	v := "ok:" + f.Text
	if f.Bad {
		v = "bad:" + f.Text
	}
	s.setPanelCookie(c, panelFlashCookie, url.QueryEscape(v), 60)
}

// takeFlash reads and clears the flash cookie.
func (s *server) takeFlash(c *gin.Context) *flash {
	raw, err := c.Cookie(panelFlashCookie)
	if err != nil || raw == "" {
		return nil
	}
	s.setPanelCookie(c, panelFlashCookie, "", -1)
	v, err := url.QueryUnescape(raw)
	if err != nil {
		return nil
	}
	if text, ok := strings.CutPrefix(v, "bad:"); ok {
		return &flash{Text: text, Bad: true}
	}
	text, _ := strings.CutPrefix(v, "ok:")
	return &flash{Text: text}
}

// panelError renders err as a Chinese page with its status: a guide in
// WeCom's side panel sees words, not JSON.
func (s *server) panelError(c *gin.Context, err error) {
	s.logIfInternal(c, err)
	title := "出错了"
	switch app.ErrorCode(err) {
	case app.EFORBIDDEN:
		title = "无权查看"
	case app.ENOTFOUND:
		title = "未找到"
	case app.EUNAUTHORIZED:
		title = "需要重新登录"
	}
	relogin := app.ErrorCode(err) == app.EUNAUTHORIZED
	c.HTML(StatusOf(app.ErrorCode(err)), "panel_message.html", gin.H{"Title": title, "Message": app.ErrorMessage(err),
		"RequestID": app.RequestID(c.Request.Context()), "Relogin": relogin, "Back": !relogin})
	c.Abort()
}

func (s *server) logIfInternal(c *gin.Context, err error) {
	if app.ErrorCode(err) == app.EINTERNAL {
		s.d.Log.ErrorContext(c.Request.Context(), "internal error", "err", err, "request_id", app.RequestID(c.Request.Context()),
			"method", c.Request.Method, "path", c.Request.URL.Path)
	}
}
