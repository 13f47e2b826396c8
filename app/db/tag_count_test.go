package db_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The tags page's counts are, per tag, the customers carrying it from any
// member; a store manager's are their store's customers only (owned by the
// store, or followed now by one of its guides): both as an independent
// reading of what was written counts them, on both databases.
func TestCountTaggedCustomers(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		corp := &app.Corp{CorpID: "ww_tc", Name: "标签计数"}
		require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, corp))
		other := &app.Corp{CorpID: "ww_tc2", Name: "别家"}
		require.NoError(t, db.NewCorpStore(d, testkit.Box(t)).CreateCorp(ctx, other))
		org, dir := db.NewOrgStore(d), db.NewDirectoryStore(d)
		stores := map[string]int64{}
		for i, code := range []string{"S1", "S2"} {
			st := &app.Store{CorpID: corp.ID, Code: code, Name: "店" + code, Kind: app.StoreKindStore, Status: app.StoreOpen}
			require.NoError(t, org.CreateStore(ctx, st))
			stores[code] = st.ID
			require.NoError(t, org.CreateGuide(ctx, &app.Guide{CorpID: corp.ID, UserID: fmt.Sprintf("g%d", i+1), Name: "导购",
				StoreID: st.ID, Role: app.GuideRoleGuide, Status: app.GuideActive}))
		}
		guideStore := map[string]int64{"g1": stores["S1"], "g2": stores["S2"], "g3": 0}
		w := seedTagged(t, d, dir, corp.ID, other.ID, stores)
		require.NotEqual(t, w.expect(0, guideStore), w.expect(stores["S1"], guideStore), "the seed tells a store's count from the corp's")
		for _, scope := range []int64{0, stores["S1"], stores["S2"]} {
			got, err := dir.CountTaggedCustomers(ctx, corp.ID, scope)
			require.NoError(t, err)
			assert.Equal(t, w.expect(scope, guideStore), got, "scope %d", scope)
		}
	})
}

// tagged is what seedTagged wrote: each customer's relations (live or
// ended) with their tags, and the store owning them.
type tagged struct {
	tags  map[string]map[string][]string // customer → userid → tags
	ended map[[2]string]bool
	owner map[string]int64
}

func seedTagged(t *testing.T, d *db.DB, dir *db.DirectoryStore, corpID, otherID int64, stores map[string]int64) tagged {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 5))
	w := tagged{tags: map[string]map[string][]string{}, ended: map[[2]string]bool{}, owner: map[string]int64{}}
	now := time.Now().UTC()
	var fs []app.Follow
	for c := range 40 {
		ext := fmt.Sprintf("wm%02d", c)
		w.tags[ext] = map[string][]string{}
		for _, u := range []string{"g1", "g2", "g3"} {
			if rng.IntN(2) == 0 {
				continue
			}
			var tags []string
			for _, tag := range []string{"t1", "t2", "t3", "t4"} {
				if rng.IntN(3) == 0 {
					tags = append(tags, tag)
				}
			}
			w.tags[ext][u] = tags
			fs = append(fs, app.Follow{CorpID: corpID, UserID: u, ExternalUserID: ext, AddTime: &now, TagIDs: tags})
			w.ended[[2]string{ext, u}] = rng.IntN(4) == 0
		}
		if r := rng.IntN(3); r > 0 {
			w.owner[ext] = stores[fmt.Sprintf("S%d", r)]
			_, err := d.SQL().Exec("INSERT INTO customer_owners (corp_id, scope, external_userid, userid, store_id, status, assigned_at, updated_at) VALUES (?, 0, ?, 'g1', ?, 'assigned', ?, ?)",
				corpID, ext, w.owner[ext], now, now)
			require.NoError(t, err)
		}
	}
	fs = append(fs, app.Follow{CorpID: otherID, UserID: "g1", ExternalUserID: "wm00", AddTime: &now, TagIDs: []string{"t1"}})
	require.NoError(t, dir.UpsertFollows(ctx, fs))
	for k, ended := range w.ended {
		if ended {
			_, err := d.SQL().Exec("UPDATE follows SET deleted_at = ? WHERE corp_id = ? AND external_userid = ? AND userid = ?", now, corpID, k[0], k[1])
			require.NoError(t, err)
		}
	}
	return w
}

// expect counts each tag's customers in scope (0: the corp).
func (w tagged) expect(scope int64, guideStore map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for ext, byUser := range w.tags {
		in := scope == 0 || w.owner[ext] == scope
		for u := range byUser {
			in = in || (!w.ended[[2]string{ext, u}] && guideStore[u] == scope)
		}
		carried := map[string]bool{}
		for _, tags := range byUser {
			for _, tag := range tags {
				carried[tag] = true
			}
		}
		for tag := range carried {
			if in {
				out[tag]++
			}
		}
	}
	return out
}
