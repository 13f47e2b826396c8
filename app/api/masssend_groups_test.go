package api_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// A group send chosen by tag through the JSON API: the audience keeps its
// selection, and the preview counts the tagged live groups per owner, by
// name.
func TestMassSendGroupsAPI(t *testing.T) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) {
			w := newMassWorld(t, c.driver, c.redis)
			corp, now := w.Corp.ID, time.Now().UTC()
			var chats []string
			for i := range 5 {
				g := app.Group{CorpID: corp, ChatID: fmt.Sprint("wrAPI", i), Name: fmt.Sprint("福利群", i), Owner: []string{"g1", "g2"}[i%2], CreateTime: &now}
				require.NoError(t, w.Stores.Directory.SyncGroup(w.ctx, &g, nil, now))
				chats = append(chats, g.ChatID)
			}
			tag := &app.GroupTag{CorpID: corp, Name: "周末活动"}
			require.NoError(t, w.GroupTags.CreateTag(w.ctx, tag))
			require.NoError(t, w.GroupTags.Tag(w.ctx, corp, chats[:4], []int64{tag.ID}))
			var ms struct {
				ID       int64 `json:"id"`
				Audience struct {
					Kind   string             `json:"kind"`
					Groups app.GroupSelection `json:"groups"`
				} `json:"audience"`
			}
			body := fmt.Sprintf(`{"name":"按标签群发","chat_type":"group","text":"周末福利","draft":true,"audience":{"kind":"groups","groups":{"tag_ids":[%d]}}}`, tag.ID)
			w.call(t, "POST", "/mass-sends", body, http.StatusCreated, &ms)
			assert.Equal(t, app.AudienceGroups, ms.Audience.Kind)
			assert.Equal(t, []int64{tag.ID}, ms.Audience.Groups.TagIDs)
			var pv struct {
				Targeted int64 `json:"targeted"`
				Guides   []struct {
					Name       string `json:"name"`
					Recipients int64  `json:"recipients"`
				} `json:"guides"`
			}
			w.call(t, "GET", fmt.Sprintf("/mass-sends/%d/preview", ms.ID), "", http.StatusOK, &pv)
			assert.EqualValues(t, 4, pv.Targeted)
			got := map[string]int64{}
			for _, g := range pv.Guides {
				got[g.Name] = g.Recipients
			}
			assert.Equal(t, map[string]int64{"李导购": 2, "赵导购": 2}, got)
		})
	}
}
