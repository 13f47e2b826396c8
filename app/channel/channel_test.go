package channel_test

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

var stateForm = regexp.MustCompile(`^c[a-z2-7]{16}$`)

// Creating, editing and deleting a channel does the same to its contact
// way in WeCom, and each change is audited.
func TestChannelLifecycle(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		c := f.storeChannel()
		require.NoError(t, f.svc.CreateChannel(f.ctx, c))
		assert.Regexp(t, stateForm, c.State)
		assert.Equal(t, app.ChannelActive, c.Status)
		require.NotEmpty(t, c.ConfigID)
		cw, ok := f.way(t, c.ConfigID)
		require.True(t, ok, "the contact way exists in WeCom")
		assert.Equal(t, c.State, cw.State)
		assert.Equal(t, 2, cw.Type, "several guides")
		assert.Equal(t, 2, cw.Scene, "a QR code")
		assert.True(t, cw.SkipVerify)
		assert.Equal(t, []string{"g1", "g2", "g3"}, cw.Users)
		assert.Equal(t, "徐汇店门口", cw.Remark)
		assert.Equal(t, cw.QRCode, c.QRCode)
		assert.Equal(t, []string{"channel.create by user:1"}, f.actions(t, c.ID))

		got, err := f.svc.FindChannel(f.ctx, f.corp.ID, c.ID)
		require.NoError(t, err)
		assert.Equal(t, []string{"g1", "g2", "g3"}, []string{got.Members[0].UserID, got.Members[1].UserID, got.Members[2].UserID})
		assert.Equal(t, "欢迎光临{门店}，我是{导购}", got.Welcome.Text)
		assert.Equal(t, []string{"et1"}, got.TagIDs)
		byState, err := f.svc.FindChannelByState(f.ctx, f.corp.ID, c.State)
		require.NoError(t, err)
		assert.Equal(t, c.ID, byState.ID)

		t.Run("Update", func(t *testing.T) {
			up := f.storeChannel()
			up.ID, up.Name, up.SkipVerify = c.ID, "徐汇店收银台", false
			up.Members = []app.ChannelMember{{UserID: "g3"}, {UserID: "g1"}}
			require.NoError(t, f.svc.UpdateChannel(f.ctx, up))
			cw, ok := f.way(t, c.ConfigID)
			require.True(t, ok)
			assert.Equal(t, c.State, cw.State, "the code stays")
			assert.Equal(t, []string{"g3", "g1"}, cw.Users)
			assert.False(t, cw.SkipVerify)
			assert.Equal(t, "徐汇店收银台", cw.Remark)
			got, err := f.svc.FindChannel(f.ctx, f.corp.ID, c.ID)
			require.NoError(t, err)
			assert.Equal(t, "徐汇店收银台", got.Name)
			assert.Len(t, got.Members, 2)
			assert.Equal(t, []string{"channel.create by user:1", "channel.update by user:1"}, f.actions(t, c.ID))
		})
		t.Run("ErrKindIsFixed", func(t *testing.T) {
			up := f.storeChannel()
			up.ID, up.Kind = c.ID, app.ChannelCampaign
			assert.Equal(t, []app.FieldError{{Field: "kind", Reason: "渠道类型创建后不能修改"}}, app.ErrorFields(f.svc.UpdateChannel(f.ctx, up)))
		})
		t.Run("WeComRefusalWritesNothing", func(t *testing.T) {
			f.sc.InjectFault("externalcontact/update_contact_way", sandboxFault(60111))
			up := f.storeChannel()
			up.ID, up.Name = c.ID, "不会保存"
			require.Error(t, f.svc.UpdateChannel(f.ctx, up))
			got, err := f.svc.FindChannel(f.ctx, f.corp.ID, c.ID)
			require.NoError(t, err)
			assert.Equal(t, "徐汇店收银台", got.Name)
			assert.Len(t, f.actions(t, c.ID), 2)
		})
		t.Run("Delete", func(t *testing.T) {
			require.NoError(t, f.svc.DeleteChannel(f.ctx, f.corp.ID, c.ID))
			_, ok := f.way(t, c.ConfigID)
			assert.False(t, ok, "the contact way is gone from WeCom")
			got, err := f.svc.FindChannel(f.ctx, f.corp.ID, c.ID)
			require.NoError(t, err, "the row stays for the customers it brought")
			assert.Equal(t, app.ChannelDeleted, got.Status)
			list, _, err := f.svc.ListChannels(f.ctx, f.corp.ID, app.Page{})
			require.NoError(t, err)
			assert.Empty(t, list)
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(f.svc.DeleteChannel(f.ctx, f.corp.ID, c.ID)))
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(f.svc.UpdateChannel(f.ctx, f.storeChannelWithID(c.ID))))
			assert.Equal(t, "channel.delete by user:1", f.actions(t, c.ID)[2])
		})
	})
}

// Each kind of channel makes the contact way its routing needs.
func TestChannelKinds(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		guide := &app.Channel{CorpID: f.corp.ID, Name: "小王的名片", Kind: app.ChannelGuide, Members: []app.ChannelMember{{UserID: "g4"}}}
		online := &app.Channel{CorpID: f.corp.ID, Name: "公众号菜单", Kind: app.ChannelOnline, SkipVerify: true, City: "上海",
			Latitude: ptr[int64](31230416), Longitude: ptr[int64](121473701), Members: []app.ChannelMember{{UserID: "o1"}, {UserID: "g4"}}}
		campaign := &app.Channel{CorpID: f.corp.ID, Name: "静安店开业", Kind: app.ChannelCampaign, StoreID: &f.jingan, SkipVerify: true,
			Pick: app.PickLeastLoaded, Members: []app.ChannelMember{{UserID: "g4"}}}
		for _, c := range []*app.Channel{guide, online, campaign} {
			require.NoError(t, f.svc.CreateChannel(f.ctx, c), c.Name)
		}
		cw, _ := f.way(t, guide.ConfigID)
		assert.Equal(t, 1, cw.Type, "a guide's own code")
		assert.Equal(t, []string{"g4"}, cw.Users)
		assert.False(t, cw.SkipVerify)
		cw, _ = f.way(t, online.ConfigID)
		assert.Equal(t, 2, cw.Type)
		assert.Equal(t, []string{"o1", "g4"}, cw.Users)
		cw, _ = f.way(t, campaign.ConfigID)
		assert.Equal(t, campaign.State, cw.State)

		list, next, err := f.svc.ListChannels(f.ctx, f.corp.ID, app.Page{Limit: 2})
		require.NoError(t, err)
		require.Len(t, list, 2)
		assert.Equal(t, guide.ID, list[0].ID)
		rest, _, err := f.svc.ListChannels(f.ctx, f.corp.ID, app.Page{After: next})
		require.NoError(t, err)
		require.Len(t, rest, 1)
		assert.Equal(t, campaign.ID, rest[0].ID)
		assert.Equal(t, []string{"g4"}, []string{rest[0].Members[0].UserID})

		t.Run("ErrNotFoundInAnotherCorp", func(t *testing.T) {
			_, err := f.svc.FindChannel(f.ctx, f.other.ID, guide.ID)
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(f.svc.DeleteChannel(f.ctx, f.other.ID, guide.ID)))
			list, _, err := f.svc.ListChannels(f.ctx, f.other.ID, app.Page{})
			require.NoError(t, err)
			assert.Empty(t, list)
			_, ok := f.way(t, guide.ConfigID)
			assert.True(t, ok)
		})
	})
}

// WeCom refusing the contact way leaves no channel behind.
func TestCreateRefusedByWeCom(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		c := &app.Channel{CorpID: f.corp.ID, Name: "没开客户联系", Kind: app.ChannelGuide, Members: []app.ChannelMember{{UserID: "nc"}}}
		err := f.svc.CreateChannel(f.ctx, c)
		require.Error(t, err)
		assert.NotEqual(t, app.EUNAVAILABLE, app.ErrorCode(err), "%v", err)
		var n int64
		require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM channels").Scan(&n))
		assert.Zero(t, n, "the reserved row is dropped")
		assert.Empty(t, f.sc.Snapshot().ContactWays)
	})
}

func (f *fixture) storeChannelWithID(id int64) *app.Channel {
	c := f.storeChannel()
	c.ID = id
	return c
}
