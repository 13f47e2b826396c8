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

// A credit adds once per key, to the record a merged member went into;
// bad credits are refused field by field.
func TestCreditPoints(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ten := int64(10)
		a, err := f.svc.Upsert(f.ctx, f.corp, member.Input{MemberNo: "P1", Name: "甲", Points: &ten})
		require.NoError(t, err)
		c := app.PointsCredit{CorpID: f.corp, MemberID: a.MemberID, Points: 200, Key: "reward:rf:1", Reason: "奖品：积分"}
		for i := range 3 {
			added, err := f.svc.CreditPoints(f.ctx, c)
			require.NoError(t, err)
			assert.Equal(t, i == 0, added)
		}
		m, err := f.svc.Find(f.ctx, f.corp, a.MemberID)
		require.NoError(t, err)
		assert.EqualValues(t, 210, m.Points)

		b, err := f.svc.Upsert(f.ctx, f.corp, member.Input{MemberNo: "P2", Name: "乙"})
		require.NoError(t, err)
		_, err = f.svc.Merge(f.ctx, f.corp, a.MemberID, b.MemberID)
		require.NoError(t, err)
		added, err := f.svc.CreditPoints(f.ctx, app.PointsCredit{CorpID: f.corp, MemberID: b.MemberID, Points: 5, Key: "reward:rf:2"})
		require.NoError(t, err)
		assert.True(t, added)
		m, err = f.svc.Find(f.ctx, f.corp, a.MemberID)
		require.NoError(t, err)
		assert.EqualValues(t, 215, m.Points, "a stale id credits the survivor")

		_, err = f.svc.CreditPoints(f.ctx, app.PointsCredit{CorpID: f.corp, Points: -1})
		assert.Len(t, app.ErrorFields(err), 3, "points, key and member at once")
		_, err = f.svc.CreditPoints(f.ctx, app.PointsCredit{CorpID: f.corp, MemberID: a.MemberID + 999, Points: 1, Key: "k"})
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err))
	})
}
