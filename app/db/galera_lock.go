package db

import (
	"context"
	"hash/fnv"
	"slices"
	"strconv"

	"gorm.io/gorm/clause"
)

// lockBuckets is how many cluster_locks rows a corp's locks share. Two
// transactions locking different rows that fall in one bucket at the same
// moment on two nodes rerun one of them for nothing: rare at this size,
// and the table stays at most this many rows a corp.
const lockBuckets = 4096

// clusterLock makes the rows ids of table, which the transaction ctx
// carries has just read FOR UPDATE, locked across a Galera cluster's
// nodes as they are on one: it bumps their buckets' counters in
// cluster_locks, so a transaction on another node that locks any of them
// at the same time writes a row this one writes, and certification
// reruns the later (InTx). A store calls it when the transaction may
// not write the locked rows themselves; on one server, and on SQLite,
// the FOR UPDATE read is enough and it does nothing. Buckets are bumped
// in order, so two lockers on one node cannot deadlock.
func (db *DB) clusterLock(ctx context.Context, corpID int64, table string, ids []int64) error {
	if db.galera == nil || len(ids) == 0 {
		return nil
	}
	var rows []map[string]any
	for _, b := range lockBucketsOf(table, ids) {
		rows = append(rows, map[string]any{"corp_id": corpID, "bucket": b, "seq": 1})
	}
	return db.with(ctx).Table("cluster_locks").Clauses(onKey([]string{"corp_id", "bucket"},
		[]clause.Assignment{assign("seq", "seq + 1")})).Create(&rows).Error
}

// lockBucketsOf is the sorted, distinct buckets of table's rows ids.
func lockBucketsOf(table string, ids []int64) []int {
	var out []int
	for _, id := range ids {
		h := fnv.New32a()
		h.Write([]byte(table + ":" + strconv.FormatInt(id, 10)))
		out = append(out, int(h.Sum32()%lockBuckets))
	}
	slices.Sort(out)
	return slices.Compact(out)
}
