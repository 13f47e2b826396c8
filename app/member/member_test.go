package member_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/auth"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// fixture is the members capability on a fresh database with one corp
// and one store.
type fixture struct {
	core *root.Core
	svc  *member.Service
	d    *db.DB
	corp int64
	ctx  context.Context
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	core := root.NewCore(d, testkit.Box(t), auth.Options{})
	corp := &app.Corp{CorpID: "ww_member", Name: "会员测试"}
	require.NoError(t, core.Stores.Corps.CreateCorp(context.Background(), corp))
	ctx := app.WithActor(context.Background(), "user:1")
	require.NoError(t, core.Org.CreateStore(ctx, &app.Store{CorpID: corp.ID, Code: "S01", Name: "徐汇店", Kind: app.StoreKindStore}))
	return &fixture{core: core, svc: core.Member, d: d, corp: corp.ID, ctx: ctx}
}

func (f *fixture) upsert(t *testing.T, in member.Input) *member.Result {
	res, err := f.svc.Upsert(f.ctx, f.corp, in)
	require.NoError(t, err)
	return res
}

func (f *fixture) find(t *testing.T, id int64) *app.Member {
	m, err := f.core.Stores.Members.FindMember(f.ctx, f.corp, id)
	require.NoError(t, err)
	return m
}

func ptr[T any](v T) *T { return &v }

func TestUpsert(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := member.Input{MemberNo: "M001", Name: "张三", Gender: "女", Birthday: "1990-05-01", Tier: "金卡", Points: ptr(int64(120)),
			Phone: "+86 138 0013 8000", HomeStoreCode: "S01", Tags: &[]string{"烘焙爱好者"}}
		res := f.upsert(t, in)
		assert.Equal(t, member.Created, res.Outcome)
		m := f.find(t, res.MemberID)
		assert.Equal(t, "张三", m.Name)
		assert.Equal(t, 2, m.Gender)
		assert.Equal(t, "138****8000", m.PhoneMasked)
		assert.NotContains(t, m.PhoneSealed, "13800138000")
		assert.Equal(t, `["烘焙爱好者"]`, m.Tags)
		require.NotNil(t, m.HomeStoreID)

		t.Run("ResendChangesNothing", func(t *testing.T) {
			again := f.upsert(t, in)
			assert.Equal(t, member.Result{MemberID: res.MemberID, Outcome: member.Unchanged}, *again)
			assert.Equal(t, m.UpdatedAt, f.find(t, res.MemberID).UpdatedAt)
		})
		t.Run("EmptyKeepsAndValuesUpdate", func(t *testing.T) {
			up := f.upsert(t, member.Input{MemberNo: "M001", Tier: "钻石卡", Points: ptr(int64(0))})
			assert.Equal(t, member.Updated, up.Outcome)
			m := f.find(t, res.MemberID)
			assert.Equal(t, "钻石卡", m.Tier)
			assert.Equal(t, int64(0), m.Points)
			assert.Equal(t, "张三", m.Name, "a field not sent keeps its value")
		})
		t.Run("LookupByPhone", func(t *testing.T) {
			got, err := f.svc.Lookup(f.ctx, f.corp, "", app.KeyPhone, "138-0013-8000")
			require.NoError(t, err)
			assert.Equal(t, res.MemberID, got.ID)
			_, err = f.svc.Lookup(f.ctx, f.corp, "", app.KeyPhone, "13900139000")
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
		})
		t.Run("ChangedPhoneStopsFindingTheOldOne", func(t *testing.T) {
			f.upsert(t, member.Input{MemberNo: "M001", Phone: "13900139000"})
			_, err := f.svc.Lookup(f.ctx, f.corp, "", app.KeyPhone, "13800138000")
			assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
			got, err := f.svc.Lookup(f.ctx, f.corp, "", app.KeyPhone, "13900139000")
			require.NoError(t, err)
			assert.Equal(t, res.MemberID, got.ID)
		})
	})
}

// Every refused field is named at once, and nothing is written.
func TestUpsertRefusesEveryBadField(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.svc.Upsert(f.ctx, f.corp, member.Input{MemberNo: "M1", Phone: "12345", Gender: "x", Birthday: "2999-01-01",
			Points: ptr(int64(-1)), HomeStoreCode: "NOPE", Brand: "不存在的品牌"})
		require.Equal(t, app.EINVALID, app.ErrorCode(err), "%v", err)
		var fields []string
		for _, fe := range app.ErrorFields(err) {
			fields = append(fields, fe.Field)
		}
		assert.ElementsMatch(t, []string{"phone", "gender", "birthday", "points", "home_store_code", "brand"}, fields)
		_, err = f.svc.Lookup(f.ctx, f.corp, "", app.KeyMemberNo, "M1")
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))

		_, err = f.svc.Upsert(f.ctx, f.corp, member.Input{Name: "无标识"})
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
