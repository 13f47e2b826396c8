package api_test

import (
	"bytes"
	"image"
	_ "image/png"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

type channelOut struct {
	ID       int64    `json:"id"`
	State    string   `json:"state"`
	ConfigID string   `json:"config_id"`
	QRCode   string   `json:"qr_code"`
	Status   string   `json:"status"`
	Name     string   `json:"name"`
	Warnings []string `json:"warnings"`
	Members  []struct {
		UserID string      `json:"userid"`
		Shifts []app.Shift `json:"shifts"`
	} `json:"members"`
}

// seedStore creates store XH with guides g1 and g2 in wwa, in Siyu and
// in the sandbox corp standing in for it.
func (c *console) seedStore(t *testing.T) int64 {
	global := []string{"Authorization", "Bearer " + apiToken}
	w := send(c.h, "POST", "/api/v1/corps/wwa/stores", `{"code":"XH","name":"徐汇店"}`, global...)
	require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
	for _, g := range []string{"g1", "g2"} {
		w := send(c.h, "POST", "/api/v1/corps/wwa/guides", `{"userid":"`+g+`","store_code":"XH"}`, global...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		require.NoError(t, c.sc.AddMember(sandbox.Member{UserID: g, Name: g, ContactEnabled: true}))
	}
	return int64(decode[map[string]any](t, send(c.h, "GET", "/api/v1/corps/wwa/stores", "", global...))["items"].([]any)[0].(map[string]any)["id"].(float64))
}

func (c *console) contactWay(configID string) (sandbox.ContactWay, bool) {
	for _, cw := range c.sc.Snapshot().ContactWays {
		if cw.ConfigID == configID {
			return cw, true
		}
	}
	return sandbox.ContactWay{}, false
}

func TestConsoleChannels(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		store := itoa(c.seedStore(t))
		olga, sam, bob := c.login(t, "wwa", "olga"), c.login(t, "wwa", "sam"), c.login(t, "wwb", "bob")
		body := `{"name":"徐汇店门口","kind":"store","store_id":` + store + `,"welcome":{"text":"欢迎光临"},"daily_cap":5,
			"members":[{"userid":"g1","shifts":[{"days":[0,1,2,3,4,5,6],"from":0,"to":1440}]},{"userid":"g2"}]}`
		w := send(c.h, "POST", "/api/v1/corps/wwa/channels", body, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		ch := decode[channelOut](t, w)
		assert.Equal(t, "active", ch.Status)
		assert.Empty(t, ch.Warnings, "a channel with a welcome text needs no warning")
		cw, ok := c.contactWay(ch.ConfigID)
		require.True(t, ok, "the contact way exists in WeCom")
		assert.Equal(t, ch.State, cw.State)
		assert.Equal(t, []string{"g1", "g2"}, cw.Users)
		assert.True(t, cw.SkipVerify, "skip_verify defaults to true")
		id := itoa(ch.ID)

		var items []channelOut
		listOf(t, send(c.h, "GET", "/api/v1/corps/wwa/channels", "", sam...), &items)
		require.Len(t, items, 1, "a store manager reads")
		assert.Equal(t, ch.State, items[0].State)

		t.Run("PatchReplacesLists", func(t *testing.T) {
			w := send(c.h, "PATCH", "/api/v1/corps/wwa/channels/"+id, `{"members":[{"userid":"g2"}],"skip_verify":false}`, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			got := decode[channelOut](t, w)
			require.Len(t, got.Members, 1)
			assert.Equal(t, "g2", got.Members[0].UserID)
			assert.Empty(t, got.Members[0].Shifts, "not the shifts g1 had in that place")
			assert.Equal(t, "徐汇店门口", got.Name, "left out, kept")
			cw, _ := c.contactWay(ch.ConfigID)
			assert.Equal(t, []string{"g2"}, cw.Users)
			assert.False(t, cw.SkipVerify)
		})
		t.Run("WarnsWithoutWelcome", func(t *testing.T) {
			w := send(c.h, "PATCH", "/api/v1/corps/wwa/channels/"+id, `{"welcome":{"text":""}}`, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, []string{"未设置欢迎语：通过该活码添加的客户不会收到欢迎语"}, decode[channelOut](t, w).Warnings)
			w = send(c.h, "PATCH", "/api/v1/corps/wwa/channels/"+id, `{"welcome":{"text":"欢迎光临"}}`, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			w := send(c.h, "PATCH", "/api/v1/corps/wwa/channels/"+id, `{"members":[{"userid":"g2","shift":[]}]}`, olga...)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			assert.Equal(t, "未知字段 shift", decodeError(t, w).Message)
			w = send(c.h, "POST", "/api/v1/corps/wwa/channels", `{"name":"x","kind":"store","members":[{"userid":"g9"}]}`, olga...)
			assert.Equal(t, http.StatusBadRequest, w.Code)
			e := decodeError(t, w)
			assert.Contains(t, e.Fields, app.FieldError{Field: "store_id", Reason: "门店活码应指定门店"})
			assert.Contains(t, e.Fields, app.FieldError{Field: "members[0].userid", Reason: "导购 g9 不是在职导购"})
		})
		t.Run("QRCodePNG", func(t *testing.T) {
			w := send(c.h, "GET", "/api/v1/corps/wwa/channels/"+id+"/qr.png", "", sam...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			assert.Equal(t, "image/png", w.Header().Get("Content-Type"))
			_, format, err := image.Decode(bytes.NewReader(w.Body.Bytes()))
			require.NoError(t, err)
			assert.Equal(t, "png", format)
		})
		t.Run("ErrForbidden", func(t *testing.T) {
			assert.Equal(t, http.StatusForbidden, send(c.h, "POST", "/api/v1/corps/wwa/channels", body, sam...).Code, "store managers only read")
			assert.Equal(t, http.StatusForbidden, send(c.h, "DELETE", "/api/v1/corps/wwa/channels/"+id, "", sam...).Code)
			for _, path := range []string{"/channels", "/channels/" + id, "/channels/" + id + "/qr.png"} {
				assert.Equal(t, http.StatusForbidden, send(c.h, "GET", "/api/v1/corps/wwa"+path, "", bob...).Code, path)
			}
			assert.Equal(t, http.StatusForbidden, send(c.h, "PATCH", "/api/v1/corps/wwa/channels/"+id, `{"name":"改"}`, bob...).Code)
			assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwb/channels/"+id, "", bob...).Code,
				"another corp's channel under one's own corp is not found")
			assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwb/channels/"+id+"/qr.png", "", bob...).Code)
			assert.Equal(t, http.StatusNotFound, send(c.h, "DELETE", "/api/v1/corps/wwb/channels/"+id, "", bob...).Code)
			_, ok := c.contactWay(ch.ConfigID)
			assert.True(t, ok)
		})
		t.Run("Delete", func(t *testing.T) {
			require.Equal(t, http.StatusNoContent, send(c.h, "DELETE", "/api/v1/corps/wwa/channels/"+id, "", olga...).Code)
			_, ok := c.contactWay(ch.ConfigID)
			assert.False(t, ok, "deleted in WeCom")
			got := decode[channelOut](t, send(c.h, "GET", "/api/v1/corps/wwa/channels/"+id, "", olga...))
			assert.Equal(t, "deleted", got.Status)
			assert.Equal(t, http.StatusNotFound, send(c.h, "GET", "/api/v1/corps/wwa/channels/"+id+"/qr.png", "", olga...).Code)
			listOf(t, send(c.h, "GET", "/api/v1/corps/wwa/channels", "", olga...), &items)
			assert.Empty(t, items)
		})
	})
}
