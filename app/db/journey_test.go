package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A step reaching every customer is inserted in batches: every assigned
// customer with a guide gets exactly one fire whatever the batch size
// (the pooled and the guide-less none), and a second insert adds nothing.
func TestJourneyFiresInBatches(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "批次"}
		require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, c))
		now := time.Now().UTC()
		want := 0
		for i := range 11 {
			status, user := app.OwnerAssigned, "g1"
			switch i % 5 {
			case 3:
				status = app.OwnerPool
			case 4:
				user = ""
			default:
				want++
			}
			_, err := d.SQL().Exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)",
				c.ID, fmt.Sprintf("wm%02d", i), user, status, now, now)
			require.NoError(t, err)
		}
		st := db.NewJourneyStore(d)
		j := &app.Journey{CorpID: c.ID, Name: "会员日", Status: app.JourneyActive, Trigger: app.JourneyTrigger{Kind: app.TriggerMemberDay, DayOfMonth: 8},
			Reentry: app.ReentryOccurrence, Steps: []app.JourneyStep{{ID: 1, At: "10:00", Action: app.ActionTask, Content: "x"}}, NextStepID: 2, CatchUpHours: 24}
		require.NoError(t, st.CreateJourney(ctx, j))
		due := app.JourneyDue{Journey: j, StepID: 1, Anchor: time.Date(2027, 3, 8, 0, 0, 0, 0, time.UTC), DueAt: now, Now: now}
		for _, batch := range []int{3, 2, 100} {
			st.SetFireBatch(batch)
			n, err := st.InsertDueFires(ctx, due)
			require.NoError(t, err)
			if batch == 3 {
				assert.EqualValues(t, want, n, "every assigned customer once")
			} else {
				assert.Zero(t, n, "nothing twice (batch %d)", batch)
			}
		}
		fs, _, err := st.ListFires(ctx, c.ID, j.ID, "", app.Page{Limit: 100})
		require.NoError(t, err)
		assert.Len(t, fs, want)
		for _, f := range fs {
			assert.Equal(t, "2027-03", f.Occurrence)
		}
	})
}

// A journey's audience narrows its fires: to customers carrying one of
// its tags, and to those in its segment's latest snapshot (not an older
// one).
func TestJourneyAudience(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "受众"}
		require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, c))
		now := time.Now().UTC()
		exec := func(q string, args ...any) int64 {
			res, err := d.SQL().Exec(q, args...)
			require.NoError(t, err, q)
			id, _ := res.LastInsertId()
			return id
		}
		for i := range 6 {
			exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, status, assigned_at, updated_at) VALUES (?, 0, ?, 'g1', 'assigned', ?, ?)",
				c.ID, fmt.Sprintf("wm%d", i), now, now)
		}
		for _, ext := range []string{"wm1", "wm2", "wm4"} {
			exec("INSERT INTO follow_tags (corp_id, userid, external_userid, tag_id) VALUES (?, 'g1', ?, 'vip')", c.ID, ext)
		}
		seg := exec("INSERT INTO segments (corp_id, name, rule, version, created_by, created_at, updated_at) VALUES (?, '人群', '{}', 2, 'x', ?, ?)", c.ID, now, now)
		for v, exts := range map[int][]string{1: {"wm1", "wm3"}, 2: {"wm2", "wm4", "wm5"}} {
			for _, ext := range exts {
				exec("INSERT INTO segment_members (corp_id, segment_id, version, external_userid) VALUES (?, ?, ?, ?)", c.ID, seg, v, ext)
			}
		}
		st := db.NewJourneyStore(d)
		for _, tc := range []struct {
			name string
			aud  app.JourneyAudience
			want []string
		}{
			{"Tags", app.JourneyAudience{TagIDs: []string{"vip", "other"}}, []string{"wm1", "wm2", "wm4"}},
			{"Segment", app.JourneyAudience{SegmentID: seg}, []string{"wm2", "wm4", "wm5"}},
			{"Both", app.JourneyAudience{SegmentID: seg, TagIDs: []string{"vip"}}, []string{"wm2", "wm4"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				j := &app.Journey{CorpID: c.ID, Name: tc.name, Status: app.JourneyActive, Trigger: app.JourneyTrigger{Kind: app.TriggerMemberDay, DayOfMonth: 8},
					Reentry: app.ReentryOnce, Audience: tc.aud, Steps: []app.JourneyStep{{ID: 1, At: "10:00", Action: app.ActionTask, Content: "x"}}, NextStepID: 2, CatchUpHours: 24}
				require.NoError(t, st.CreateJourney(ctx, j))
				_, err := st.InsertDueFires(ctx, app.JourneyDue{Journey: j, StepID: 1, Anchor: time.Date(2027, 3, 8, 0, 0, 0, 0, time.UTC), DueAt: now, Now: now})
				require.NoError(t, err)
				fs, _, err := st.ListFires(ctx, c.ID, j.ID, "", app.Page{Limit: 100})
				require.NoError(t, err)
				var got []string
				for _, f := range fs {
					got = append(got, f.ExternalUserID)
				}
				assert.ElementsMatch(t, tc.want, got)
			})
		}
	})
}
