package main

import (
	"context"
	"fmt"
	"io"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/auth"
)

// firstAdmin is the console user the embedded demo creates on its first
// start: nobody has to type a command to look around, and no password is
// fixed in the code.
const firstAdmin = "admin"

// ensureConsoleAdmin gives a corp without console users an admin with a
// one-time password, printed this once: it is stored only as a hash, and
// the console asks for a new one at the first sign-in. A corp with users
// is left alone.
func ensureConsoleAdmin(ctx context.Context, w *wiring, corp *app.Corp, base string, out io.Writer) error {
	console := base + api.ConsolePath + "/"
	users, _, err := w.Auth.ListUsers(ctx, corp.ID, app.Page{Limit: 1})
	if err != nil {
		return err
	}
	if len(users) > 0 {
		fmt.Fprintf(out, "  %-40s %s\n", console, "运营后台：用已有账号登录（忘记密码：siyu admin passwd --corp "+corp.CorpID+" --user <用户名>）")
		return nil
	}
	pw := auth.OneTimePassword()
	u := &app.AdminUser{CorpID: corp.ID, Username: firstAdmin, Role: app.RoleAdmin, MustChangePassword: true}
	err = w.Auth.CreateAdmin(app.WithActor(ctx, "system:first-start"), u, pw)
	if app.ErrorCode(err) == app.ECONFLICT { // another process made it first
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "  %-40s %s\n", console, "运营后台 (operator console)")
	fmt.Fprintf(out, "    首次启动已创建管理员 %s，一次性密码：%s\n", firstAdmin, pw)
	fmt.Fprintf(out, "    (first start: admin %q, one-time password above; shown only now, changed at first sign-in)\n", firstAdmin)
	return nil
}
