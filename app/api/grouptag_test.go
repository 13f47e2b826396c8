package api_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Group tags through the API: create with every refusal at once, bulk
// tag naming unknown groups, set a group's tags by name, the SOP count by
// tag_ids, and delete refused while a SOP selects the tag.
func TestGroupTagAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		base := "/api/v1/corps/wwa/group-tags"
		dir, now := db.NewDirectoryStore(d), time.Now().UTC()
		for i := range 3 {
			g := &app.Group{CorpID: c.corpA, ChatID: fmt.Sprint("wr", i), Name: fmt.Sprint("群", i), Owner: "g1", CreateTime: &now}
			require.NoError(t, dir.SyncGroup(context.Background(), g, nil, now))
		}
		w := send(c.h, "POST", base, `{"name":"","group_name":"`+strings.Repeat("类", 33)+`"}`, olga...)
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "请填写标签名称")
		assert.Contains(t, w.Body.String(), "标签组名称最多 32 个字")
		w = send(c.h, "POST", base, `{"name":"高净值","group_name":"价值"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		id := decode[map[string]any](t, w)["id"]
		w = send(c.h, "POST", base+"/tag", fmt.Sprintf(`{"chat_ids":["wr0","wr1","wrX"],"tag_ids":[%v]}`, id), olga...)
		require.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "客户群 wrX 不存在")
		w = send(c.h, "POST", base+"/tag", fmt.Sprintf(`{"chat_ids":["wr0","wr1"],"tag_ids":[%v]}`, id), olga...)
		require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())
		w = send(c.h, "PUT", "/api/v1/corps/wwa/groups/wr2/tags", `{"names":["高净值"]}`, olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		w = send(c.h, "POST", base+"/untag", fmt.Sprintf(`{"chat_ids":["wr0"],"tag_ids":[%v]}`, id), olga...)
		require.Equal(t, http.StatusNoContent, w.Code, w.Body.String())
		w = send(c.h, "GET", base, "", olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, float64(2), decode[map[string]any](t, w)["items"].([]any)[0].(map[string]any)["chats"])
		w = send(c.h, "POST", "/api/v1/corps/wwa/group-sops/count", fmt.Sprintf(`{"tag_ids":[%v]}`, id), olga...)
		require.Equal(t, http.StatusOK, w.Code, w.Body.String())
		assert.Equal(t, float64(2), decode[map[string]any](t, w)["groups"])
		w = send(c.h, "POST", "/api/v1/corps/wwa/group-sops", fmt.Sprintf(`{"name":"高净值关怀","selection":{"tag_ids":[%v]},"steps":[{"kind":"weekly","weekday":1,"at":"09:00","content":"早安"}]}`, id), olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		w = send(c.h, "DELETE", fmt.Sprintf("%s/%v", base, id), "", olga...)
		require.Equal(t, http.StatusConflict, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), "高净值关怀")
	})
}
