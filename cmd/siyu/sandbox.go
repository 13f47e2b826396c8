package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/demo"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

const sandboxUsage = `usage:
  siyu sandbox [--addr HOST:PORT] [--callback URL] [--wechat-callback URL] [--corp ID] [--journal FILE]
      run the WeCom sandbox on its own with a seeded demo corp and its 公众号,
      printing the credentials to register both in a Siyu started separately
  siyu sandbox act ACTION [flags]     fire a client-side action (list: siyu sandbox act --help)
  siyu sandbox show KIND [flags]      print the sandbox's state as JSON
      KIND: corp, members, customers, follows, groups, tags, deliveries, snapshot

act and show talk to the sandbox of the running siyu (its URL is in
sandbox.url_file, var/sandbox.url by default) or to --sandbox URL.
act waits briefly for the first delivery of the action's callbacks; exit
status 0 done, 1 the sandbox refused the action, 2 a usage error, 3 the
action applied but Siyu refused its callback (the reason is printed).`

// sandboxCmd runs the sandbox standalone, or drives a running one.
func sandboxCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "act":
			return sandboxAct(ctx, cfg, args[1:], stdout, stderr)
		case "show":
			return sandboxShow(ctx, cfg, args[1:], stdout, stderr)
		case "-h", "-help", "--help", "help":
			fmt.Fprintln(stderr, sandboxUsage)
			return flag.ErrHelp
		}
	}
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, sandboxUsage) }
	addr := fs.String("addr", "127.0.0.1:9100", "where the sandbox listens")
	callback := fs.String("callback", "", "callback URL of the corp, e.g. http://127.0.0.1:8080/wecom/callback/demo (empty: events are recorded, not sent)")
	corp := fs.String("corp", demo.DefaultCorpID, "corp id")
	journal := fs.String("journal", "", "file keeping fired actions across restarts (empty: none)")
	oaCallback := fs.String("wechat-callback", "", "server URL of the corp's 公众号, e.g. http://127.0.0.1:8080/wechat/callback/<appid> (empty: events are recorded, not sent)")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unknown sandbox command %q\n%s", fs.Arg(0), sandboxUsage)}
	}
	d, err := demo.Start(ctx, demo.Options{Addr: *addr, CorpID: *corp, JournalPath: *journal, Log: newLogger(cfg.Log, stderr)})
	if err != nil {
		return err
	}
	defer d.Close()
	d.Corp().SetCallbackURL(*callback)
	d.Corp().SetOACallbackURL(*oaCallback)
	printSandbox(stdout, d.URL(), d.Corp().Info(), d.Corp().Config())
	<-ctx.Done()
	return nil
}

// printSandbox shows an operator everything needed to register the corp.
func printSandbox(out io.Writer, base string, c sandbox.CorpInfo, cfg sandbox.CorpConfig) {
	callback := c.CallbackURL
	if callback == "" {
		callback = "（未设置：事件只记录不发送 / not set: events are recorded, not sent）"
	}
	fmt.Fprintf(out, "WeCom 沙箱已启动 (sandbox running): %s\n", base)
	fmt.Fprintf(out, "演示企业 (demo corp): 4 家门店 13 位成员、300 位客户、4 个客户群、3 个标签组\n")
	for _, kv := range [][2]string{
		{"企业ID (corp id)", c.CorpID}, {"客户联系 Secret (contact secret)", c.ContactSecret},
		{"自建应用 AgentId / Secret", fmt.Sprintf("%d / %s", c.AgentID, c.AppSecret)},
		{"回调 Token", c.Token}, {"回调 EncodingAESKey", c.EncodingAESKey}, {"回调 URL (callback)", callback},
	} {
		fmt.Fprintf(out, "  %s: %s\n", kv[0], kv[1])
	}
	fmt.Fprintf(out, "在另行启动的 Siyu 中登记 (register it in a Siyu started separately):\n")
	fmt.Fprintf(out, "  SIYU_CORP_CONTACT_SECRET=%s SIYU_CORP_TOKEN=%s SIYU_CORP_AES_KEY=%s \\\n    siyu corp add --corp-id %s --name 沙箱企业\n",
		c.ContactSecret, c.Token, c.EncodingAESKey, c.CorpID)
	fmt.Fprintf(out, "  SIYU_WECHAT_SECRET=%s SIYU_WECHAT_TOKEN=%s SIYU_WECHAT_AES_KEY=%s \\\n    siyu wechat add --corp-id %s --appid %s --name 沙箱公众号\n",
		c.OA.Secret, c.OA.Token, c.OA.EncodingAESKey, c.CorpID, c.OA.AppID)
	fmt.Fprintf(out, "  SIYU_MINI_SECRET=%s \\\n    siyu mini add --corp-id %s --appid %s --name 沙箱小程序 --campaign-page pages/campaign/index\n",
		cfg.MiniAppSecret, c.CorpID, cfg.MiniAppID)
	fmt.Fprintf(out, "  SIYU_WECOM_API_BASE=%s SIYU_WECOM_MINI_API_BASE=%s SIYU_SANDBOX_DEMO=false siyu serve\n", base, base)
	fmt.Fprintf(out, "控制接口 (control API): %s/sandbox/corps/%s\n", base, c.CorpID)
	fmt.Fprintf(out, "  siyu sandbox act customer-adds --sandbox %s --corp %s --userid guide0101 --state store01\n", base, c.CorpID)
}
