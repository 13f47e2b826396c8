package db_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// The audit log's filters (actor, action, object, time range, a store
// manager's scope) page through exactly the entries an independent
// reading of what was written selects, newest first, on both databases;
// the facets are the distinct actors and actions in scope.
func TestAuditFilters(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		corps := db.NewCorpStore(d, testkit.Box(t))
		a, b := &app.Corp{CorpID: "ww_fa", Name: "A"}, &app.Corp{CorpID: "ww_fb", Name: "B"}
		require.NoError(t, corps.CreateCorp(ctx, a))
		require.NoError(t, corps.CreateCorp(ctx, b))
		s := db.NewAuditStore(d)
		all := seedAudit(t, s, a.ID, b.ID)
		t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
		from, before := t0.Add(20*time.Hour), t0.Add(70*time.Hour)
		store := []app.AuditTarget{{Type: "store", IDs: []string{"1"}}, {Type: "guide", IDs: []string{"2", "3"}}, {Type: "channel"}}
		for _, tc := range []struct {
			name string
			f    app.AuditFilter
		}{
			{"All", app.AuditFilter{}},
			{"Actor", app.AuditFilter{Actor: "user:1"}},
			{"Action", app.AuditFilter{Action: "store.update"}},
			{"ActorAndAction", app.AuditFilter{Actor: "staff:g1", Action: "channel.create"}},
			{"Object", app.AuditFilter{TargetType: "guide", TargetID: "2"}},
			{"ObjectType", app.AuditFilter{TargetType: "channel"}},
			{"From", app.AuditFilter{From: &from}},
			{"Before", app.AuditFilter{Before: &before}},
			{"TimeRangeAndActor", app.AuditFilter{From: &from, Before: &before, Actor: "system:assign"}},
			{"Scoped", app.AuditFilter{Scoped: true, Within: store}},
			{"ScopedAndAction", app.AuditFilter{Scoped: true, Within: store, Action: "guide.update"}},
			{"ScopedToNothing", app.AuditFilter{Scoped: true}},
			{"Nothing", app.AuditFilter{Actor: "user:404"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				f := tc.f
				f.CorpID = a.ID
				want := expectAudit(all, f)
				assert.Equal(t, want, pageAudit(t, s, f, 7), "paged by 7")
				assert.Equal(t, want, pageAudit(t, s, f, 200), "one page")
			})
		}
		t.Run("Facets", func(t *testing.T) {
			for _, f := range []app.AuditFilter{{CorpID: a.ID}, {CorpID: a.ID, Scoped: true, Within: store}} {
				got, err := s.AuditFacets(ctx, f)
				require.NoError(t, err)
				var actors, actions []string
				for _, e := range all {
					if e.CorpID == a.ID && inScope(e, f) {
						actors, actions = append(actors, e.Actor), append(actions, e.Action)
					}
				}
				assert.Equal(t, slices.Compact(slices.Sorted(slices.Values(actors))), got.Actors)
				assert.Equal(t, slices.Compact(slices.Sorted(slices.Values(actions))), got.Actions)
			}
		})
		t.Run("ErrInvalid", func(t *testing.T) {
			_, err := s.AuditFacets(ctx, app.AuditFilter{})
			assert.Equal(t, app.EINVALID, app.ErrorCode(err))
		})
	})
}

// seedAudit writes 300 entries over four days, mostly of corp a, with
// actors, actions and objects drawn at random (seeded).
func seedAudit(t *testing.T, s *db.AuditStore, a, b int64) []*app.AuditEntry {
	rng := rand.New(rand.NewPCG(7, 11))
	actors := []string{"user:1", "user:2", "staff:g1", "system:assign", "token:3"}
	actions := []string{"store.update", "guide.update", "channel.create", "export.customers"}
	types := []string{"store", "guide", "channel", "customer"}
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var out []*app.AuditEntry
	for i := range 300 {
		corp := a
		if i%10 == 9 {
			corp = b
		}
		e := &app.AuditEntry{CorpID: corp, Actor: actors[rng.IntN(len(actors))], Action: actions[rng.IntN(len(actions))],
			TargetType: types[rng.IntN(len(types))], TargetID: fmt.Sprint(1 + rng.IntN(4)), Detail: "{}",
			CreatedAt: t0.Add(time.Duration(rng.IntN(96*60)) * time.Minute)}
		require.NoError(t, s.RecordAudit(context.Background(), e))
		out = append(out, e)
	}
	return out
}

// expectAudit selects f's entries from what was written, newest first.
func expectAudit(all []*app.AuditEntry, f app.AuditFilter) []int64 {
	var ids []int64
	for _, e := range all {
		ok := e.CorpID == f.CorpID && inScope(e, f) &&
			(f.Actor == "" || e.Actor == f.Actor) && (f.Action == "" || e.Action == f.Action) &&
			(f.TargetType == "" || e.TargetType == f.TargetType) && (f.TargetID == "" || e.TargetID == f.TargetID) &&
			(f.From == nil || !e.CreatedAt.Before(*f.From)) && (f.Before == nil || e.CreatedAt.Before(*f.Before))
		if ok {
			ids = append(ids, e.ID)
		}
	}
	slices.Sort(ids)
	slices.Reverse(ids)
	return ids
}

func inScope(e *app.AuditEntry, f app.AuditFilter) bool {
	if !f.Scoped {
		return true
	}
	for _, t := range f.Within {
		if t.Type == e.TargetType && slices.Contains(t.IDs, e.TargetID) {
			return true
		}
	}
	return false
}

// pageAudit reads every page of f, size entries a page, by the cursor.
func pageAudit(t *testing.T, s *db.AuditStore, f app.AuditFilter, size int) []int64 {
	var ids []int64
	f.Limit = size
	for {
		page, err := s.ListAudit(context.Background(), f)
		require.NoError(t, err)
		for _, e := range page {
			ids = append(ids, e.ID)
		}
		if len(page) < size {
			return ids
		}
		f.BeforeID = page[len(page)-1].ID
	}
}
