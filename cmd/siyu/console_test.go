package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The console from the command line to the API: a corp, a console user
// whose password comes from the environment, stores, guides and members
// imported from files (twice, changing nothing the second time), an API token; then
// the wired server signs the user in and serves what was imported.
func TestConsoleCommands(t *testing.T) {
	for _, driver := range []string{config.DriverSQLite, config.DriverMySQL} {
		t.Run(driver, func(t *testing.T) {
			d := testkit.DatabaseConfig(t, driver)
			env := []string{"SIYU_DATABASE_DRIVER=" + d.Driver, "SIYU_DATABASE_DSN=" + d.DSN, "SIYU_SECURITY_SECRET_KEY=" + testSecretKey}
			code, _, errOut := siyu(t, append(env, "SIYU_CORP_CONTACT_SECRET=s", "SIYU_CORP_TOKEN=tok",
				"SIYU_CORP_AES_KEY=jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C"), "corp", "add", "--corp-id", "ww_console", "--name", "控制台")
			require.Equal(t, 0, code, errOut)

			code, _, errOut = siyu(t, env, "admin", "add", "--corp", "ww_console", "--user", "alice")
			assert.Equal(t, 2, code, "the password comes from the environment")
			assert.Contains(t, errOut, "SIYU_ADMIN_PASSWORD")
			withPW := append(env, "SIYU_ADMIN_PASSWORD=console-password-1")
			code, out, errOut := siyu(t, withPW, "admin", "add", "--corp", "ww_console", "--user", "alice")
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "alice")
			code, _, _ = siyu(t, withPW, "admin", "add", "--corp", "ww_console", "--user", "alice")
			assert.Equal(t, 1, code, "a username is taken once")
			code, _, errOut = siyu(t, withPW, "admin", "add", "--corp", "ww_nobody", "--user", "bob")
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "企业不存在")

			dir := t.TempDir()
			stores := filepath.Join(dir, "门店.csv")
			require.NoError(t, os.WriteFile(stores, []byte("门店编码,门店名称,城市,纬度,经度\nSH001,人民广场店,上海,31.230416,121.473701\nONLINE,线上团队,,,\n"), 0o600))
			code, out, errOut = siyu(t, env, "import", "stores", "--corp", "ww_console", stores)
			require.Equal(t, 0, code, errOut)
			assert.Contains(t, out, "新增 2")
			code, out, _ = siyu(t, env, "import", "stores", "--corp", "ww_console", stores)
			require.Equal(t, 0, code)
			assert.Contains(t, out, "未变 2", "re-import changes nothing")
			code, _, errOut = siyu(t, env, "import", "stores", "--corp", "ww_console", filepath.Join(dir, "没有.csv"))
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "无法打开文件")
			broken := filepath.Join(dir, "门店.xlsx")
			require.NoError(t, os.WriteFile(broken, []byte("not a workbook"), 0o600))
			code, _, errOut = siyu(t, env, "import", "stores", "--corp", "ww_console", broken)
			assert.Equal(t, 1, code)
			assert.Contains(t, errOut, "无法读取 Excel 文件")

			guides := filepath.Join(dir, "guides.csv")
			require.NoError(t, os.WriteFile(guides, []byte("userid,store_code,role\nzhangsan,SH001,店长\nlisi,SH999,导购\n"), 0o600))
			report := filepath.Join(dir, "report.csv")
			code, out, errOut = siyu(t, env, "import", "guides", "--corp", "ww_console", "--report", report, guides)
			assert.Equal(t, 1, code, "a rejected row fails the command")
			assert.Contains(t, out, "第 3 行 store_code：门店 SH999 不存在")
			assert.Contains(t, errOut, "1 行被拒绝")
			csv, err := os.ReadFile(report)
			require.NoError(t, err)
			assert.Contains(t, string(csv), "3,store_code,门店 SH999 不存在")

			members := filepath.Join(dir, "会员.csv")
			require.NoError(t, os.WriteFile(members, []byte("会员号,姓名,手机号,归属门店编码\nM1,张三,13800138000,SH001\nM2,李四,1380013,SH001\n"), 0o600))
			code, out, _ = siyu(t, env, "import", "members", "--corp", "ww_console", members)
			assert.Equal(t, 1, code, "a rejected row fails the command")
			assert.Contains(t, out, "新增 1")
			assert.Contains(t, out, "第 3 行 手机号：手机号格式不正确")
			code, out, _ = siyu(t, env, "import", "members", "--corp", "ww_console", members)
			assert.Contains(t, out, "未变 1", "re-import changes nothing")

			code, out, errOut = siyu(t, env, "admin", "token", "--corp", "ww_console", "--name", "ERP")
			require.Equal(t, 0, code, errOut)
			token := strings.TrimSpace(out[strings.LastIndex(strings.TrimSpace(out), "\n")+1:])
			require.True(t, strings.HasPrefix(token, "sya_"), out)

			h := wiredHandler(t, env)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("POST", "/api/v1/login", strings.NewReader(`{"corp_id":"ww_console","username":"alice","password":"console-password-1"}`)))
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			for _, cred := range []string{"Bearer " + token, "Bearer " + decodeToken(t, w.Body.Bytes())} {
				req := httptest.NewRequest("GET", "/api/v1/corps/ww_console/guides", nil)
				req.Header.Set("Authorization", cred)
				w = httptest.NewRecorder()
				h.ServeHTTP(w, req)
				require.Equal(t, http.StatusOK, w.Code, w.Body.String())
				assert.Contains(t, w.Body.String(), `"userid":"zhangsan","store_code":"SH001"`)
				assert.Contains(t, w.Body.String(), `"role":"store_manager"`)
			}
		})
	}
}

// wiredHandler is serve's HTTP handler on the configuration env describes.
func wiredHandler(t *testing.T, env []string) http.Handler {
	cfg, err := config.Load("", append(env, "SIYU_REDIS_ADDR="+miniredis.RunT(t).Addr(), "SIYU_REDIS_MODE=standalone"))
	require.NoError(t, err)
	w, err := build(context.Background(), cfg, testkit.Logger(t))
	require.NoError(t, err)
	t.Cleanup(func() { w.close() })
	h, err := httpHandler(w, true)
	require.NoError(t, err)
	return h
}

func decodeToken(t *testing.T, body []byte) string {
	var in struct{ Token string }
	require.NoError(t, json.Unmarshal(body, &in))
	return in.Token
}
