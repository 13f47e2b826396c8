package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/demo"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// extras are what serve adds around the core wiring: the deployment's API
// token and, in the embedded default, the demo corp's sandbox.
type extras struct {
	token    string
	tokenNew bool // generated into security.api_token_file on this start
	demo     *demo.Demo
}

// prepareExtras runs before build: it loads the API token and, when the
// configuration asks for the demo and this process serves the API (whose
// callback endpoint the demo needs), starts the sandbox and points the
// WeCom client at it, since build installs the client from cfg.WeCom.
func prepareExtras(ctx context.Context, cfg *config.Config, roles []string, log *slog.Logger) (*extras, error) {
	x := &extras{}
	if !slices.Contains(roles, roleAPI) {
		if cfg.Sandbox.Demo {
			log.Info("sandbox.demo skipped: this process does not serve the API")
		}
		return x, nil
	}
	var err error
	if x.token, x.tokenNew, err = secret.LoadToken(cfg.Security.APIToken, cfg.Security.APITokenFile); err != nil || !cfg.Sandbox.Demo {
		return x, err
	}
	x.demo, err = demo.Start(ctx, demo.Options{Addr: cfg.Sandbox.Addr, JournalPath: cfg.Sandbox.JournalPath,
		URLFile: cfg.Sandbox.URLFile, Log: log})
	if err != nil {
		return nil, fmt.Errorf("start demo sandbox: %w", err)
	}
	cfg.WeCom.APIBase, cfg.WeCom.MiniAPIBase = x.demo.URL(), x.demo.URL()
	cfg.Panel.OAuthAuthorizeURL = x.demo.URL() + sandbox.OAuthAuthorizePath
	if cfg.Panel.JSSDKURL == "" { // the sandbox plays WeCom's client in the panel
		cfg.Panel.JSSDKURL = x.demo.URL() + sandbox.JSSDKPath + "?corp=" + demo.DefaultCorpID
	}
	return x, nil
}

// mount adds the JSON API (directory reads, organisation, channels,
// console sign-in and tokens), and the demo's /sandbox page (and the
// panel's sign-in as a chosen demo member) when the demo runs, to the HTTP
// dependencies.
func (x *extras) mount(w *wiring, d *api.Deps) {
	*d = w.API(*d)
	if x != nil {
		d.APIToken = x.token
	}
	if x != nil && x.demo != nil {
		d.Sandbox = x.demo
		d.Panel.LoginHintParam = sandbox.OAuthUserParam
	}
}

// connect runs once Siyu listens at base: it registers the demo corp,
// wires its callbacks here, starts its sync, and says how to use it all.
func (x *extras) connect(ctx context.Context, w *wiring, base string, out io.Writer) error {
	corp := "<corp>"
	if x.demo != nil {
		// A SIGTERM during these few statements still lets them finish:
		// the process is already serving and shuts down cleanly after.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		d := w.Stores.Directory
		c, err := x.demo.Connect(ctx, demo.Siyu{BaseURL: base, Corps: w.Stores.Corps, Syncs: d, Queue: w.Enqueuer, Directory: d,
			Org: w.Org, WeChat: w.WeChat, MiniApps: w.MiniApps})
		if err != nil {
			return err
		}
		corp = c.CorpID
		fmt.Fprintf(out, "演示企业 %s 已接入 WeCom 沙箱 (demo corp on the sandbox): %s\n", corp, x.demo.URL())
		fmt.Fprintf(out, "  %-40s %s\n", base+"/sandbox", "沙箱演示页：触发客户、群、标签动作")
		fmt.Fprintf(out, "  %-40s %s\n", base+"/panel/login?corp="+corp, "侧边栏：以导购身份登录（沙箱代替企业微信 OAuth）")
		fmt.Fprintf(out, "  %-40s %s\n", "siyu sandbox act --help", "命令行触发动作 (fire actions from the shell)")
		fmt.Fprintf(out, "  %-40s %s\n", "siyu sandbox act oa-scan --ticket T", "演示公众号：扫带参二维码（用 /api/v1/corps/"+corp+"/wechat-qrcodes 创建）")
		fmt.Fprintf(out, "  %-40s %s\n", "siyu sandbox act mini-login --unionid U", "演示小程序：得到登录 code，POST "+api.MiniPrefix+"/login 换取会话")
		if err := ensureConsoleAdmin(ctx, w, c, base, out); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(out, "运营后台 %s%s/：用 siyu admin add --corp <企业ID> --user <用户名> 创建账号后登录 (create a console user, then sign in)\n", base, api.ConsolePath)
	}
	x.announceAPI(out, w.cfg, base, corp)
	return nil
}

func (x *extras) announceAPI(out io.Writer, cfg *config.Config, base, corp string) {
	switch {
	case x.token == "":
		fmt.Fprintf(out, "JSON API %s/api/v1: 未配置 security.api_token，只接受控制台登录会话与企业 API 令牌 (no deployment token: only console sessions and corp tokens, see `siyu admin`)\n", base)
	case cfg.Security.APIToken != "":
		fmt.Fprintf(out, "JSON API (token from SIYU_SECURITY_API_TOKEN):\n  curl -H \"Authorization: Bearer $SIYU_SECURITY_API_TOKEN\" %s/api/v1/corps/%s/customers?limit=5\n", base, corp)
	default:
		note := "读自"
		if x.tokenNew {
			note = "新生成于"
		}
		fmt.Fprintf(out, "JSON API（令牌%s %s）:\n  curl -H 'Authorization: Bearer %s' %s/api/v1/corps/%s/customers?limit=5\n",
			note, cfg.Security.APITokenFile, x.token, base, corp)
	}
}

// close stops the sandbox, after Siyu has stopped.
func (x *extras) close() error {
	if x == nil || x.demo == nil {
		return nil
	}
	return x.demo.Close()
}
