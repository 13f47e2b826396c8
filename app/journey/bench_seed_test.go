package journey_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
)

// seedJourneyChain makes a corp in Asia/Shanghai with 200 guides and n
// customers: customer i added i%1000 days (and i%1440 minutes) before
// now, owned by guide i%200, and, for even i, a member born on day i%365
// of 1990.
func seedJourneyChain(b *testing.B, d *db.DB, core *root.Core, n int, now time.Time) int64 {
	ctx := app.WithActor(context.Background(), "bench")
	c := &app.Corp{CorpID: testkit.RandomName("ww"), Name: "旅程基准", Timezone: "Asia/Shanghai"}
	require.NoError(b, core.Stores.Corps.CreateCorp(ctx, c))
	st := app.Store{CorpID: c.ID, Code: "S", Name: "门店"}
	require.NoError(b, core.Org.CreateStore(ctx, &st))
	for g := range 200 {
		require.NoError(b, core.Org.CreateGuide(ctx, &app.Guide{CorpID: c.ID, UserID: fmt.Sprintf("g%03d", g), StoreCode: "S"}))
	}
	ts := func(t time.Time) string { return t.UTC().Format("'2006-01-02 15:04:05'") }
	at := ts(now)
	testkit.InsertRows(b, d, n, "follows", "corp_id, userid, external_userid, add_time, created_at, updated_at", func(i int) string {
		add := now.AddDate(0, 0, -(i % 1000)).Add(-time.Duration(i%1440) * time.Minute)
		return fmt.Sprintf("(%d, 'g%03d', 'wm%07d', %s, %s, %s)", c.ID, i%200, i, ts(add), at, at)
	})
	testkit.InsertRows(b, d, n, "customer_owners", "corp_id, scope, external_userid, userid, status, assigned_at, updated_at", func(i int) string {
		return fmt.Sprintf("(%d, 0, 'wm%07d', 'g%03d', 'assigned', %s, %s)", c.ID, i, i%200, at, at)
	})
	var first int64
	testkit.InsertRows(b, d, n/2, "members", "corp_id, scope, name, birthday, status, created_at, updated_at", func(i int) string {
		bday := time.Date(1990, 1, 1+(2*i)%365, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		return fmt.Sprintf("(%d, 0, 'm%d', '%s', 'active', %s, %s)", c.ID, i, bday, at, at)
	})
	require.NoError(b, d.SQL().QueryRow("SELECT MIN(id) FROM members WHERE corp_id = ?", c.ID).Scan(&first))
	testkit.InsertRows(b, d, n/2, "member_identities", "corp_id, scope, member_id, kind, value, created_at", func(i int) string {
		return fmt.Sprintf("(%d, 0, %d, 'external_userid', 'wm%07d', %s)", c.ID, first+int64(i), 2*i, at)
	})
	return c.ID
}
