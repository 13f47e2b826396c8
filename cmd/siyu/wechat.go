package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

const wechatUsage = `usage:
  siyu wechat add --corp-id ID --appid APPID --name NAME [--brand NAME] [--mode safe|plain]
  siyu wechat update --corp-id ID --appid APPID [--name NAME] [--brand NAME] [--mode safe|plain]
  siyu wechat list --corp-id ID

Registers a corp's 公众号 (WeChat Official Account). Its followers become
members of --brand (default: the corp's shared pool). --mode is the server
configuration's message mode: safe (安全 or 兼容模式, the default) or plain
(明文模式). Credentials are read from the environment, never from flags;
update replaces only those set:
  SIYU_WECHAT_SECRET    AppSecret (required for add)
  SIYU_WECHAT_TOKEN     server configuration Token (required for add)
  SIYU_WECHAT_AES_KEY   server configuration EncodingAESKey, 43 characters (required for add)`

// wechatCmd registers a corp's 公众号, changes one, or lists them.
func wechatCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "update" && args[0] != "list") {
		return usageError{wechatUsage}
	}
	fs := flag.NewFlagSet("wechat "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	a := &app.WeChatApp{}
	var corpID, brand string
	fs.StringVar(&corpID, "corp-id", "", "WeCom corp id the 公众号 belongs to")
	fs.StringVar(&a.AppID, "appid", "", "公众号 AppID (wx…)")
	fs.StringVar(&a.Name, "name", "", "display name")
	fs.StringVar(&brand, "brand", "", "brand whose members the followers become (empty: the shared pool)")
	fs.StringVar(&a.Mode, "mode", "", "message mode: safe or plain")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if corpID == "" {
		return usageError{"--corp-id is required (see `siyu wechat`)"}
	}
	o, err := openStores(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer o.close()
	corp, err := o.corps.FindCorpByCorpID(ctx, corpID)
	if err != nil {
		return err
	}
	a.CorpID, ctx = corp.ID, app.WithActor(ctx, "cli:wechat")
	switch args[0] {
	case "list":
		return listWeChatApps(ctx, o, corp.ID, stdout)
	case "update":
		return updateWeChatApp(ctx, o, fs, a, brand, os.Getenv, stdout)
	}
	return addWeChatApp(ctx, o, a, brand, cfg.HTTP.Addr, os.Getenv, stdout)
}

func addWeChatApp(ctx context.Context, o *opened, a *app.WeChatApp, brand, addr string, env func(string) string, out io.Writer) error {
	a.AppSecret, a.Token, a.EncodingAESKey = env("SIYU_WECHAT_SECRET"), env("SIYU_WECHAT_TOKEN"), env("SIYU_WECHAT_AES_KEY")
	if a.AppSecret == "" || a.Token == "" || a.EncodingAESKey == "" {
		return usageError{"SIYU_WECHAT_SECRET, SIYU_WECHAT_TOKEN and SIYU_WECHAT_AES_KEY must be set (see `siyu wechat`)"}
	}
	if err := o.core.WeChat.RegisterApp(ctx, a, brand); err != nil {
		return err
	}
	fmt.Fprintf(out, "公众号 %s（%s）已登记，编号 %d。\n", a.Name, a.AppID, a.ID)
	fmt.Fprintf(out, "在公众平台“设置与开发 → 基本配置 → 服务器配置”把 URL 设为：\n  https://<你的域名>%s\n", app.WeChatCallbackPath(a.AppID))
	fmt.Fprintf(out, "（本机：http://%s%s）\n", addr, app.WeChatCallbackPath(a.AppID))
	return nil
}

// updateWeChatApp changes only what was given: the flags set and the
// SIYU_WECHAT_* variables that are not empty.
func updateWeChatApp(ctx context.Context, o *opened, fs *flag.FlagSet, given *app.WeChatApp, brand string, env func(string) string, out io.Writer) error {
	a, err := o.core.WeChat.AppByAppID(ctx, given.AppID)
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	if err != nil || a.CorpID != given.CorpID {
		return app.Errorf(app.ENOTFOUND, "该企业没有 AppID 为 %s 的公众号", given.AppID)
	}
	if brand == "" && a.BrandID != nil {
		b, err := o.core.Stores.Org.FindBrand(ctx, a.CorpID, *a.BrandID)
		if err != nil {
			return err
		}
		brand = b.Name
	}
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "name":
			a.Name = given.Name
		case "mode":
			a.Mode = given.Mode
		}
	})
	for name, to := range map[string]*string{"SIYU_WECHAT_SECRET": &a.AppSecret, "SIYU_WECHAT_TOKEN": &a.Token, "SIYU_WECHAT_AES_KEY": &a.EncodingAESKey} {
		if v := env(name); v != "" {
			*to = v
		}
	}
	if err := o.core.WeChat.UpdateApp(ctx, a, brand); err != nil {
		return err
	}
	fmt.Fprintf(out, "公众号 %s 已更新；运行中的进程在五分钟内改用新凭据（回调校验在 30 秒内）。\n", a.AppID)
	return nil
}

func listWeChatApps(ctx context.Context, o *opened, corpID int64, out io.Writer) error {
	apps, _, err := o.core.WeChat.ListApps(ctx, corpID, app.Page{Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tAPPID\tNAME\tMODE\tCALLBACK\tREGISTERED")
	for _, a := range apps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.AppID, a.Name, a.Mode, app.WeChatCallbackPath(a.AppID),
			a.CreatedAt.Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}
