package channel_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// Bad input is refused field by field, in Chinese, before WeCom is called.
func TestChannelValidation(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		many := make([]app.WelcomeAttachment, 10)
		for i := range many {
			many[i] = app.WelcomeAttachment{Type: "image", MediaID: "m"}
		}
		tests := []struct {
			name   string
			edit   func(c *app.Channel)
			field  string
			reason string
		}{
			{"ErrNoName", func(c *app.Channel) { c.Name = "  " }, "name", "渠道名称不能为空"},
			{"ErrKind", func(c *app.Channel) { c.Kind = "poster" }, "kind", "渠道类型应为"},
			{"ErrStoreWithoutStore", func(c *app.Channel) { c.StoreID = nil }, "store_id", "门店活码应指定门店"},
			{"ErrOnlineWithStore", func(c *app.Channel) { c.Kind = app.ChannelOnline }, "store_id", "线上活码不属于门店"},
			{"ErrGuideWithTwo", func(c *app.Channel) { c.Kind, c.StoreID, c.DailyCap = app.ChannelGuide, nil, 0 }, "members", "个人活码应有且只有一位导购"},
			{"ErrNoMembers", func(c *app.Channel) { c.Members = nil }, "members", "至少需要一位导购"},
			{"ErrDuplicateMember", func(c *app.Channel) { c.Members[1].UserID = "g1" }, "members[1].userid", "导购 g1 重复"},
			{"ErrNegativeCap", func(c *app.Channel) { c.DailyCap = -1 }, "daily_cap", "每日上限不能为负数"},
			{"ErrPick", func(c *app.Channel) { c.Pick = "random" }, "pick", "分配方式应为"},
			{"ErrShiftDay", func(c *app.Channel) { c.Members[0].Shifts = []app.Shift{{Days: []int{7}, From: 0, To: 60}} }, "members[0].shifts[0]", "0（周日）到 6（周六）"},
			{"ErrShiftNoDays", func(c *app.Channel) { c.Members[0].Shifts = []app.Shift{{From: 0, To: 60}} }, "members[0].shifts[0]", "至少包含一天"},
			{"ErrShiftFrom", func(c *app.Channel) { c.Members[1].Shifts = []app.Shift{{Days: []int{1}, From: 1440, To: 60}} }, "members[1].shifts[0]", "开始时间"},
			{"ErrShiftTo", func(c *app.Channel) { c.Members[1].Shifts = []app.Shift{{Days: []int{1}, From: 0, To: 1441}} }, "members[1].shifts[0]", "结束时间"},
			{"ErrTooManyAttachments", func(c *app.Channel) { c.Welcome.Attachments = many }, "welcome.attachments", "不能超过9个"},
			{"ErrAttachmentType", func(c *app.Channel) { c.Welcome.Attachments = []app.WelcomeAttachment{{Type: "voice"}} }, "welcome.attachments[0]", "附件类型"},
			{"ErrLinkWithoutURL", func(c *app.Channel) { c.Welcome.Attachments = []app.WelcomeAttachment{{Type: "link", Title: "店铺"}} }, "welcome.attachments[0]", "链接附件"},
			{"ErrWelcomeTooLong", func(c *app.Channel) { c.Welcome.Text = strings.Repeat("欢", 1400) }, "welcome.text", "4000字节"},
			{"ErrCoordinates", func(c *app.Channel) { c.Latitude = ptr[int64](31_000_000) }, "latitude", "同时填写"},
			{"ErrUnknownTag", func(c *app.Channel) { c.TagIDs = []string{"et1", "et9"} }, "tag_ids[1]", "标签 et9 不在企业标签库中"},
			{"ErrGuideLeft", func(c *app.Channel) { c.Members[0].UserID = "g9" }, "members[0].userid", "导购 g9 不是在职导购"},
			{"ErrGuideOfAnotherStore", func(c *app.Channel) { c.Members[2].UserID = "g4" }, "members[2].userid", "导购 g4 不属于该门店"},
			{"ErrNotAGuide", func(c *app.Channel) { c.Members[2].UserID = "stranger" }, "members[2].userid", "不是在职导购"},
			{"ErrBackupLeft", func(c *app.Channel) { c.BackupUserID = "g9" }, "backup_userid", "导购 g9 不是在职导购"},
			{"ErrBackupOfAnotherStore", func(c *app.Channel) { c.BackupUserID = "g4" }, "backup_userid", "不属于该门店"},
			{"ErrStoreOfAnotherCorp", func(c *app.Channel) { c.StoreID = &f.elsewhere }, "store_id", "门店不存在"},
			{"ErrStoreCodeForOnlineTeam", func(c *app.Channel) { c.StoreID, c.Members = &f.online, []app.ChannelMember{{UserID: "o1"}} }, "store_id", "线上活码"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				c := f.storeChannel()
				tt.edit(c)
				err := f.svc.CreateChannel(f.ctx, c)
				require.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
				assert.Contains(t, reasons(app.ErrorFields(err)), tt.field, "%v", err)
				assert.Contains(t, reasons(app.ErrorFields(err))[tt.field], tt.reason)
			})
		}
		var n int64
		require.NoError(t, d.SQL().QueryRow("SELECT COUNT(*) FROM channels").Scan(&n))
		assert.Zero(t, n, "nothing written")
		assert.Empty(t, f.sc.Snapshot().ContactWays, "WeCom never called")
		t.Run("OK", func(t *testing.T) {
			c := f.storeChannel()
			c.BackupUserID = "g3"
			c.Welcome.Attachments = []app.WelcomeAttachment{{Type: "link", Title: "会员中心", URL: "https://example.com"},
				{Type: "miniprogram", Title: "点单", AppID: "wx1", Page: "pages/index", MediaID: "m1"}}
			require.NoError(t, f.svc.CreateChannel(f.ctx, c))
		})
	})
}

func reasons(fs []app.FieldError) map[string]string {
	out := map[string]string{}
	for _, f := range fs {
		out[f.Field] += f.Reason
	}
	return out
}
