package db_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// listWorld is what the customer-list fixture wrote, kept in plain Go so
// the test can say which customers each query should find.
type listWorld struct {
	stores  []int64
	guides  map[string]int64 // userid → store
	left    map[string]bool
	custs   []app.Customer // in insertion order: ascending id
	follows []app.Follow   // current and ended (DeletedAt set)
	owners  map[string]*app.Owner
	welcome map[string]app.WelcomeSend // at most one a customer
}

var listNames = []string{"张三", "张伟", "李四", "Zoe_x", "Zoex", "王%五", "", "张"}

// listFixture writes n customers with random names, relations, tags,
// owners (none, pooled, assigned, assigned to a guide who left) into corp.
func listFixture(t *testing.T, d *db.DB, corpID int64, n int, seed uint64) *listWorld {
	ctx, rnd := context.Background(), rand.New(rand.NewPCG(seed, 7))
	org, dir, as := db.NewOrgStore(d), db.NewDirectoryStore(d), db.NewAssignStore(d)
	w := &listWorld{guides: map[string]int64{}, left: map[string]bool{}, owners: map[string]*app.Owner{}, welcome: map[string]app.WelcomeSend{}}
	for i := range 2 {
		st := &app.Store{CorpID: corpID, Code: fmt.Sprintf("S%d", i), Name: fmt.Sprintf("门店%d", i), Status: app.StoreOpen}
		require.NoError(t, org.CreateStore(ctx, st))
		w.stores = append(w.stores, st.ID)
	}
	for i, u := range []string{"g0", "g1", "g2", "g3"} {
		g := &app.Guide{CorpID: corpID, UserID: u, Name: "导购" + u, StoreID: w.stores[i%2], Role: app.GuideRoleGuide, Status: app.GuideActive}
		if u == "g3" {
			g.Status = app.GuideLeft
			w.left[u] = true
		}
		require.NoError(t, org.CreateGuide(ctx, g))
		w.guides[u] = g.StoreID
	}
	users := []string{"g0", "g1", "g2", "g3", "nobody"} // nobody: a member who is no guide
	for i := range n {
		ext := fmt.Sprintf("wmL%03d", i)
		w.custs = append(w.custs, app.Customer{CorpID: corpID, ExternalUserID: ext, Name: listNames[rnd.IntN(len(listNames))]})
		for _, u := range users {
			if rnd.IntN(3) != 0 {
				continue
			}
			f := follow(corpID, u, ext, int64(rnd.IntN(10))*86400)
			f.Remark = []string{"", "张老师", "VIP李", "zoe"}[rnd.IntN(4)]
			if rnd.IntN(2) == 0 {
				f.TagIDs = []string{[]string{"tA", "tB"}[rnd.IntN(2)]}
			}
			w.follows = append(w.follows, f)
		}
		w.owners[ext] = listOwner(rnd, corpID, ext, w)
	}
	require.NoError(t, dir.UpsertCustomers(ctx, w.custs))
	require.NoError(t, dir.UpsertFollows(ctx, w.follows))
	for i, f := range w.follows {
		if rnd.IntN(5) == 0 {
			ended := at(int64(11+rnd.IntN(3)) * 86400)
			require.NoError(t, dir.DeleteFollow(ctx, corpID, f.UserID, f.ExternalUserID, app.FollowDeletedByCustomer, ended))
			w.follows[i].DeletedAt, w.follows[i].TagIDs = &ended, nil
		}
	}
	for _, o := range w.owners {
		if o != nil {
			require.NoError(t, as.SaveOwner(ctx, o))
		}
	}
	listWelcomes(t, d, rnd, w)
	return w
}

// listWelcomes records a welcome outcome for about half the customers.
func listWelcomes(t *testing.T, d *db.DB, rnd *rand.Rand, w *listWorld) {
	ws := db.NewWelcomeStore(d)
	statuses := []string{app.WelcomeSent, app.WelcomeNoCode, app.WelcomeNoTemplate, app.WelcomeExpired, app.WelcomeRefused}
	for _, c := range w.custs {
		if rnd.IntN(2) == 0 {
			continue
		}
		ws0 := app.WelcomeSend{CorpID: c.CorpID, EventKey: "add:" + c.ExternalUserID, UserID: "g0", ExternalUserID: c.ExternalUserID,
			Status: statuses[rnd.IntN(len(statuses))]}
		_, claimed, err := ws.ClaimWelcome(context.Background(), &ws0, at(int64(rnd.IntN(10))*86400), time.Minute)
		require.NoError(t, err)
		require.True(t, claimed)
		w.welcome[c.ExternalUserID] = ws0
	}
}

func listOwner(rnd *rand.Rand, corpID int64, ext string, w *listWorld) *app.Owner {
	ch := int64(rnd.IntN(2) + 1)
	o := &app.Owner{CorpID: corpID, ExternalUserID: ext, ChannelID: &ch, AssignedAt: at(int64(rnd.IntN(100)))}
	switch rnd.IntN(4) {
	case 0:
		return nil
	case 1:
		o.Status = app.OwnerPool
		if rnd.IntN(2) == 0 {
			o.StoreID = &w.stores[rnd.IntN(2)]
		}
		return o
	}
	o.Status, o.UserID = app.OwnerAssigned, []string{"g0", "g1", "g2", "g3"}[rnd.IntN(4)]
	st := w.guides[o.UserID]
	o.StoreID = &st
	return o
}

// want is the list q should show, computed from the fixture alone: the
// rules of the console's filters, one by one, then the order.
func (w *listWorld) want(q app.CustomerQuery) []string {
	var out []app.Customer
	for _, c := range w.custs {
		if w.matches(c, q) {
			out = append(out, c)
		}
	}
	switch q.Sort {
	case app.CustomerSortOldest:
	case app.CustomerSortName: // the database's collation orders names; compare the set
		slices.SortFunc(out, func(a, b app.Customer) int { return strings.Compare(a.ExternalUserID, b.ExternalUserID) })
	default:
		slices.Reverse(out)
	}
	ids := make([]string, len(out))
	for i, c := range out {
		ids[i] = c.ExternalUserID
	}
	return ids
}

func (w *listWorld) matches(c app.Customer, q app.CustomerQuery) bool {
	o, fs := w.owners[c.ExternalUserID], w.followsOf(c.ExternalUserID)
	ownerIs := func(ok func(o *app.Owner) bool) bool { return o != nil && ok(o) }
	return (q.Q == "" || prefixFold(c.Name, q.Q) || c.ExternalUserID == q.Q ||
		slices.ContainsFunc(fs, func(f app.Follow) bool { return f.DeletedAt == nil && prefixFold(f.Remark, q.Q) })) &&
		(q.StoreID == 0 || ownerIs(func(o *app.Owner) bool { return o.StoreID != nil && *o.StoreID == q.StoreID })) &&
		(q.ScopeStoreID == 0 || ownerIs(func(o *app.Owner) bool { return o.StoreID != nil && *o.StoreID == q.ScopeStoreID }) ||
			slices.ContainsFunc(fs, func(f app.Follow) bool {
				st, ok := w.guides[f.UserID]
				return f.DeletedAt == nil && ok && st == q.ScopeStoreID
			})) &&
		(q.UserID == "" || ownerIs(func(o *app.Owner) bool { return o.UserID == q.UserID })) &&
		(q.ChannelID == 0 || ownerIs(func(o *app.Owner) bool { return *o.ChannelID == q.ChannelID })) &&
		(q.TagID == "" || slices.ContainsFunc(fs, func(f app.Follow) bool { return slices.Contains(f.TagIDs, q.TagID) })) &&
		(q.AddedFrom == nil || slices.ContainsFunc(fs, func(f app.Follow) bool {
			return !f.AddTime.Before(*q.AddedFrom) && f.AddTime.Before(*q.AddedBefore)
		})) && w.ownerStatus(o, q.OwnerStatus) &&
		(q.DeletedFrom == nil || slices.ContainsFunc(fs, func(f app.Follow) bool { return f.DeletedAt != nil && !f.DeletedAt.Before(*q.DeletedFrom) })) &&
		w.welcomed(c.ExternalUserID, q)
}

func (w *listWorld) welcomed(ext string, q app.CustomerQuery) bool {
	if q.Welcome == "" {
		return true
	}
	ws, ok := w.welcome[ext]
	return ok && slices.Contains(app.WelcomeStatuses[q.Welcome], ws.Status) && (q.WelcomeFrom == nil || !ws.CreatedAt.Before(*q.WelcomeFrom))
}

// prefixFold is a prefix match ignoring ASCII case, as both databases'
// LIKE does.
func prefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

func (w *listWorld) ownerStatus(o *app.Owner, want string) bool {
	switch want {
	case app.OwnerFilterNone:
		return o == nil
	case app.OwnerFilterPool:
		return o != nil && o.Status == app.OwnerPool
	case app.OwnerFilterAssigned:
		return o != nil && o.Status == app.OwnerAssigned && !w.left[o.UserID]
	case app.OwnerFilterLeft:
		return o != nil && o.Status == app.OwnerAssigned && w.left[o.UserID]
	}
	return true
}

func (w *listWorld) followsOf(ext string) []app.Follow {
	var out []app.Follow
	for _, f := range w.follows {
		if f.ExternalUserID == ext {
			out = append(out, f)
		}
	}
	return out
}

// TestSearchCustomers pages through the console's customer list under
// many filter combinations and compares each with the fixture's own
// answer: the right customers, in the right order, of this corp only,
// with the owner and "owner left" the list shows.
func TestSearchCustomers(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c, other := newCorp(t, d, "ww_list"), newCorp(t, d, "ww_list_other")
		w := listFixture(t, d, c.ID, 120, 1)
		listFixture(t, d, other.ID, 40, 2)
		s := db.NewDirectoryStore(d)
		from, before, late := at(3*86400), at(6*86400), at(12*86400)
		queries := []app.CustomerQuery{{}, {Q: "张"}, {Q: "张三"}, {Q: "Zoe_"}, {Q: "王%"}, {Q: "%"}, {Q: "VIP"}, {Q: "zoe"}, {Q: "wmL007"},
			{StoreID: w.stores[0]}, {ScopeStoreID: w.stores[1]}, {UserID: "g1"}, {ChannelID: 2}, {TagID: "tA"},
			{StoreID: w.stores[0], TagID: "tB"}, {AddedFrom: &from, AddedBefore: &before},
			{OwnerStatus: app.OwnerFilterAssigned}, {OwnerStatus: app.OwnerFilterPool}, {OwnerStatus: app.OwnerFilterLeft},
			{OwnerStatus: app.OwnerFilterNone}, {Q: "张", Sort: app.CustomerSortName}, {Sort: app.CustomerSortOldest, TagID: "tA"},
			{ScopeStoreID: w.stores[0], Q: "李", OwnerStatus: app.OwnerFilterAssigned},
			{DeletedFrom: &late}, {Welcome: app.WelcomeFilterSent, WelcomeFrom: &from}, {Welcome: app.WelcomeFilterSkipped},
			{Welcome: app.WelcomeFilterFailed, WelcomeFrom: &before, StoreID: w.stores[1]}}
		empty := 0
		common := db.NewDirectoryStore(d)
		common.SetCommonTagRows(1) // every tag checked customer by customer
		for _, q := range queries {
			q.CorpID = c.ID
			if len(w.want(q)) == 0 {
				empty++
			}
			for _, store := range []*db.DirectoryStore{s, common} {
				got := pageAll(t, store, q, w)
				if q.Sort == app.CustomerSortName {
					slices.Sort(got)
				}
				assert.Equal(t, w.want(q), got, "%+v", q)
			}
		}
		assert.LessOrEqual(t, empty, 1, "only the literal %% search finds nobody")
	})
}

// pageAll reads every page of q, seven rows at a time, checking each
// row's owner against the fixture.
func pageAll(t *testing.T, s *db.DirectoryStore, q app.CustomerQuery, w *listWorld) []string {
	got := []string{}
	for q.Limit = 7; ; q.Offset += q.Limit {
		page, more, err := s.SearchCustomers(context.Background(), q)
		require.NoError(t, err)
		for _, r := range page {
			got = append(got, r.ExternalUserID)
			o := w.owners[r.ExternalUserID]
			require.Equal(t, o == nil, r.Owner == nil, r.ExternalUserID)
			if o != nil {
				assert.Equal(t, o.UserID, r.Owner.UserID)
				assert.Equal(t, w.left[o.UserID], r.OwnerLeft)
			}
		}
		if !more {
			return got
		}
	}
}
