package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/secret"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/wecom"
)

const corpUsage = `usage:
  siyu corp add --corp-id ID --name NAME [--agent-id N] [--timezone ZONE]
  siyu corp update --corp-id ID [--agent-id N]
  siyu corp list

Secrets are read from the environment, never from flags (which end up in
shell history and process lists); update replaces only those set:
  SIYU_CORP_CONTACT_SECRET  客户联系 Secret (required)
  SIYU_CORP_AGENT_SECRET    self-built app Secret (side panel; optional)
  SIYU_CORP_TOKEN           callback Token (required)
  SIYU_CORP_AES_KEY         callback EncodingAESKey, 43 characters (required)
add and update both start no work themselves: the scheduler's reconcile
begins the corp's first full sync within a minute.`

// corpCmd registers a corp (a WeCom enterprise) with this deployment, or
// lists those registered.
func corpCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "update" && args[0] != "list") {
		return usageError{corpUsage}
	}
	fs := flag.NewFlagSet("corp "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &app.Corp{}
	fs.StringVar(&c.CorpID, "corp-id", "", "WeCom corp id (企业ID)")
	fs.StringVar(&c.Name, "name", "", "display name")
	fs.StringVar(&c.AgentID, "agent-id", "", "self-built app AgentId (side panel)")
	fs.StringVar(&c.Timezone, "timezone", "Asia/Shanghai", "IANA zone the corp's pages are shown in")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	store, closeDB, err := openCorps(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer closeDB()
	switch args[0] {
	case "list":
		return listCorps(ctx, store, stdout)
	case "update":
		return updateCorp(ctx, store, fs, c, os.Getenv, stdout)
	}
	if err := readCorpSecrets(c, os.Getenv); err != nil {
		return err
	}
	return addCorp(ctx, store, c, cfg.HTTP.Addr, stdout)
}

// readCorpSecrets fills c's secrets from the environment and checks the
// callback keys work together, so a typo fails here and not on the first
// callback.
func readCorpSecrets(c *app.Corp, env func(string) string) error {
	c.ContactSecret, c.AgentSecret = env("SIYU_CORP_CONTACT_SECRET"), env("SIYU_CORP_AGENT_SECRET")
	c.CallbackToken, c.EncodingAESKey = env("SIYU_CORP_TOKEN"), env("SIYU_CORP_AES_KEY")
	if c.ContactSecret == "" || c.CallbackToken == "" || c.EncodingAESKey == "" {
		return usageError{"SIYU_CORP_CONTACT_SECRET, SIYU_CORP_TOKEN and SIYU_CORP_AES_KEY must be set (see `siyu corp`)"}
	}
	if _, err := wecom.NewCrypter(c.CallbackToken, c.EncodingAESKey, c.CorpID); err != nil {
		return app.Wrap(app.EINVALID, err, "EncodingAESKey 无效：应为 43 位 Base64 字符")
	}
	return nil
}

func addCorp(ctx context.Context, store *db.CorpStore, c *app.Corp, addr string, out io.Writer) error {
	if err := store.CreateCorp(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(out, "企业 %s（%s）已登记，编号 %d。\n", c.Name, c.CorpID, c.ID)
	fmt.Fprintf(out, "在企业微信管理后台把“接收事件服务器”的 URL 设为：\n  https://<你的域名>/wecom/callback/%s\n", c.CorpID)
	fmt.Fprintf(out, "（本机：http://%s/wecom/callback/%s）\n首次全量同步将在一分钟内由调度器开始。\n", addr, c.CorpID)
	return nil
}

// updateCorp changes only what was given: the flags set on the command
// line and the SIYU_CORP_* variables that are not empty. Rotating one
// secret must not wipe the others.
func updateCorp(ctx context.Context, store *db.CorpStore, fs *flag.FlagSet, given *app.Corp, env func(string) string, out io.Writer) error {
	c, err := store.FindCorpByCorpID(ctx, given.CorpID)
	if err != nil {
		return err
	}
	var bad error
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "agent-id":
			c.AgentID = given.AgentID
		case "name", "timezone":
			bad = usageError{"corp update changes credentials only (--agent-id and SIYU_CORP_* secrets), not --" + f.Name}
		}
	})
	if bad != nil {
		return bad
	}
	for _, v := range []struct {
		name string
		to   *string
	}{{"SIYU_CORP_CONTACT_SECRET", &c.ContactSecret}, {"SIYU_CORP_AGENT_SECRET", &c.AgentSecret},
		{"SIYU_CORP_TOKEN", &c.CallbackToken}, {"SIYU_CORP_AES_KEY", &c.EncodingAESKey}} {
		if s := env(v.name); s != "" {
			*v.to = s
		}
	}
	if _, err := wecom.NewCrypter(c.CallbackToken, c.EncodingAESKey, c.CorpID); err != nil {
		return app.Wrap(app.EINVALID, err, "EncodingAESKey 无效：应为 43 位 Base64 字符")
	}
	if err := store.UpdateCorpCredentials(ctx, c); err != nil {
		return err
	}
	fmt.Fprintf(out, "企业 %s 的凭据已更新；运行中的进程在五分钟内改用新凭据。\n", c.CorpID)
	return nil
}

func listCorps(ctx context.Context, store *db.CorpStore, out io.Writer) error {
	corps, err := store.ListCorps(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCORP ID\tNAME\tTIMEZONE\tREGISTERED")
	for _, c := range corps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, c.CorpID, c.Name, c.Timezone, c.CreatedAt.Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

// openCorps opens the database (migrating it when the configuration says
// so, as serve does) and the corp store with the deployment's secret key.
func openCorps(ctx context.Context, cfg *config.Config, stderr io.Writer) (*db.CorpStore, func(), error) {
	o, err := openStores(ctx, cfg, stderr)
	if err != nil {
		return nil, nil, err
	}
	return o.corps, o.close, nil
}

// opened is the database, its corp store and the capabilities that need
// only the database, as a command works on them.
type opened struct {
	db    *db.DB
	corps *db.CorpStore
	core  *root.Core
}

func (o *opened) close() { o.db.Close() }

// openStores opens the database, migrating it when the configuration says
// so (as serve does), and the corp store with the deployment's secret key.
func openStores(ctx context.Context, cfg *config.Config, stderr io.Writer) (*opened, error) {
	log := newLogger(cfg.Log, stderr)
	box, err := secret.LoadBox(cfg.Security.SecretKey, cfg.Security.SecretKeyFile)
	if err != nil {
		return nil, err
	}
	d, err := db.Open(ctx, cfg.Database, log)
	if err != nil {
		return nil, err
	}
	if err := prepareSchema(ctx, d, cfg.Database.AutoMigrate, log); err != nil {
		d.Close()
		return nil, err
	}
	core := root.NewCore(d, box, auth.Options{BcryptCost: cfg.Security.BcryptCost})
	return &opened{db: d, corps: core.Stores.Corps, core: core}, nil
}
