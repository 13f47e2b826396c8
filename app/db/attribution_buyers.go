package db

import (
	"cmp"
	"context"
	"database/sql"
	"maps"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// maxMergeDepth bounds the walk along merged_into: merges of merges are
// rare, and a cycle (which merging never makes) must not loop forever.
const maxMergeDepth = 8

// Survivors maps each of memberIDs to the record it was (eventually)
// merged into, itself when it was not.
func (s *AttributionStore) Survivors(ctx context.Context, corpID int64, memberIDs []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	at := map[int64][]int64{} // current record → the asked ids standing on it
	for _, id := range memberIDs {
		at[id] = append(at[id], id)
	}
	for range maxMergeDepth {
		var rows []struct{ ID, MergedInto int64 }
		err := s.db.with(ctx).Table("members").Select("id, COALESCE(merged_into, 0) AS merged_into").
			Where("corp_id = ? AND id IN ?", corpID, slices.Collect(maps.Keys(at))).Find(&rows).Error
		if err != nil {
			return nil, domainError(err, "会员")
		}
		next := map[int64][]int64{}
		for _, r := range rows {
			if r.MergedInto == 0 {
				for _, asked := range at[r.ID] {
					out[asked] = r.ID
				}
				continue
			}
			next[r.MergedInto] = append(next[r.MergedInto], at[r.ID]...)
		}
		if at = next; len(at) == 0 {
			break
		}
	}
	return out, nil
}

// Family maps every record merged (eventually) into one of survivors to
// that survivor, the survivors included.
func (s *AttributionStore) Family(ctx context.Context, corpID int64, survivors []int64) (map[int64]int64, error) {
	out, frontier := map[int64]int64{}, map[int64]int64{}
	for _, id := range survivors {
		out[id], frontier[id] = id, id
	}
	for range maxMergeDepth {
		var rows []struct{ ID, MergedInto int64 }
		err := inChunks(slices.Collect(maps.Keys(frontier)), func(part []int64) error {
			var more []struct{ ID, MergedInto int64 }
			err := s.db.with(ctx).Table("members").Select("id, merged_into").
				Where("corp_id = ? AND merged_into IN ?", corpID, part).Find(&more).Error
			rows = append(rows, more...)
			return err
		})
		if err != nil {
			return nil, domainError(err, "会员")
		}
		next := map[int64]int64{}
		for _, r := range rows {
			out[r.ID], next[r.ID] = frontier[r.MergedInto], frontier[r.MergedInto]
		}
		if frontier = next; len(frontier) == 0 {
			break
		}
	}
	return out, nil
}

// BuyerTouches returns, for each survivor, the touches of it and of every
// record merged into it, and of its WeCom customers, oldest first.
func (s *AttributionStore) BuyerTouches(ctx context.Context, corpID int64, survivors []int64) (map[int64][]app.Touch, error) {
	out := map[int64][]app.Touch{}
	if len(survivors) == 0 {
		return out, nil
	}
	fam, err := s.Family(ctx, corpID, survivors)
	if err != nil {
		return nil, err
	}
	var exts []struct {
		MemberID int64
		Value    string
	}
	err = s.db.with(ctx).Table("member_identities").Select("member_id, value").
		Where("corp_id = ? AND kind = ? AND member_id IN ?", corpID, app.KeyExternal, survivors).Find(&exts).Error
	if err != nil {
		return nil, domainError(err, "会员标识")
	}
	byExt := map[string]int64{}
	for _, e := range exts {
		byExt[e.Value] = e.MemberID
	}
	// Two queries rather than one with OR: each reads its own index,
	// where an OR across two columns can make the database scan.
	ts, err := s.touchesWhere(ctx, corpID, "member_id", anys(slices.Collect(maps.Keys(fam))))
	if err == nil && len(byExt) > 0 {
		var more []app.Touch
		more, err = s.touchesWhere(ctx, corpID, "external_userid", anys(slices.Collect(maps.Keys(byExt))))
		ts = append(ts, more...)
	}
	if err != nil {
		return nil, err
	}
	seen := make(map[int64]bool, len(ts))
	for _, t := range ts {
		if seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		if t.MemberID != nil && fam[*t.MemberID] != 0 {
			out[fam[*t.MemberID]] = append(out[fam[*t.MemberID]], t)
		} else if m := byExt[t.ExternalUserID]; m != 0 {
			out[m] = append(out[m], t)
		}
	}
	for _, buyer := range out {
		sortTouches(buyer)
	}
	return out, nil
}

// touchesWhere reads the corp's touches whose column col is among
// values, with what credit is decided from (not their details).
func (s *AttributionStore) touchesWhere(ctx context.Context, corpID int64, col string, values []any) ([]app.Touch, error) {
	var out []app.Touch
	err := inChunks(values, func(part []any) error {
		rows, err := s.db.with(ctx).Table("touches").Select("id, kind, external_userid, member_id, userid, store_id, at").
			Where("corp_id = ?", corpID).Where(col+" IN ?", part).Rows()
		if err == nil {
			out, err = scanTouches(rows, corpID, out)
		}
		return err
	})
	return out, domainError(err, "触点")
}

// inChunks calls fn with values a chunk at a time: past
// eq_range_index_dive_limit (200) values MySQL estimates an IN list from
// the index's statistics, and a column mostly NULL (members.merged_into,
// touches.member_id) then looks unselective enough to scan the table for.
func inChunks[T any](values []T, fn func(part []T) error) error {
	const chunk = 150
	for start := 0; start < len(values); start += chunk {
		if err := fn(values[start:min(start+chunk, len(values))]); err != nil {
			return err
		}
	}
	return nil
}

// scanTouches appends rows' touches to out, by hand: a recompute reads
// millions, and the ORM's reflection was most of the cost.
func scanTouches(rows *sql.Rows, corpID int64, out []app.Touch) ([]app.Touch, error) {
	defer rows.Close()
	for rows.Next() {
		t := app.Touch{CorpID: corpID}
		var member, store sql.NullInt64
		at := anyTime{}
		if err := rows.Scan(&t.ID, &t.Kind, &t.ExternalUserID, &member, &t.UserID, &store, &at); err != nil {
			return nil, err
		}
		if member.Valid {
			t.MemberID = &member.Int64
		}
		if store.Valid {
			t.StoreID = &store.Int64
		}
		if at.t != nil {
			t.At = *at.t
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// sortTouches orders one buyer's touches oldest first (by id on a tie).
func sortTouches(ts []app.Touch) {
	slices.SortFunc(ts, func(x, y app.Touch) int {
		if c := x.At.Compare(y.At); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
}

// anys is xs as values for a query.
func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
