package sandbox

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
)

// OAuthAuthorizePath is where the sandbox plays WeCom's OAuth authorize
// page (open.weixin.qq.com/connect/oauth2/authorize): Siyu's
// panel.oauth_authorize_url is the sandbox URL plus this path.
const OAuthAuthorizePath = "/connect/oauth2/authorize"

// OAuthUserParam is the sandbox's own authorize parameter naming the member
// who opens the page. WeCom knows who is signed in to its client; the
// sandbox has no client, so without it the page asks.
const OAuthUserParam = "sandbox_userid"

// authorize answers the authorize URL: with OAuthUserParam it sends the
// browser to redirect_uri with a fresh code and the state, as WeCom's
// client does silently for snsapi_base; without it, it lists the members
// to choose from.
func (s *Sandbox) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	c := s.Corp(q.Get("appid"))
	redirect, err := url.Parse(q.Get("redirect_uri"))
	switch {
	case c == nil:
		oauthError(w, "appid 不是沙箱中的企业 (unknown corp id)")
		return
	case q.Get("agentid") != strconv.Itoa(c.Config().AgentID):
		oauthError(w, "agentid 与企业的应用不符 (agentid does not match the corp's app)")
		return
	case err != nil || !redirect.IsAbs() || (redirect.Scheme != "http" && redirect.Scheme != "https"):
		oauthError(w, "redirect_uri 必须是完整的 http(s) 地址 (redirect_uri must be an absolute URL)")
		return
	}
	userID := q.Get(OAuthUserParam)
	if userID == "" {
		s.pickMember(w, r, c)
		return
	}
	code, err := c.MintOAuthCode(userID)
	if err != nil {
		oauthError(w, "成员不存在或已离职 (no such member): "+userID)
		return
	}
	rq := redirect.Query()
	rq.Set("code", code)
	rq.Set("state", q.Get("state"))
	redirect.RawQuery = rq.Encode()
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}

// pickMember lists the corp's members who may have customers, each a link
// back to the authorize URL naming them.
func (s *Sandbox) pickMember(w http.ResponseWriter, r *http.Request, c *Corp) {
	type choice struct{ UserID, Name, Store, Href string }
	var choices []choice
	for _, m := range c.Snapshot().Members {
		if !m.ContactEnabled || m.Resigned {
			continue
		}
		q := r.URL.Query()
		q.Set(OAuthUserParam, m.UserID)
		choices = append(choices, choice{m.UserID, m.Name, m.Store, OAuthAuthorizePath + "?" + q.Encode()})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = pickerPage.Execute(w, struct {
		Corp    string
		Choices []choice
	}{c.ID(), choices})
}

func oauthError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write([]byte("企业微信沙箱授权失败：" + msg + "\n"))
}

var pickerPage = template.Must(template.New("picker").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>企业微信沙箱 · 选择登录成员</title>
<style>body{margin:0;font:15px/1.6 -apple-system,"PingFang SC",sans-serif;background:#f5f6f7;color:#1f2329}
header{background:#2b6fd6;color:#fff;padding:12px 16px;font-weight:600}main{padding:12px 16px}
a{display:block;background:#fff;border-radius:8px;padding:10px 14px;margin-bottom:8px;color:#1f2329;text-decoration:none}
.muted{color:#646a73;font-size:13px}</style></head>
<body><header>企业微信沙箱 · {{.Corp}}</header><main>
<p class="muted">真实的企业微信会直接以当前登录的成员授权。沙箱没有客户端：请选择以哪位成员的身份打开。</p>
{{range .Choices}}<a class="member" data-userid="{{.UserID}}" href="{{.Href}}"><strong>{{.Name}}</strong> <span class="muted">{{.UserID}}{{with .Store}} · {{.}}{{end}}</span></a>
{{else}}<p>该企业没有开启客户联系的成员。</p>{{end}}
</main></body></html>`))
