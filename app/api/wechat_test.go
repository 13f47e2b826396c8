package api_test

import (
	"bytes"
	"image/png"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The 公众号 API: an operator registers the account (its credentials
// never answered) and makes a store's code, whose PNG every role
// downloads; a store manager reads but makes nothing; another corp sees
// none of it; bad input names every field.
func TestConsoleWeChat(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		store := itoa(c.seedStore(t))
		olga, sam, bob := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam"), c.login(t, "wwb", "bob")
		oa := c.sc.OA()
		body := `{"appid":"` + oa.AppID + `","name":"徐汇公众号","token":"` + oa.Token + `","encoding_aes_key":"` + oa.EncodingAESKey +
			`","app_secret":"` + oa.Secret + `"}`
		w := send(c.h, "POST", "/api/v1/corps/wwa/wechat-apps", body, sam...)
		assert.Equal(t, http.StatusForbidden, w.Code, "a store manager registers nothing")
		w = send(c.h, "POST", "/api/v1/corps/wwa/wechat-apps", body, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		assert.NotContains(t, w.Body.String(), oa.Secret)
		assert.NotContains(t, w.Body.String(), oa.EncodingAESKey)
		acct := decode[map[string]any](t, w)
		assert.Equal(t, "/wechat/callback/"+oa.AppID, acct["callback_path"])
		assert.Equal(t, "safe", acct["mode"])
		appID := itoa(int64(acct["id"].(float64)))
		assert.Equal(t, http.StatusConflict, send(c.h, "POST", "/api/v1/corps/wwa/wechat-apps", body, olga...).Code)

		w = send(c.h, "POST", "/api/v1/corps/wwa/wechat-qrcodes", `{"app_id":`+appID+`,"kind":"guide","store_id":`+store+`,"expire_days":31}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		fields := map[string]bool{}
		refused := decode[struct {
			Error struct{ Fields []struct{ Field string } }
		}](t, w)
		for _, f := range refused.Error.Fields {
			fields[f.Field] = true
		}
		assert.Equal(t, map[string]bool{"userid": true, "store_id": true, "expire_days": true}, fields)

		w = send(c.h, "POST", "/api/v1/corps/wwa/wechat-qrcodes", `{"app_id":`+appID+`,"kind":"store","store_id":`+store+`}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		code := decode[map[string]any](t, w)
		assert.Equal(t, true, code["permanent"])
		assert.Equal(t, "active", code["status"])
		assert.NotEmpty(t, code["scene"])
		path := "/api/v1/corps/wwa/wechat-qrcodes/" + itoa(int64(code["id"].(float64)))
		assert.Equal(t, http.StatusForbidden, send(c.h, "POST", "/api/v1/corps/wwa/wechat-qrcodes", `{}`, sam...).Code)

		w = send(c.h, "GET", path+"/qr.png", "", sam...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, "image/png", w.Header().Get("Content-Type"))
		_, err := png.Decode(bytes.NewReader(w.Body.Bytes()))
		require.NoError(t, err)
		list := decode[map[string]any](t, send(c.h, "GET", "/api/v1/corps/wwa/wechat-qrcodes?app_id="+appID, "", sam...))
		assert.Len(t, list["items"], 1)
		assert.Len(t, decode[map[string]any](t, send(c.h, "GET", "/api/v1/corps/wwa/wechat-apps", "", sam...))["items"], 1)

		assert.Equal(t, http.StatusForbidden, send(c.h, "GET", path, "", bob...).Code, "another corp's")
		assert.Empty(t, decode[map[string]any](t, send(c.h, "GET", "/api/v1/corps/wwb/wechat-qrcodes", "", bob...))["items"])
		assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwb/wechat-qrcodes/"+itoa(int64(code["id"].(float64))), "", bob...).Code)
	})
}
