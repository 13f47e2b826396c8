package stats_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit/stack"
	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// endRecord is a contact_ends row as the test reads it.
type endRecord struct {
	UserID, External, By, Key string
	Store                     int64
	At                        time.Time
}

// Relations ending through WeCom's callbacks are recorded once each by
// "stats.end", a callback delivered three times and an event handed to
// the subscriber again (twice at once) included: who ended it, under the
// store of the guide's binding (none for a member who is no guide), at
// the event's time. An on-job transfer's deletion ends nothing.
func TestContactEnds(t *testing.T) {
	for _, c := range []struct{ driver, redis string }{{config.DriverSQLite, config.RedisEmbedded}, {config.DriverMySQL, config.RedisStandalone}} {
		t.Run(c.driver, func(t *testing.T) {
			s := stack.Start(t, sb, stack.Options{Driver: c.driver, RedisMode: c.redis})
			ctx := app.WithActor(context.Background(), "user:1")
			st := &app.Store{CorpID: s.Corp.ID, Code: "S1", Name: "徐汇店", Kind: app.StoreKindStore, Status: app.StoreOpen}
			require.NoError(t, s.Org.CreateStore(ctx, st))
			ext := map[string]string{}
			for i, u := range []string{"g1", "g1", "m2", "g1"} {
				if i == 0 || u == "m2" {
					require.NoError(t, s.SC.AddMember(sandbox.Member{UserID: u, Name: "成员" + u, ContactEnabled: true}))
				}
				a, err := s.SC.CustomerAdds(sandbox.Add{UserID: u, Customer: sandbox.Customer{Name: "客户"}})
				require.NoError(t, err)
				ext[string(rune('a'+i))] = a.ExternalUserID
			}
			require.NoError(t, s.Org.CreateGuide(ctx, &app.Guide{CorpID: s.Corp.ID, UserID: "g1", Name: "导购g1", StoreCode: "S1",
				Role: app.GuideRoleGuide, Status: app.GuideActive}))
			s.Settle(t, 60*time.Second)

			s.SC.DuplicateNext(1, 3)
			require.NoError(t, s.SC.CustomerDeletesMember("g1", ext["a"]))
			require.NoError(t, s.SC.MemberDeletesCustomer("g1", ext["b"], ""))
			require.NoError(t, s.SC.CustomerDeletesMember("m2", ext["c"]))
			require.NoError(t, s.SC.MemberDeletesCustomer("g1", ext["d"], "DELETE_BY_TRANSFER"))
			s.Settle(t, 60*time.Second)

			at := s.SC.Now().UTC().Truncate(time.Second)
			want := []endRecord{{UserID: "g1", External: ext["a"], By: app.EndedByCustomer, Store: st.ID, At: at},
				{UserID: "g1", External: ext["b"], By: app.EndedByGuide, Store: st.ID, At: at},
				{UserID: "m2", External: ext["c"], By: app.EndedByCustomer, At: at}}
			got := contactEnds(t, s)
			assert.Equal(t, want, strip(got))

			ev, err := s.Stores.Inbox.FindEvent(ctx, s.Corp.ID, got[0].Key)
			require.NoError(t, err)
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() { assert.NoError(t, s.Stats.OnEnded(context.Background(), ev), "a redelivery") })
			}
			wg.Wait()
			assert.Equal(t, want, strip(contactEnds(t, s)), "one row per event")
		})
	}
}

// contactEnds reads the corp's contact_ends rows by customer.
func contactEnds(t *testing.T, s *stack.Stack) []endRecord {
	rows, err := s.DB.SQL().Query("SELECT userid, external_userid, ended_by, event_key, store_id, at FROM contact_ends WHERE corp_id = ? ORDER BY external_userid", s.Corp.ID)
	require.NoError(t, err)
	defer rows.Close()
	var out []endRecord
	for rows.Next() {
		var e endRecord
		require.NoError(t, rows.Scan(&e.UserID, &e.External, &e.By, &e.Key, &e.Store, &e.At))
		e.At = e.At.UTC()
		out = append(out, e)
	}
	require.NoError(t, rows.Err())
	return out
}

// strip leaves the event keys out, which the test cannot know.
func strip(es []endRecord) []endRecord {
	out := make([]endRecord, len(es))
	for i, e := range es {
		e.Key = ""
		out[i] = e
	}
	return out
}
