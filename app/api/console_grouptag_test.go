package api_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// 群标签 in the console: create a tag, give a group tags by name (an
// unknown name refused with its reason shown), see them by group name,
// delete the tag.
func TestConsoleGroupTags(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		ctx, now := context.Background(), time.Now().UTC()
		require.NoError(t, db.NewDirectoryStore(d).SyncGroup(ctx, &app.Group{CorpID: c.corp.ID, ChatID: "wrG1", Name: "徐汇福利群", Owner: "g1", CreateTime: &now}, nil, now))
		olga := c.signIn(t, "olga")
		assert.Contains(t, olga.get(t, "/console/group-tags", http.StatusOK), "还没有群标签")
		w := olga.post(t, "/console/group-tags", url.Values{"name": {"高净值"}, "group_name": {"价值"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		w = olga.post(t, "/console/group-tags/groups/wrG1", url.Values{"tags": {"高净值，不存在"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		flash, _ := url.QueryUnescape(w.Header().Get("Set-Cookie"))
		assert.Contains(t, flash, "群标签「不存在」不存在")
		w = olga.post(t, "/console/group-tags/groups/wrG1", url.Values{"tags": {"高净值"}})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		page := olga.get(t, "/console/group-tags", http.StatusOK)
		assert.Contains(t, page, "徐汇福利群")
		assert.Contains(t, page, `value="高净值"`)
		ts, err := c.g.GroupTags.List(ctx, c.corp.ID)
		require.NoError(t, err)
		require.Len(t, ts, 1)
		assert.EqualValues(t, 1, ts[0].Chats)
		w = olga.post(t, "/console/group-tags/"+itoa(ts[0].ID)+"/delete", url.Values{})
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Contains(t, olga.get(t, "/console/group-tags", http.StatusOK), "还没有群标签")
	})
}
