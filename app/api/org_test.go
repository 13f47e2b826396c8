package api_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func TestOrgAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		base := "/api/v1/corps/wwa"

		w := send(c.h, "POST", base+"/brands", `{"name":"面包工坊"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		brand := decode[map[string]any](t, w)
		assert.Equal(t, true, brand["shares_customers"], "brands share customers unless told")
		brandID := itoa(int64(brand["id"].(float64)))

		t.Run("ErrConflict", func(t *testing.T) {
			w := send(c.h, "POST", base+"/brands", `{"name":"面包工坊"}`, olga...)
			assert.Equal(t, http.StatusConflict, w.Code)
			assert.Equal(t, "同名品牌已存在", decodeError(t, w).Message)
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			for _, tc := range []struct {
				name, body string
				fields     []app.FieldError
			}{
				{"blank", `{}`, []app.FieldError{{Field: "code", Reason: "门店编码应为1-32位字母、数字、下划线、点或短横线，且以字母或数字开头"}, {Field: "name", Reason: "门店名称不能为空"}}},
				{"unknown field", `{"code":"A","name":"x","lat":31}`, []app.FieldError{{Field: "lat", Reason: "未知字段 lat"}}},
				{"wrong type", `{"code":"A","name":"x","latitude":"31.2"}`, []app.FieldError{{Field: "latitude", Reason: "字段 latitude 的类型应为 数字"}}},
				{"other corp's brand", `{"code":"A","name":"x","brand_id":999999}`, []app.FieldError{{Field: "brand_id", Reason: "品牌 999999 不存在"}}},
			} {
				w := send(c.h, "POST", base+"/stores", tc.body, olga...)
				assert.Equal(t, http.StatusBadRequest, w.Code, tc.name)
				assert.Equal(t, tc.fields, decodeError(t, w).Fields, tc.name)
			}
			assert.Equal(t, http.StatusBadRequest, send(c.h, "POST", base+"/stores", `{"code":`, olga...).Code, "malformed JSON")
			for _, tc := range []struct{ name, body, message string }{
				{"not an object", `[{"code":"A","name":"x"}]`, "请求体应为 JSON 对象，而不是数组"},
				{"two objects", `{"code":"A","name":"x"} {"code":"B","name":"y"}`, "请求体只能包含一个 JSON 对象"},
			} {
				w := send(c.h, "POST", base+"/stores", tc.body, olga...)
				assert.Equal(t, http.StatusBadRequest, w.Code, tc.name)
				assert.Equal(t, tc.message, decodeError(t, w).Message, tc.name)
			}
			w := send(c.h, "POST", base+"/brands", `{"name":{"zh":"面包"}}`, olga...)
			assert.Equal(t, "字段 name 的类型应为 字符串", decodeError(t, w).Message)
			w = send(c.h, "POST", base+"/stores", `{"code":"A","name":"x","brand_id":[1]}`, olga...)
			assert.Equal(t, "字段 brand_id 的类型应为 数字", decodeError(t, w).Message)
			w = send(c.h, "POST", base+"/channels", `{"name":"x","tag_ids":"vip"}`, olga...)
			assert.Equal(t, "字段 tag_ids 的类型应为 数组", decodeError(t, w).Message, "kinds are named in Chinese")
			assert.Equal(t, http.StatusBadRequest, send(c.h, "GET", base+"/stores/abc", "", olga...).Code)
		})

		w = send(c.h, "POST", base+"/stores", `{"code":"SH001","name":"人民广场店","brand_id":`+brandID+
			`,"city":"上海","latitude":31230416,"longitude":121473701,"opening_hours":"09:00-21:00"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		storeID := itoa(int64(decode[map[string]any](t, w)["id"].(float64)))
		assert.Equal(t, http.StatusConflict, send(c.h, "POST", base+"/stores", `{"code":"SH001","name":"重复"}`, olga...).Code)
		assert.Equal(t, http.StatusConflict, send(c.h, "DELETE", base+"/brands/"+brandID, "", olga...).Code, "brand in use")

		t.Run("PatchKeepsWhatIsLeftOut", func(t *testing.T) {
			w := send(c.h, "PATCH", base+"/stores/"+storeID, `{"name":"人民广场旗舰店","brand_id":null,"id":12345}`, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			st := decode[map[string]any](t, w)
			assert.Equal(t, "人民广场旗舰店", st["name"])
			assert.Equal(t, "上海", st["city"])
			assert.Equal(t, float64(31230416), st["latitude"])
			assert.Nil(t, st["brand_id"], "null clears")
			assert.Equal(t, storeID, itoa(int64(st["id"].(float64))), "the id in the body is ignored")
			assert.Equal(t, http.StatusNotFound, send(c.h, "PATCH", base+"/stores/999999", `{"name":"x"}`, olga...).Code)
		})

		w = send(c.h, "POST", base+"/guides", `{"userid":"zhangsan","store_code":"SH001","role":"store_manager"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		guide := decode[map[string]any](t, w)
		assert.Equal(t, storeID, itoa(int64(guide["store_id"].(float64))))
		guideID := itoa(int64(guide["id"].(float64)))
		w = send(c.h, "POST", base+"/guides", `{"userid":"lisi","store_code":"NOPE"}`, olga...)
		assert.Equal(t, []app.FieldError{{Field: "store_code", Reason: "门店 NOPE 不存在"}}, decodeError(t, w).Fields)

		t.Run("CloseStore", func(t *testing.T) {
			w := send(c.h, "DELETE", base+"/stores/"+storeID, "", olga...)
			assert.Equal(t, http.StatusConflict, w.Code)
			assert.Contains(t, decodeError(t, w).Message, "在职导购")
			assert.Equal(t, http.StatusNoContent, send(c.h, "DELETE", base+"/guides/"+guideID, "", olga...).Code)
			g := decode[map[string]any](t, send(c.h, "GET", base+"/guides/"+guideID, "", olga...))
			assert.Equal(t, "left", g["status"])
			assert.NotNil(t, g["left_at"])
			assert.Equal(t, http.StatusNoContent, send(c.h, "DELETE", base+"/stores/"+storeID, "", olga...).Code)
			st := decode[map[string]any](t, send(c.h, "GET", base+"/stores/"+storeID, "", olga...))
			assert.Equal(t, "closed", st["status"])
		})
		t.Run("ListPages", func(t *testing.T) {
			for _, code := range []string{"P1", "P2", "P3"} {
				require.Equal(t, http.StatusCreated, send(c.h, "POST", base+"/stores", `{"code":"`+code+`","name":"店`+code+`","kind":"online"}`, olga...).Code)
			}
			var page []map[string]any
			next := listOf(t, send(c.h, "GET", base+"/stores?limit=2", "", olga...), &page)
			require.Len(t, page, 2)
			require.NotZero(t, next)
			assert.Zero(t, listOf(t, send(c.h, "GET", base+"/stores?limit=2&after="+itoa(next), "", olga...), &page))
			assert.Len(t, page, 2)
			var guides []map[string]any
			listOf(t, send(c.h, "GET", base+"/guides?status=active", "", olga...), &guides)
			assert.Empty(t, guides)
		})
		es, err := db.NewAuditStore(d).ListAudit(context.Background(), app.AuditFilter{CorpID: c.corpA, TargetType: "store", TargetID: storeID})
		require.NoError(t, err)
		require.Len(t, es, 3, "create, patch, close")
		assert.Equal(t, []string{"store.close", "store.update", "store.create"}, []string{es[0].Action, es[1].Action, es[2].Action})
		assert.Contains(t, es[0].Detail, `"Status":"closed"`)
	})
}

func TestImportAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		file := "门店编码,门店名称,城市\nSH001,人民广场店,上海\nSH002,,上海\n"

		w := upload(c.h, "/api/v1/corps/wwa/stores/import", "stores.csv", file, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		rep := decode[app.ImportReport](t, w)
		assert.Equal(t, app.ImportReport{Kind: "stores", Rows: 2, Created: 1, Rejected: 1,
			Errors: []app.ImportError{{Row: 3, Column: "门店名称", Reason: "门店名称不能为空"}}}, rep)

		w = upload(c.h, "/api/v1/corps/wwa/stores/import?format=csv", "stores.csv", file, olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, `attachment; filename="stores-import-report.csv"`, w.Header().Get("Content-Disposition"))
		assert.Equal(t, "\ufeff行号,列,原因\n3,门店名称,门店名称不能为空\n,,共 2 行：新增 0，更新 0，未变 1，拒绝 1\n", w.Body.String())

		w = send(c.h, "POST", "/api/v1/corps/wwa/guides/import", "", append(olga, "Content-Type", "text/csv")...)
		assert.Equal(t, http.StatusBadRequest, w.Code, "an empty file")
		req := httptest.NewRequest("POST", "/api/v1/corps/wwa/guides/import", strings.NewReader("userid,store_code,role\nzhangsan,SH001,店长\n"))
		req.Header.Set("Content-Type", "text/csv")
		req.Header.Set(olga[0], olga[1])
		rw := httptest.NewRecorder()
		c.h.ServeHTTP(rw, req)
		require.Equal(t, http.StatusOK, rw.Code, rw.Body.String())
		assert.Equal(t, 1, decode[app.ImportReport](t, rw).Created, "a raw CSV body")
		w = send(c.h, "POST", "/api/v1/corps/wwa/guides/import", `{"userid":"zhangsan"}`, olga...)
		assert.Equal(t, http.StatusBadRequest, w.Code, "JSON is not a file")
		assert.Contains(t, decodeError(t, w).Message, "请求类型 application/json 不是文件")

		big := strings.Repeat("x", 11<<20)
		assert.Equal(t, http.StatusRequestEntityTooLarge, upload(c.h, "/api/v1/corps/wwa/stores/import", "big.csv", big, olga...).Code)
		sam := c.login(t, "wwa", "sam")
		assert.Equal(t, http.StatusForbidden, upload(c.h, "/api/v1/corps/wwa/stores/import", "stores.csv", file, sam...).Code)
		bob := c.login(t, "wwb", "bob")
		assert.Equal(t, http.StatusForbidden, upload(c.h, "/api/v1/corps/wwa/stores/import", "stores.csv", file, bob...).Code)
	})
}

// upload posts content as the multipart form field "file".
func upload(h http.Handler, path, name, content string, hdr ...string) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}
