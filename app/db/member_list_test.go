package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// memberRows are the list fixture's members: member number, name, tier,
// home store (index into the stores, -1 none), merged.
var memberRows = []struct {
	no, name, tier string
	store          int
	merged         bool
}{
	{"A100", "张三", "金卡", 0, false}, {"A101", "张伟", "银卡", 1, false}, {"B200", "李四", "金卡", 1, false},
	{"B201", "王%五", "", -1, false}, {"", "张_", "金卡", 0, true}, {"C300", "赵六", "银卡", 0, false},
}

// The member list: prefix search on member number and name (pattern
// characters literal), ids found otherwise beside them, tier, home store
// and status filters, newest first, paged; another corp's members never.
func TestListMembers(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		c, other := newCorp(t, d, "ww_members"), newCorp(t, d, "ww_members_other")
		org, s := db.NewOrgStore(d), db.NewMemberStore(d)
		var stores []int64
		for i := range 2 {
			st := &app.Store{CorpID: c.ID, Code: fmt.Sprintf("S%d", i), Name: fmt.Sprintf("门店%d", i), Status: app.StoreOpen}
			require.NoError(t, org.CreateStore(ctx, st))
			stores = append(stores, st.ID)
		}
		ids := map[string]int64{} // by name
		for _, r := range memberRows {
			m := &app.Member{CorpID: c.ID, MemberNo: r.no, Name: r.name, Tier: r.tier, Status: app.MemberActive, Tags: "[]"}
			if r.store >= 0 {
				m.HomeStoreID = &stores[r.store]
			}
			if r.merged {
				m.Status = app.MemberMerged
			}
			require.NoError(t, s.CreateMember(ctx, m))
			ids[r.name] = m.ID
		}
		require.NoError(t, s.CreateMember(ctx, &app.Member{CorpID: other.ID, MemberNo: "A100", Name: "张三", Status: app.MemberActive, Tags: "[]"}))

		tests := []struct {
			name string
			q    app.MemberQuery
			want []string
		}{
			{"All", app.MemberQuery{}, []string{"赵六", "张_", "王%五", "李四", "张伟", "张三"}},
			{"NamePrefix", app.MemberQuery{Q: "张"}, []string{"张_", "张伟", "张三"}},
			{"NumberPrefix", app.MemberQuery{Q: "A10"}, []string{"张伟", "张三"}},
			{"PatternLiteral", app.MemberQuery{Q: "王%"}, []string{"王%五"}},
			{"UnderscoreLiteral", app.MemberQuery{Q: "张_"}, []string{"张_"}},
			{"PercentMatchesNothing", app.MemberQuery{Q: "%"}, nil},
			{"IDsBesideTerm", app.MemberQuery{Q: "B2", IDs: []int64{ids["赵六"]}}, []string{"赵六", "王%五", "李四"}},
			{"IDsAlone", app.MemberQuery{IDs: []int64{ids["张三"]}}, []string{"张三"}},
			{"Tier", app.MemberQuery{Tier: "金卡"}, []string{"张_", "李四", "张三"}},
			{"HomeStore", app.MemberQuery{HomeStoreID: stores[0]}, []string{"赵六", "张_", "张三"}},
			{"Active", app.MemberQuery{Status: app.MemberActive, Tier: "金卡"}, []string{"李四", "张三"}},
			{"Merged", app.MemberQuery{Status: app.MemberMerged}, []string{"张_"}},
			{"Everything", app.MemberQuery{Q: "张", Tier: "金卡", HomeStoreID: stores[0], Status: app.MemberActive}, []string{"张三"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.q.CorpID = c.ID
				list, more, err := s.ListMembers(ctx, tt.q)
				require.NoError(t, err)
				assert.False(t, more)
				var names []string
				for _, m := range list {
					names = append(names, m.Name)
				}
				assert.Equal(t, tt.want, names)
			})
		}
		t.Run("Pages", func(t *testing.T) {
			first, more, err := s.ListMembers(ctx, app.MemberQuery{CorpID: c.ID, Limit: 4})
			require.NoError(t, err)
			assert.True(t, more)
			assert.Len(t, first, 4)
			rest, more, err := s.ListMembers(ctx, app.MemberQuery{CorpID: c.ID, Limit: 4, Offset: 4})
			require.NoError(t, err)
			assert.False(t, more)
			assert.Equal(t, []string{"张伟", "张三"}, []string{rest[0].Name, rest[1].Name})
		})
		t.Run("Tiers", func(t *testing.T) {
			tiers, err := s.MemberTiers(ctx, c.ID)
			require.NoError(t, err)
			assert.ElementsMatch(t, []string{"金卡", "银卡"}, tiers)
		})
	})
}
