package channel_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

var shanghai = time.FixedZone("CST", 8*3600)

// at is a time in the corp's zone (Asia/Shanghai); 2026-01-05 is a Monday.
func at(day, hour, minute int) time.Time {
	return time.Date(2026, 1, day, hour, minute, 0, 0, shanghai)
}

// The contact way of a store channel lists, at each moment, the guides on
// shift and under the daily cap; else the backup; else everyone — never
// no one. Shifts may run past midnight, and caps count per local day.
func TestSyncChannelMembers(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		c := f.storeChannel()
		c.DailyCap, c.BackupUserID = 2, "g3"
		c.Members = []app.ChannelMember{
			{UserID: "g1", Shifts: []app.Shift{{Days: []int{1, 2, 3, 4, 5}, From: 9 * 60, To: 18 * 60}}},
			{UserID: "g2", Shifts: []app.Shift{{Days: []int{5, 6}, From: 22 * 60, To: 2 * 60}}},
		}
		require.NoError(t, f.svc.CreateChannel(f.ctx, c))
		guide := &app.Channel{CorpID: f.corp.ID, Name: "g4 的名片", Kind: app.ChannelGuide, Members: []app.ChannelMember{{UserID: "g4"}}}
		require.NoError(t, f.svc.CreateChannel(f.ctx, guide))

		routes := func(when time.Time) []string {
			t.Helper()
			require.NoError(t, f.svc.SyncChannelMembers(f.ctx, f.corp.ID, when))
			cw, ok := f.way(t, c.ConfigID)
			require.True(t, ok)
			return cw.Users
		}
		for _, tc := range []struct {
			name string
			when time.Time
			want []string
		}{
			{"MondayDayShift", at(5, 10, 0), []string{"g1"}},
			{"MondayEveningNobodyBackup", at(5, 20, 0), []string{"g3"}},
			{"FridayDay", at(9, 10, 0), []string{"g1"}},
			{"FridayNightShiftStarts", at(9, 23, 0), []string{"g2"}},
			{"FridayShiftPastMidnight", at(10, 1, 59), []string{"g2"}},
			{"ShiftEndExclusive", at(10, 2, 0), []string{"g3"}},
			{"SaturdayNight", at(10, 22, 30), []string{"g2"}},
			{"SaturdayShiftIntoSunday", at(11, 1, 30), []string{"g2"}},
			{"SundayMorning", at(11, 3, 0), []string{"g3"}},
		} {
			t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, routes(tc.when)) })
		}

		t.Run("NoCallWhenUnchanged", func(t *testing.T) {
			routes(at(12, 10, 0))
			n := len(f.sc.CallsTo("externalcontact/update_contact_way"))
			assert.Equal(t, []string{"g1"}, routes(at(12, 11, 0)))
			assert.Len(t, f.sc.CallsTo("externalcontact/update_contact_way"), n)
		})
		t.Run("CapReachedGoesToBackup", func(t *testing.T) {
			f.setAdds(t, c.ID, "g1", "2026-01-09", 1)
			assert.Equal(t, []string{"g1"}, routes(at(9, 17, 0)), "under the cap")
			f.setAdds(t, c.ID, "g1", "2026-01-09", 2)
			assert.Equal(t, []string{"g3"}, routes(at(9, 17, 0)))
			assert.Equal(t, []string{"g1"}, routes(at(12, 17, 0)), "another day, another count")
		})
		t.Run("NeverEmpty", func(t *testing.T) {
			f.leave(t, "g3")
			assert.Equal(t, []string{"g1", "g2"}, routes(at(9, 17, 0)), "capped, no backup: everyone")
			assert.Equal(t, []string{"g1", "g2"}, routes(at(5, 20, 0)), "off shift, no backup: everyone")
		})
		t.Run("CapsCountPerLocalDay", func(t *testing.T) {
			f.setAdds(t, c.ID, "g2", "2026-01-09", 2)
			assert.Equal(t, []string{"g1", "g2"}, routes(at(9, 23, 0)), "g2 capped on Friday")
			// Saturday 00:30 in Shanghai is still Friday in UTC.
			assert.Equal(t, []string{"g2"}, routes(at(10, 0, 30)), "a fresh count after local midnight")
		})
		t.Run("GuideWhoLeftIsDropped", func(t *testing.T) {
			f.leave(t, "g2")
			assert.Equal(t, []string{"g1"}, routes(at(10, 0, 30)), "nobody available: the active members")
		})
		cw, _ := f.way(t, guide.ConfigID)
		assert.Equal(t, []string{"g4"}, cw.Users, "a guide's own code is never rerouted")
	})
}

// SyncChannel routes one channel at once, for the assignment engine after
// a guide reaches the cap; others wait for their periodic sync.
func TestSyncChannel(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a, b := f.storeChannel(), f.storeChannel()
		a.DailyCap, b.DailyCap = 1, 1
		for _, c := range []*app.Channel{a, b} {
			require.NoError(t, f.svc.CreateChannel(f.ctx, c))
		}
		now := at(6, 12, 0)
		require.NoError(t, f.svc.SyncChannelMembers(f.ctx, f.corp.ID, now))
		day := app.CapDay(now, shanghai)
		assert.Equal(t, "2026-01-06", day)
		f.setAdds(t, a.ID, "g2", day, 1)
		f.setAdds(t, b.ID, "g2", day, 1)
		require.NoError(t, f.svc.SyncChannel(f.ctx, f.corp.ID, a.ID, now))
		cw, _ := f.way(t, a.ConfigID)
		assert.Equal(t, []string{"g1", "g3"}, cw.Users)
		cw, _ = f.way(t, b.ConfigID)
		assert.Equal(t, []string{"g1", "g2", "g3"}, cw.Users, "not this one yet")
		require.NoError(t, f.svc.Maintain(f.ctx, now))
		cw, _ = f.way(t, b.ConfigID)
		assert.Equal(t, []string{"g1", "g3"}, cw.Users, "the periodic pass")
	})
}

// setAdds writes what the assignment engine counts: a guide's adds
// through a channel on a corp-local day.
func (f *fixture) setAdds(t *testing.T, channelID int64, userID, day string, n int) {
	t.Helper()
	_, err := f.d.SQL().Exec("DELETE FROM guide_daily_adds WHERE corp_id = ? AND channel_id = ? AND userid = ? AND day = ?", f.corp.ID, channelID, userID, day)
	require.NoError(t, err)
	_, err = f.d.SQL().Exec("INSERT INTO guide_daily_adds (corp_id, channel_id, userid, day, adds) VALUES (?, ?, ?, ?, ?)", f.corp.ID, channelID, userID, day, n)
	require.NoError(t, err)
}

// leave marks a guide left.
func (f *fixture) leave(t *testing.T, userID string) {
	t.Helper()
	o := f.graph.Org
	g, err := db.NewOrgStore(f.d).FindGuideByUserID(f.ctx, f.corp.ID, userID)
	require.NoError(t, err)
	require.NoError(t, o.LeaveGuide(f.ctx, f.corp.ID, g.ID))
}
