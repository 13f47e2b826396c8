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

const miniUsage = `usage:
  siyu mini add --corp-id ID --appid APPID --name NAME --campaign-page PAGE [--brand NAME]
                [--join-template ID] [--reward-template ID]
  siyu mini update --corp-id ID --appid APPID [--name NAME] [--brand NAME] [--campaign-page PAGE]
                [--join-template ID] [--reward-template ID]
  siyu mini list --corp-id ID

Registers a corp's WeChat mini-program (小程序), the consumers' side: they
log in through it (/api/mini/v1) and become members of --brand (default:
the corp's shared pool). --join-template and --reward-template are the
one-time subscribe templates of the join and reward notices;
--campaign-page (pages/campaign/index: no leading slash, no query) is the
page codes and notices open. The secret is read from the environment,
never from flags; update replaces it only when set:
  SIYU_MINI_SECRET    AppSecret (required for add)`

// miniCmd registers a corp's mini-program, changes one, or lists them.
func miniCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "update" && args[0] != "list") {
		return usageError{miniUsage}
	}
	fs := flag.NewFlagSet("mini "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	a := &app.MiniApp{}
	var corpID, brand string
	fs.StringVar(&corpID, "corp-id", "", "WeCom corp id the mini-program belongs to")
	fs.StringVar(&a.AppID, "appid", "", "mini-program AppID (wx…)")
	fs.StringVar(&a.Name, "name", "", "display name")
	fs.StringVar(&brand, "brand", "", "brand whose members the consumers become (empty: the shared pool)")
	fs.StringVar(&a.JoinTemplate, "join-template", "", "subscribe template id of the join notice")
	fs.StringVar(&a.RewardTemplate, "reward-template", "", "subscribe template id of the reward notice")
	fs.StringVar(&a.CampaignPage, "campaign-page", "", "page codes and notices open, e.g. pages/campaign/index")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if corpID == "" {
		return usageError{"--corp-id is required (see `siyu mini`)"}
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
	a.CorpID, ctx = corp.ID, app.WithActor(ctx, "cli:mini")
	switch args[0] {
	case "list":
		return listMiniApps(ctx, o, corp.ID, stdout)
	case "update":
		return updateMiniApp(ctx, o, fs, a, brand, os.Getenv, stdout)
	}
	if a.AppSecret = os.Getenv("SIYU_MINI_SECRET"); a.AppSecret == "" {
		return usageError{"SIYU_MINI_SECRET must be set (see `siyu mini`)"}
	}
	if err := o.core.MiniApps.RegisterApp(ctx, a, brand); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "小程序 %s（%s）已登记，编号 %d；消费者接口：%s\n", a.Name, a.AppID, a.ID, "/api/mini/v1")
	return nil
}

// updateMiniApp changes only what was given: the flags set and
// SIYU_MINI_SECRET when it is not empty.
func updateMiniApp(ctx context.Context, o *opened, fs *flag.FlagSet, given *app.MiniApp, brand string, env func(string) string, out io.Writer) error {
	a, err := o.core.MiniApps.AppByAppID(ctx, given.AppID)
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	if err != nil || a.CorpID != given.CorpID {
		return app.Errorf(app.ENOTFOUND, "该企业没有 AppID 为 %s 的小程序", given.AppID)
	}
	if brand == "" {
		if brand, err = o.core.MiniApps.BrandOf(ctx, a); err != nil {
			return err
		}
	}
	fields := map[string][2]*string{"name": {&a.Name, &given.Name}, "join-template": {&a.JoinTemplate, &given.JoinTemplate},
		"reward-template": {&a.RewardTemplate, &given.RewardTemplate}, "campaign-page": {&a.CampaignPage, &given.CampaignPage}}
	fs.Visit(func(f *flag.Flag) {
		if p, ok := fields[f.Name]; ok {
			*p[0] = *p[1]
		}
	})
	if v := env("SIYU_MINI_SECRET"); v != "" {
		a.AppSecret = v
	}
	if err := o.core.MiniApps.UpdateApp(ctx, a, brand); err != nil {
		return err
	}
	fmt.Fprintf(out, "小程序 %s 已更新；运行中的进程在五分钟内改用新凭据。\n", a.AppID)
	return nil
}

func listMiniApps(ctx context.Context, o *opened, corpID int64, out io.Writer) error {
	apps, _, err := o.core.MiniApps.ListApps(ctx, corpID, app.Page{Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tAPPID\tNAME\tJOIN TEMPLATE\tREWARD TEMPLATE\tPAGE\tREGISTERED")
	for _, a := range apps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", a.ID, a.AppID, a.Name, a.JoinTemplate, a.RewardTemplate, a.CampaignPage,
			a.CreatedAt.Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}
