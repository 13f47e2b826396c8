package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The members API: upsert (201 then 200), batch all-or-nothing, lookup by
// phone, the phone masked for everyone and in clear for an admin only,
// and the review queue's merge and the split that undoes it.
func TestMemberAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga, alice, sam := c.login(t, "wwa", "olga"), c.login(t, "wwa", "alice"), c.login(t, "wwa", "sam")
		base := "/api/v1/corps/wwa"
		body := `{"member_no":"M1","name":"张三","phone":"13800138000","unionid":"u-1"}`
		w := send(c.h, "POST", base+"/members", body, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		up := decode[map[string]map[string]any](t, w)
		assert.Equal(t, "138****8000", up["member"]["phone"])
		id := fmt.Sprint(up["member"]["id"])
		assert.Equal(t, http.StatusOK, send(c.h, "POST", base+"/members", body, olga...).Code, "the same member again")

		w = send(c.h, "GET", base+"/members/lookup?kind=phone&value=138-0013-8000", "", olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.NotContains(t, w.Body.String(), "13800138000")
		assert.Equal(t, http.StatusForbidden, send(c.h, "GET", base+"/members/"+id, "", sam...).Code, "a store manager reads their store's members only")
		assert.Equal(t, http.StatusForbidden, send(c.h, "GET", base+"/member-reviews", "", sam...).Code)
		assert.Equal(t, http.StatusForbidden, send(c.h, "GET", base+"/members/"+id+"/phone", "", olga...).Code, "operators see the mask")
		w = send(c.h, "GET", base+"/members/"+id+"/phone", "", alice...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Contains(t, w.Body.String(), "13800138000")

		t.Run("BatchAllOrNothing", func(t *testing.T) {
			rows := make([]string, 0, 3)
			for i := range 3 {
				rows = append(rows, fmt.Sprintf(`{"member_no":"N%d","phone":"1390000000%d"}`, i, i))
			}
			rows[1] = `{"member_no":"N1","phone":"1"}`
			w := send(c.h, "POST", base+"/members/batch", `{"members":[`+strings.Join(rows, ",")+`]}`, olga...)
			require.Equal(t, http.StatusBadRequest, w.Code)
			assert.Equal(t, "[1].phone", decodeError(t, w).Fields[0].Field)
			assert.Equal(t, http.StatusNotFound, send(c.h, "GET", base+"/members/lookup?kind=member_no&value=N0", "", olga...).Code)
			rows[1] = `{"member_no":"N1","unionid":"u-1"}`
			w = send(c.h, "POST", base+"/members/batch", `{"members":[`+strings.Join(rows, ",")+`]}`, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			counts := decode[map[string]any](t, w)["counts"]
			assert.Equal(t, map[string]any{"created": 3.0, "updated": 0.0, "unchanged": 0.0}, counts)
		})
		t.Run("ReviewMergeAndSplit", func(t *testing.T) {
			w := send(c.h, "GET", base+"/member-reviews?status=open", "", olga...)
			require.Equal(t, http.StatusOK, w.Code)
			items := decode[map[string][]map[string]any](t, w)["items"]
			require.Len(t, items, 1, "N1 and M1 share unionid u-1 under two member numbers")
			rid := fmt.Sprint(items[0]["id"])
			assert.Equal(t, http.StatusForbidden, send(c.h, "POST", base+"/member-reviews/"+rid+"/merge", "", c.login(t, "wwa", "sam")...).Code)
			w = send(c.h, "POST", base+"/member-reviews/"+rid+"/merge", `{"keep_other":true}`, olga...)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			mg := decode[map[string]any](t, w)
			assert.Equal(t, id, fmt.Sprint(mg["survivor_id"]))
			assert.Equal(t, http.StatusConflict, send(c.h, "POST", base+"/member-reviews/"+rid+"/dismiss", "", olga...).Code)
			split := base + "/member-merges/" + fmt.Sprint(mg["id"]) + "/split"
			assert.Equal(t, http.StatusNoContent, send(c.h, "POST", split, "", olga...).Code)
			assert.Equal(t, http.StatusConflict, send(c.h, "POST", split, "", olga...).Code)
		})
	})
}

// The import answers its report, or the rejected rows as a CSV; operators
// import, store managers do not.
func TestMemberImportAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		file := "会员号,姓名,手机号,积分\nM1,张三,13800138000,10\nM2,李四,138,abc\n"
		w := upload(c.h, "/api/v1/corps/wwa/members/import", "members.csv", file, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, app.ImportReport{Kind: "members", Rows: 2, Created: 1, Rejected: 1, Errors: []app.ImportError{
			{Row: 3, Column: "积分", Reason: "积分应为整数"}, {Row: 3, Column: "手机号", Reason: "手机号格式不正确（应为 11 位中国大陆手机号）"}}},
			decode[app.ImportReport](t, w))
		w = upload(c.h, "/api/v1/corps/wwa/members/import?format=csv", "members.csv", file, olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, `attachment; filename="members-import-report.csv"`, w.Header().Get("Content-Disposition"))
		assert.Equal(t, "\ufeff行号,列,原因\n3,积分,积分应为整数\n3,手机号,手机号格式不正确（应为 11 位中国大陆手机号）\n,,共 2 行：新增 0，更新 0，未变 1，拒绝 1\n", w.Body.String())
		sam := c.login(t, "wwa", "sam")
		assert.Equal(t, http.StatusForbidden, upload(c.h, "/api/v1/corps/wwa/members/import", "members.csv", file, sam...).Code)
	})
}
