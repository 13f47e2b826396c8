package db

import (
	"cmp"
	"context"
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
		err := s.db.with(ctx).Table("members").Select("id, merged_into").
			Where("corp_id = ? AND merged_into IN ?", corpID, slices.Collect(maps.Keys(frontier))).Find(&rows).Error
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
	ts, err := s.touchesWhere(ctx, corpID, "member_id IN ?", slices.Collect(maps.Keys(fam)))
	if err != nil {
		return nil, err
	}
	if len(byExt) > 0 {
		more, err := s.touchesWhere(ctx, corpID, "external_userid IN ?", slices.Collect(maps.Keys(byExt)))
		if err != nil {
			return nil, err
		}
		ts = mergeTouches(ts, more)
	}
	for _, t := range ts {
		if t.MemberID != nil && fam[*t.MemberID] != 0 {
			out[fam[*t.MemberID]] = append(out[fam[*t.MemberID]], t)
		} else if m := byExt[t.ExternalUserID]; m != 0 {
			out[m] = append(out[m], t)
		}
	}
	return out, nil
}

// touchesWhere reads the corp's touches matching cond, oldest first.
func (s *AttributionStore) touchesWhere(ctx context.Context, corpID int64, cond string, arg any) ([]app.Touch, error) {
	var ts []app.Touch
	err := s.db.with(ctx).Table("touches").Where("corp_id = ?", corpID).Where(cond, arg).Find(&ts).Error
	return ts, domainError(err, "触点")
}

// mergeTouches is a and b without repeats, oldest first.
func mergeTouches(a, b []app.Touch) []app.Touch {
	seen := make(map[int64]bool, len(a))
	for _, t := range a {
		seen[t.ID] = true
	}
	for _, t := range b {
		if !seen[t.ID] {
			a = append(a, t)
		}
	}
	slices.SortFunc(a, func(x, y app.Touch) int {
		if c := x.At.Compare(y.At); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	return a
}
