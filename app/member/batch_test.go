package member_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/member"
	"github.com/siyu-scrm/siyu/app/testkit"
)

func batch(n int) []member.Input {
	ins := make([]member.Input, n)
	for i := range ins {
		ins[i] = member.Input{MemberNo: fmt.Sprintf("B%04d", i), Name: fmt.Sprintf("会员%d", i), Phone: fmt.Sprintf("1390000%04d", i)}
	}
	return ins
}

// A batch of 1,000 lands whole; sent again it changes nothing; a batch
// with bad rows names every one and writes none.
func TestUpsertBatch(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ins := batch(member.MaxBatch)
		res, err := f.svc.UpsertBatch(f.ctx, f.corp, ins)
		require.NoError(t, err)
		require.Len(t, res, member.MaxBatch)
		for _, r := range res {
			require.Equal(t, member.Created, r.Outcome)
		}
		res, err = f.svc.UpsertBatch(f.ctx, f.corp, ins)
		require.NoError(t, err)
		for _, r := range res {
			require.Equal(t, member.Unchanged, r.Outcome)
		}

		bad := batch(3)
		bad[0].MemberNo = "NEW-0"
		bad[1].Phone = "12"
		bad[2].Points = ptr(int64(-5))
		_, err = f.svc.UpsertBatch(f.ctx, f.corp, bad)
		require.Equal(t, app.EINVALID, app.ErrorCode(err))
		var fields []string
		for _, fe := range app.ErrorFields(err) {
			fields = append(fields, fe.Field)
		}
		assert.Equal(t, []string{"[1].phone", "[2].points"}, fields)
		_, err = f.svc.Lookup(f.ctx, f.corp, "", app.KeyMemberNo, "NEW-0")
		assert.Equal(t, app.ENOTFOUND, app.ErrorCode(err), "a refused batch writes nothing")

		_, err = f.svc.UpsertBatch(f.ctx, f.corp, batch(member.MaxBatch+1))
		assert.Equal(t, app.EINVALID, app.ErrorCode(err))
	})
}

// Several instances upserting the same new person at once make one
// member.
func TestConcurrentUpsertsMakeOneMember(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		var wg sync.WaitGroup
		ids := make([]int64, 6)
		for i := range ids {
			wg.Go(func() {
				res, err := f.svc.Upsert(f.ctx, f.corp, member.Input{MemberNo: "RACE", UnionID: "u-race", Phone: "13700000000"})
				if assert.NoError(t, err) {
					ids[i] = res.MemberID
				}
			})
		}
		wg.Wait()
		for _, id := range ids {
			assert.Equal(t, ids[0], id)
		}
	})
}

// No table holds a phone number in clear; the masked one is all most
// people see, and an admin's full view is audited.
func TestNoPhoneInClear(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		res := f.upsert(t, member.Input{MemberNo: "C1", Phone: "13812345678", PhoneVerified: true})
		f.upsert(t, member.Input{OpenIDs: []string{"o-c"}, Phone: "13812345678"}) // a review
		other := f.upsert(t, member.Input{UnionID: "u-c", Phone: "13600000000"})
		_, err := f.svc.Merge(f.ctx, f.corp, res.MemberID, other.MemberID)
		require.NoError(t, err)
		phone, err := f.svc.RevealPhone(f.ctx, f.corp, res.MemberID)
		require.NoError(t, err)
		assert.Equal(t, "13812345678", phone)
		assert.Contains(t, f.actions(t, res.MemberID), "member.phone_view by user:1")

		for _, table := range []string{"members", "member_identities", "member_reviews", "member_merges", "audit_entries"} {
			for _, row := range dump(t, d, table) {
				assert.NotContains(t, row, "13812345678", table)
				assert.NotContains(t, row, "13600000000", table)
			}
		}
	})
}

// dump reads every row of table as text.
func dump(t *testing.T, d *db.DB, table string) []string {
	rows, err := d.SQL().Query("SELECT * FROM " + table)
	require.NoError(t, err)
	defer rows.Close()
	cols, err := rows.Columns()
	require.NoError(t, err)
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		require.NoError(t, rows.Scan(ptrs...))
		var b strings.Builder
		for _, v := range vals {
			fmt.Fprintf(&b, "%s|", v)
		}
		out = append(out, b.String())
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, out, table)
	return out
}
