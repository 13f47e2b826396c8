package db

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm/clause"

	"github.com/siyu-scrm/siyu/app"
)

// RecordAdd writes what an add event itself says, before WeCom is asked
// for details: the relation of userID and externalUserID exists since at,
// through the contact way state. A deletion at or after at stands (it is
// newer); a row deleted before at is revived, since this is a re-add. The
// row keeps the latest add time (and its state) seen, deleted or not, so
// an older deletion arriving after a re-add stays ignored and the outcome
// does not depend on the order events arrive in. The customer's own row
// comes with the detail read that follows.
func (s *DirectoryStore) RecordAdd(ctx context.Context, corpID int64, userID, externalUserID, state string, at time.Time) error {
	return s.recordAdds(ctx, []app.Follow{{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, AddTime: &at, State: state}})
}

// RecordAdds is RecordAdd for many adds (each with AddTime and State set)
// in one statement. The same relation twice is fine: rows are upserted in
// order and each is guarded by its own add time. It reports, per add,
// whether it stands: no deletion and no add later than it is recorded.
// One that lost to a newer deletion or re-add has no effect beyond the
// row, and nothing should follow it. (Within one second, WeCom's
// precision, the order cannot be told: such an add stands.)
func (s *DirectoryStore) RecordAdds(ctx context.Context, adds []app.Follow) ([]bool, error) {
	if err := s.recordAdds(ctx, adds); err != nil {
		return nil, err
	}
	return s.standing(ctx, adds)
}

func (s *DirectoryStore) recordAdds(ctx context.Context, adds []app.Follow) error {
	x := s.db.excluded
	revive := "deleted_at IS NOT NULL AND deleted_at < " + x("add_time")
	newer := "add_time IS NULL OR add_time < " + x("add_time")
	when := func(col, cond, value string) clause.Assignment {
		return assign(col, "CASE WHEN "+cond+" THEN "+value+" ELSE "+col+" END")
	}
	// MySQL evaluates the assignments in order and shows later ones the
	// new values: state goes before add_time and deleted_at last, since
	// the conditions read their old values.
	err := s.db.with(ctx).Table("follows").Clauses(upsert(followKey, nil,
		when("state", newer, x("state")), when("add_time", newer, x("add_time")),
		when("deleted_by", revive, "''"), when("deleted_at", revive, "NULL"))).
		Omit("id", "TagIDs").Create(inKeyOrder(adds)).Error
	return domainError(err, "跟进关系")
}

// standing reads back the relations of adds (one corp's each run) and
// tells which adds stand.
func (s *DirectoryStore) standing(ctx context.Context, adds []app.Follow) ([]bool, error) {
	rows := map[[2]string]app.Follow{}
	for _, fs := range followsByCorp(inKeyOrder(adds)) {
		var got []app.Follow
		if err := s.pairs(ctx, "follows", fs).Select("userid", "external_userid", "add_time", "deleted_at").Find(&got).Error; err != nil {
			return nil, domainError(err, "跟进关系")
		}
		for _, f := range got {
			rows[[2]string{fmt.Sprint(fs[0].CorpID, ":", f.UserID), f.ExternalUserID}] = f
		}
	}
	out := make([]bool, len(adds))
	for i, a := range adds {
		f, ok := rows[[2]string{fmt.Sprint(a.CorpID, ":", a.UserID), a.ExternalUserID}]
		at := a.AddTime.UTC().Truncate(time.Millisecond)
		out[i] = ok && !(f.DeletedAt != nil && f.DeletedAt.After(at)) && !(f.AddTime != nil && f.AddTime.After(at))
	}
	return out, nil
}

// inKeyOrder returns fs sorted by relation, so that writers locking rows
// in a batch take them in one order and cannot deadlock each other.
func inKeyOrder(fs []app.Follow) []app.Follow {
	out := slices.Clone(fs)
	slices.SortStableFunc(out, func(a, b app.Follow) int {
		return cmp.Or(cmp.Compare(a.CorpID, b.CorpID), cmp.Compare(a.UserID, b.UserID), cmp.Compare(a.ExternalUserID, b.ExternalUserID))
	})
	return out
}

// AddFollowTags adds tagIDs to an active relation's tags, as WeCom
// accepted them at at, and moves the relation's read time up to at: a
// read begun before the tags were marked (and so without them) loses to
// this, the way it loses to any newer read. A relation that is not (or no
// longer) active is left alone.
func (s *DirectoryStore) AddFollowTags(ctx context.Context, corpID int64, userID, externalUserID string, tagIDs []string, at time.Time) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		at = at.UTC().Truncate(time.Millisecond)
		var active int64
		q := s.pair(ctx, "follows", corpID, userID, externalUserID).Where("deleted_at IS NULL")
		if err := q.Count(&active).Error; err != nil || active == 0 {
			return domainError(err, "跟进关系")
		}
		err := s.pair(ctx, "follows", corpID, userID, externalUserID).Where("synced_at IS NULL OR synced_at < ?", at).
			Update("synced_at", at).Error
		if err != nil {
			return domainError(err, "跟进关系")
		}
		tags := make([]followTag, 0, len(tagIDs))
		for _, id := range uniq(tagIDs) {
			tags = append(tags, followTag{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID, TagID: id, TagType: 1})
		}
		err = s.db.with(ctx).Table("follow_tags").Clauses(clause.OnConflict{DoNothing: true}).Create(&tags).Error
		return domainError(err, "客户标签")
	})
}
