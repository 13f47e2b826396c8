package db

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/config"
)

// The due finder: one step of a journey, due for the occurrences anchored
// on one date, becomes one INSERT … SELECT into journey_fires. The source
// rows (relations, members, RFM changes, orders, owned customers) are
// found by index in the database — no customer is loaded into Siyu — and
// the ledger's unique key makes a fire inserted before (by an earlier
// tick, another scheduler, or before an edit) a no-op.

// dueSource is where a trigger's occurrences come from: the FROM and
// WHERE of the select, the column naming the customer and the occurrence
// expression under the once-per-occurrence policy.
type dueSource struct {
	from, where, key, occurrence string
	args                         []any
}

// InsertDueFires records the fires of d not recorded yet and returns how
// many it inserted. The owner guide (an assigned owner) is who each fire
// goes to; customers without one are left out. A step reaching every
// customer (a holiday, member day) is inserted in batches of customers by
// external_userid, so no statement holds a million rows' locks.
func (s *JourneyStore) InsertDueFires(ctx context.Context, d app.JourneyDue) (int64, error) {
	src := s.source(d)
	if !strings.HasPrefix(src.from, "customer_owners o") {
		return s.insertFires(ctx, d, src)
	}
	var total int64
	for lo := ""; ; {
		hi, err := s.batchEnd(ctx, d.Journey.CorpID, lo)
		if err != nil {
			return total, err
		}
		b := src
		b.where += " AND o.external_userid > ?"
		b.args = append(append([]any{}, src.args...), lo)
		if hi != "" {
			b.where += " AND o.external_userid <= ?"
			b.args = append(b.args, hi)
		}
		n, err := s.insertFires(ctx, d, b)
		if total += n; err != nil || hi == "" {
			return total, err
		}
		lo = hi
	}
}

// fireBatch is how many owned customers one INSERT … SELECT of an
// everyone-step takes (tests take fewer).
const fireBatch = 50_000

// batchEnd is the last external_userid of the batch of owned customers
// after lo, "" when fewer than a batch remain (the last one).
func (s *JourneyStore) batchEnd(ctx context.Context, corpID int64, lo string) (string, error) {
	var keys []string
	err := s.db.with(ctx).Table("customer_owners").Where("corp_id = ? AND external_userid > ?", corpID, lo).
		Order("external_userid").Offset(s.batch-1).Limit(1).Pluck("external_userid", &keys).Error
	if err != nil || len(keys) == 0 {
		return "", domainError(err, "旅程记录")
	}
	return keys[0], nil
}

// insertFires is one INSERT … SELECT of d's fires from src.
func (s *JourneyStore) insertFires(ctx context.Context, d app.JourneyDue, src dueSource) (int64, error) {
	j := d.Journey
	occ := src.occurrence
	if j.Reentry == app.ReentryOnce {
		occ = "''"
	}
	status, statusArgs := journeyHoldout(j, src.key)
	sql := "INSERT INTO journey_fires (corp_id, journey_id, step_id, external_userid, occurrence, userid, due_at, status, attempts, result, created_at) " +
		"SELECT ?, ?, ?, " + src.key + ", " + occ + ", o.userid, ?, " + status + ", 0, '', ? FROM " + src.from
	args := append(append([]any{j.CorpID, j.ID, d.StepID, d.DueAt.UTC()}, statusArgs...), d.Now.UTC())
	if !strings.HasPrefix(src.from, "customer_owners o") {
		sql += " JOIN customer_owners o ON o.corp_id = ? AND o.external_userid = " + src.key
		args = append(args, j.CorpID)
	}
	sql += " WHERE o.status = ? AND o.userid <> '' AND " + src.where
	args = append(append(args, app.OwnerAssigned), src.args...)
	aud, audArgs := journeyAudience(j, src.key)
	sql += aud + s.ignoreDuplicate()
	res := s.db.with(ctx).Exec(sql, append(args, audArgs...)...)
	return res.RowsAffected, domainError(res.Error, "旅程记录")
}

// ignoreDuplicate ends an INSERT … SELECT so a row whose key exists is
// skipped, in the dialect's words.
func (s *JourneyStore) ignoreDuplicate() string {
	if s.db.dialect == config.DriverMySQL {
		return " ON DUPLICATE KEY UPDATE journey_fires.id = journey_fires.id"
	}
	return " ON CONFLICT DO NOTHING"
}

// text casts an id column to the occurrence's text.
func (s *JourneyStore) text(col string) string {
	if s.db.dialect == config.DriverMySQL {
		return "CAST(" + col + " AS CHAR)"
	}
	return "CAST(" + col + " AS TEXT)"
}

// journeyAudience narrows the select to the journey's segment and tags.
func journeyAudience(j *app.Journey, key string) (string, []any) {
	var sql string
	var args []any
	if a := j.Audience; a.SegmentID > 0 {
		sql += " AND EXISTS (SELECT 1 FROM segments sg JOIN segment_members sm ON sm.segment_id = sg.id AND sm.version = sg.version" +
			" WHERE sg.corp_id = ? AND sg.id = ? AND sm.external_userid = " + key + ")"
		args = append(args, j.CorpID, a.SegmentID)
	}
	if len(j.Audience.TagIDs) > 0 {
		sql += " AND EXISTS (SELECT 1 FROM follow_tags ft WHERE ft.corp_id = ? AND ft.external_userid = " + key + " AND ft.tag_id IN ?)"
		args = append(args, j.CorpID, j.Audience.TagIDs)
	}
	return sql, args
}
