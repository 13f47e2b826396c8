package member_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// keys lists the kinds and values member id holds, phones masked.
func (f *fixture) keys(t *testing.T, id int64) map[string]string {
	m := f.find(t, id)
	ks, err := f.svc.Keys(f.ctx, f.corp, m)
	require.NoError(t, err)
	out := map[string]string{}
	for _, k := range ks {
		out[k.Kind] = k.Value
	}
	return out
}

// A mini-program sign-up (openid, unionid) and the POS record of the same
// person (member number, then the same unionid) become one member; the
// split puts both back as they were.
func TestMergeOnUnionIDAndSplit(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		mini := f.upsert(t, member.Input{OpenIDs: []string{"o-mini-1"}, UnionID: "u-1", Name: "小程序用户"})
		pos := f.upsert(t, member.Input{MemberNo: "M100", Phone: "13800000001", Tier: "银卡"})
		res := f.upsert(t, member.Input{MemberNo: "M100", UnionID: "u-1"})
		assert.Equal(t, pos.MemberID, res.MemberID, "the member number decides the record")
		assert.Equal(t, []int64{mini.MemberID}, res.Merged)
		assert.Empty(t, res.Reviews)

		survivor, merged := f.find(t, pos.MemberID), f.find(t, mini.MemberID)
		assert.Equal(t, "小程序用户", survivor.Name, "filled from the merged record")
		assert.Equal(t, "银卡", survivor.Tier)
		assert.Equal(t, app.MemberMerged, merged.Status)
		assert.Equal(t, map[string]string{app.KeyMemberNo: "M100", app.KeyUnionID: "u-1", app.KeyOpenID: "o-mini-1", app.KeyPhone: "138****0001"},
			f.keys(t, pos.MemberID))
		got, err := f.svc.Lookup(f.ctx, f.corp, "", app.KeyOpenID, "o-mini-1")
		require.NoError(t, err)
		assert.Equal(t, pos.MemberID, got.ID)
		old, err := f.svc.Find(f.ctx, f.corp, mini.MemberID)
		require.NoError(t, err)
		assert.Equal(t, pos.MemberID, old.ID, "a merged id still finds the person")
		assert.Equal(t, member.Unchanged, f.upsert(t, member.Input{MemberNo: "M100", UnionID: "u-1"}).Outcome)

		merges, err := f.core.Stores.Members.MergesOf(f.ctx, f.corp, pos.MemberID)
		require.NoError(t, err)
		require.Len(t, merges, 1)
		require.NoError(t, f.svc.Split(f.ctx, f.corp, merges[0].ID))
		survivor, merged = f.find(t, pos.MemberID), f.find(t, mini.MemberID)
		assert.Equal(t, app.MemberActive, merged.Status)
		assert.Nil(t, merged.MergedInto)
		assert.Equal(t, "", survivor.Name, "what the merge filled is emptied again")
		assert.Equal(t, "", survivor.UnionID)
		assert.Equal(t, map[string]string{app.KeyMemberNo: "M100", app.KeyPhone: "138****0001"}, f.keys(t, pos.MemberID))
		assert.Equal(t, map[string]string{app.KeyUnionID: "u-1", app.KeyOpenID: "o-mini-1"}, f.keys(t, mini.MemberID))
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(f.svc.Split(f.ctx, f.corp, merges[0].ID)), "a split happens once")
		assert.Equal(t, []string{"member.merge by user:1", "member.split by user:1"}, f.actions(t, pos.MemberID))
	})
}

// Two member numbers behind one unionid are two records until an
// operator says otherwise; the same data sent again does not ask twice.
func TestConflictGoesToReview(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.upsert(t, member.Input{MemberNo: "A1", UnionID: "u-9"})
		b := f.upsert(t, member.Input{MemberNo: "B2", UnionID: "u-9", Name: "乙"})
		assert.Equal(t, member.Created, b.Outcome)
		assert.NotEqual(t, a.MemberID, b.MemberID)
		require.Len(t, b.Reviews, 1)
		assert.Empty(t, f.upsert(t, member.Input{MemberNo: "B2", UnionID: "u-9", Name: "乙"}).Reviews)
		assert.Equal(t, map[string]string{app.KeyMemberNo: "B2"}, f.keys(t, b.MemberID), "the clashing key stays where it was")

		reviews, _, err := f.core.Stores.Members.ListReviews(f.ctx, f.corp, app.ReviewOpen, app.Page{})
		require.NoError(t, err)
		require.Len(t, reviews, 1)
		assert.Equal(t, b.MemberID, reviews[0].MemberID)
		assert.Equal(t, a.MemberID, reviews[0].OtherID)
		assert.Contains(t, reviews[0].Reason, "会员号不同")

		mg, err := f.svc.MergeReviewed(f.ctx, f.corp, reviews[0].ID, true)
		require.NoError(t, err)
		assert.Equal(t, a.MemberID, mg.SurvivorID, "the operator chose to keep the other record")
		assert.Equal(t, app.MemberMerged, f.find(t, b.MemberID).Status)
		_, err = f.svc.MergeReviewed(f.ctx, f.corp, reviews[0].ID, true)
		assert.Equal(t, app.ECONFLICT, app.ErrorCode(err), "a review is decided once")
	})
}

// A verified phone merges; an unverified one only asks.
func TestPhoneMergesOnlyWhenVerified(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		pos := f.upsert(t, member.Input{MemberNo: "P1", Phone: "13800000002"})
		guess := f.upsert(t, member.Input{OpenIDs: []string{"o-2"}, Phone: "13800000002"})
		assert.NotEqual(t, pos.MemberID, guess.MemberID)
		assert.Len(t, guess.Reviews, 1)
		sure := f.upsert(t, member.Input{OpenIDs: []string{"o-3"}, Phone: "138 0000 0002", PhoneVerified: true})
		assert.Equal(t, pos.MemberID, sure.MemberID, "a verified phone finds the record")
		assert.Equal(t, app.KeyOpenID, firstKind(f.keys(t, pos.MemberID), app.KeyOpenID))
		assert.True(t, f.find(t, pos.MemberID).PhoneVerified)
	})
}

func firstKind(keys map[string]string, kind string) string {
	if _, ok := keys[kind]; ok {
		return kind
	}
	return ""
}

// actions lists the audit actions recorded on member id, oldest first.
func (f *fixture) actions(t *testing.T, id int64) []string {
	es, err := f.core.Stores.Audit.ListAudit(f.ctx, app.AuditFilter{CorpID: f.corp, TargetType: "member", TargetID: itoa(id)})
	require.NoError(t, err)
	var out []string
	for i := len(es) - 1; i >= 0; i-- {
		out = append(out, es[i].Action+" by "+es[i].Actor)
	}
	return out
}
