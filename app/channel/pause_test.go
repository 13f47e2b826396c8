package channel_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A paused channel's contact way routes to its backup guide alone (WeCom
// cannot switch a contact way off), edits and the periodic routing keep it
// so, and resuming routes it to its guides again; each step is audited.
// Without an active backup, or for a guide's own code, pausing is refused.
func TestPauseChannel(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		c := f.storeChannel()
		c.Members, c.BackupUserID, c.DailyCap = c.Members[:2], "g3", 0
		require.NoError(t, f.svc.CreateChannel(f.ctx, c))
		users := func() []string {
			t.Helper()
			cw, ok := f.way(t, c.ConfigID)
			require.True(t, ok)
			return cw.Users
		}
		require.Equal(t, []string{"g1", "g2"}, users())

		paused, err := f.svc.PauseChannel(f.ctx, f.corp.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, app.ChannelPaused, paused.Status)
		assert.Equal(t, []string{"g3"}, users(), "only the backup takes customers")
		_, err = f.svc.PauseChannel(f.ctx, f.corp.ID, c.ID)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))

		require.NoError(t, f.svc.SyncChannelMembers(f.ctx, f.corp.ID, at(5, 10, 0)))
		require.NoError(t, f.svc.SyncChannel(f.ctx, f.corp.ID, c.ID, at(5, 10, 0)))
		assert.Equal(t, []string{"g3"}, users(), "shift and cap routing leave a paused code alone")
		routed, err := f.svc.RoutedTo(f.ctx, f.corp.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, []string{"g3"}, routed, "the console shows whom it routes to")
		up := f.storeChannel()
		up.ID, up.Members, up.BackupUserID, up.Name = c.ID, c.Members, "g3", "改名后"
		require.NoError(t, f.svc.UpdateChannel(f.ctx, up))
		assert.Equal(t, []string{"g3"}, users(), "an edit keeps it paused")
		up.BackupUserID = ""
		assert.Equal(t, app.EINVALID, app.ErrorCode(f.svc.UpdateChannel(f.ctx, up)), "a paused code keeps its backup")

		resumed, err := f.svc.ResumeChannel(f.ctx, f.corp.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, app.ChannelActive, resumed.Status)
		assert.Equal(t, []string{"g1", "g2"}, users())
		_, err = f.svc.ResumeChannel(f.ctx, f.corp.ID, c.ID)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err))
		assert.Equal(t, []string{"channel.create by user:1", "channel.pause by user:1", "channel.update by user:1", "channel.resume by user:1"},
			f.actions(t, c.ID))

		bare := f.storeChannel()
		bare.Name = "无备用"
		require.NoError(t, f.svc.CreateChannel(f.ctx, bare))
		_, err = f.svc.PauseChannel(f.ctx, f.corp.ID, bare.ID)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		assert.Contains(t, app.ErrorMessage(err), "备用导购")
		guide := &app.Channel{CorpID: f.corp.ID, Name: "g4 的名片", Kind: app.ChannelGuide, Members: []app.ChannelMember{{UserID: "g4"}}}
		require.NoError(t, f.svc.CreateChannel(f.ctx, guide))
		_, err = f.svc.PauseChannel(f.ctx, f.corp.ID, guide.ID)
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	})
}
