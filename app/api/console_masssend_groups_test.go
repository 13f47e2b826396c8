package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
)

// The console's 群发 to customer groups: the form offers owners by name
// and group tags; a send to 李导购's groups tagged 周末活动 is previewed
// with only those groups, counted under their owner's name.
func TestConsoleMassSendToGroups(t *testing.T) {
	eachMassWorld(t, func(t *testing.T, w *massWorld) {
		corp, now := w.Corp.ID, time.Now().UTC()
		var chats []string
		for i := range 6 {
			g := app.Group{CorpID: corp, ChatID: fmt.Sprint("wrC", i), Name: fmt.Sprint("福利群", i), Owner: []string{"g1", "g2"}[i%2], CreateTime: &now}
			require.NoError(t, w.Stores.Directory.SyncGroup(w.ctx, &g, nil, now))
			chats = append(chats, g.ChatID)
		}
		tag := &app.GroupTag{CorpID: corp, Name: "周末活动"}
		require.NoError(t, w.GroupTags.CreateTag(w.ctx, tag))
		require.NoError(t, w.GroupTags.Tag(w.ctx, corp, chats[:5], []int64{tag.ID}))
		olga := w.signIn(t, "olga", app.RoleOperator)
		form := olga.get(t, "/console/mass-sends/new", http.StatusOK)
		assert.Contains(t, form, "发送到客户群")
		assert.Contains(t, form, "周末活动")
		assert.Contains(t, form, "李导购")
		r := olga.post(t, "/console/mass-sends/new", url.Values{"name": {"群福利"}, "kind": {"groups"}, "group_owners": {"g1"},
			"group_tags": {fmt.Sprint(tag.ID)}, "text": {"周末福利"}, "when": {"now"}, "holdout": {"0"}})
		require.Equal(t, http.StatusSeeOther, r.Code, r.Body.String())
		page := olga.get(t, r.Header().Get("Location"), http.StatusOK)
		assert.Regexp(t, `(?s)李导购</td><td class="num pv-recipients">3<`, page) // wrC0, wrC2, wrC4
		assert.NotContains(t, page, "赵导购")
	})
}
