package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/config"
)

const adminUsage = `usage:
  siyu admin add --corp CORP_ID --user NAME [--role admin|operator|store_manager]
  siyu admin passwd --corp CORP_ID --user NAME
  siyu admin token --corp CORP_ID --name NAME [--role admin|operator|store_manager]

add and passwd read the password from SIYU_ADMIN_PASSWORD, never from a
flag (flags end up in shell history and process lists); it is stored as a
bcrypt hash. token prints a new API token once: it cannot be shown again.
Users and tokens reach only their corp: POST /api/v1/login signs in.`

// adminCmd manages console users and API tokens of a corp.
func adminCmd(ctx context.Context, cfg *config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || (args[0] != "add" && args[0] != "passwd" && args[0] != "token") {
		return usageError{adminUsage}
	}
	fs := flag.NewFlagSet("admin "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	corp := fs.String("corp", "", "WeCom corp id (企业ID)")
	user := fs.String("user", "", "console username")
	name := fs.String("name", "", "token name (what it is for)")
	defRole := app.RoleAdmin
	if args[0] == "token" {
		defRole = app.RoleOperator // a script rarely needs to manage users
	}
	role := fs.String("role", defRole, "role: admin, operator or store_manager")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *corp == "" || (args[0] != "token" && *user == "") || (args[0] == "token" && *name == "") {
		return usageError{adminUsage}
	}
	o, err := openStores(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer o.close()
	c, err := o.corps.FindCorpByCorpID(ctx, *corp)
	if err != nil {
		return err
	}
	ctx = app.WithActor(ctx, "cli:admin")
	a := o.core.Auth
	switch args[0] {
	case "token":
		return addToken(ctx, a, c, *name, *role, stdout)
	case "passwd":
		return setPassword(ctx, a, c, *user, os.Getenv, stdout)
	}
	return addAdmin(ctx, a, c, *user, *role, os.Getenv, stdout)
}

func adminPassword(env func(string) string) (string, error) {
	pw := env("SIYU_ADMIN_PASSWORD")
	if pw == "" {
		return "", usageError{"SIYU_ADMIN_PASSWORD must be set to the new password (see `siyu admin`)"}
	}
	return pw, nil
}

func addAdmin(ctx context.Context, a *auth.Service, c *app.Corp, user, role string, env func(string) string, out io.Writer) error {
	pw, err := adminPassword(env)
	if err != nil {
		return err
	}
	if err := a.CreateAdmin(ctx, &app.AdminUser{CorpID: c.ID, Username: user, Role: role}, pw); err != nil {
		return err
	}
	fmt.Fprintf(out, "企业 %s 的控制台用户 %s（%s）已创建；登录：POST /api/v1/login\n", c.CorpID, user, role)
	return nil
}

func setPassword(ctx context.Context, a *auth.Service, c *app.Corp, user string, env func(string) string, out io.Writer) error {
	pw, err := adminPassword(env)
	if err != nil {
		return err
	}
	if err := a.SetAdminPassword(ctx, c.ID, user, pw); err != nil {
		return err
	}
	fmt.Fprintf(out, "企业 %s 的用户 %s 的密码已更新，该用户已登录的会话均已退出。\n", c.CorpID, user)
	return nil
}

func addToken(ctx context.Context, a *auth.Service, c *app.Corp, name, role string, out io.Writer) error {
	secret, err := a.CreateToken(ctx, &app.APIToken{CorpID: c.ID, Name: name, Role: role})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "企业 %s 的 API 令牌“%s”（%s），只显示这一次，请妥善保存：\n%s\n", c.CorpID, name, role, secret)
	return nil
}
