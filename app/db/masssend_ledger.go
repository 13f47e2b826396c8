package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// LaneHeads returns, per guide of a send, the first chunk not yet past
// creation (planned or creating), if any: a guide's chunks are created
// strictly one after another, so at most one of them is ever in creating
// and a lost answer is matched to the one chunk it can belong to.
func (s *MassSendStore) LaneHeads(ctx context.Context, corpID, sendID int64) ([]app.MassSendChunk, error) {
	var out []app.MassSendChunk
	err := s.db.with(ctx).Raw(`SELECT c.* FROM mass_send_chunks c WHERE c.corp_id = ? AND c.send_id = ? AND c.state IN (?, ?)
	AND NOT EXISTS (SELECT 1 FROM mass_send_chunks p WHERE p.send_id = c.send_id AND p.userid = c.userid AND p.chunk < c.chunk AND p.state IN (?, ?))
	ORDER BY c.userid`, corpID, sendID, app.ChunkPlanned, app.ChunkCreating, app.ChunkPlanned, app.ChunkCreating).Scan(&out).Error
	return out, err
}

// ClaimChunk moves a chunk into creating for a new holder: from planned,
// or from creating under fence (a reclaim after its lease ran out and
// WeCom was found not to hold its task). It bumps the fence and returns
// it; 0 when someone else changed the chunk first.
func (s *MassSendStore) ClaimChunk(ctx context.Context, c *app.MassSendChunk, now, leaseUntil time.Time) (int64, error) {
	q := s.db.with(ctx).Table("mass_send_chunks").Where("id = ? AND corp_id = ? AND state = ? AND fence = ?", c.ID, c.CorpID, c.State, c.Fence)
	res := q.Updates(map[string]any{"state": app.ChunkCreating, "fence": c.Fence + 1, "lease_until": leaseUntil.UTC(),
		"first_claimed_at": coalesceTime(c.FirstClaimedAt, now), "updated_at": now})
	if res.Error != nil || res.RowsAffected == 0 {
		return 0, res.Error
	}
	return c.Fence + 1, nil
}

func coalesceTime(t *time.Time, or time.Time) time.Time {
	if t != nil {
		return t.UTC()
	}
	return or.UTC()
}

// ChunkRecipients lists a chunk's customers.
func (s *MassSendStore) ChunkRecipients(ctx context.Context, c *app.MassSendChunk) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("mass_send_recipients").Where("corp_id = ? AND send_id = ? AND userid = ? AND chunk = ? AND excluded = ''", c.CorpID, c.SendID, c.UserID, c.Chunk).
		Order("external_userid").Pluck("external_userid", &out).Error
	return out, err
}

// RecordCreated records the WeCom task of a chunk held under fence, and
// marks the customers WeCom left out of it; false when the fence moved on
// (the holder lost the chunk and must not record).
func (s *MassSendStore) RecordCreated(ctx context.Context, c *app.MassSendChunk, fence int64, msgID string, failed []string, now time.Time) (bool, error) {
	ok := false
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		res := s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND id = ? AND state = ? AND fence = ?", c.CorpID, c.ID, app.ChunkCreating, fence).
			Updates(map[string]any{"state": app.ChunkCreated, "msgid": msgID, "lease_until": nil, "updated_at": now})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		ok = true
		return s.setResults(ctx, c, failed, app.ResultNotIncluded, now)
	})
	return ok, err
}

// FailChunk ends a chunk held under fence without a WeCom task: failed
// (WeCom refused it) or cancelled (its send was, and WeCom holds none).
func (s *MassSendStore) FailChunk(ctx context.Context, c *app.MassSendChunk, fence int64, state, reason string, now time.Time) error {
	if len(reason) > 255 {
		reason = reason[:255]
	}
	return s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND id = ? AND state = ? AND fence = ?", c.CorpID, c.ID, app.ChunkCreating, fence).
		Updates(map[string]any{"state": state, "error": reason, "lease_until": nil, "settled_at": now, "updated_at": now}).Error
}

// KnownMsgIDs returns which of ids the corp's ledger already holds.
func (s *MassSendStore) KnownMsgIDs(ctx context.Context, corpID int64, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	var known []string
	err := s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND msgid IN ?", corpID, ids).Pluck("msgid", &known).Error
	for _, k := range known {
		out[k] = true
	}
	return out, err
}

// ChunksIn lists a send's chunks in the given states.
func (s *MassSendStore) ChunksIn(ctx context.Context, corpID, sendID int64, states ...string) ([]app.MassSendChunk, error) {
	var out []app.MassSendChunk
	err := s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND send_id = ? AND state IN ?", corpID, sendID, states).
		Order("userid, chunk").Find(&out).Error
	return out, err
}

// SetChunkTask records the guide task of a chunk.
func (s *MassSendStore) SetChunkTask(ctx context.Context, c *app.MassSendChunk, taskID int64) error {
	return s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND id = ?", c.CorpID, c.ID).Update("task_id", taskID).Error
}

// CloseChunk moves a created chunk to settled or cancelled, confirmed or
// not, and gives its customers still pending the result pending.
func (s *MassSendStore) CloseChunk(ctx context.Context, c *app.MassSendChunk, state string, confirmed bool, pending string, now time.Time) (bool, error) {
	ok := false
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		res := s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND id = ? AND state = ?", c.CorpID, c.ID, app.ChunkCreated).
			Updates(map[string]any{"state": state, "confirmed": confirmed, "settled_at": now, "updated_at": now})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		ok = true
		return s.db.with(ctx).Table("mass_send_recipients").Where("corp_id = ? AND send_id = ? AND userid = ? AND chunk = ? AND excluded = '' AND result = ''",
			c.CorpID, c.SendID, c.UserID, c.Chunk).Updates(map[string]any{"result": pending, "result_at": now}).Error
	})
	return ok, err
}

// CancelPlanned cancels a send's chunks not yet claimed.
func (s *MassSendStore) CancelPlanned(ctx context.Context, corpID, sendID int64, now time.Time) error {
	err := s.db.with(ctx).Table("mass_send_chunks").Where("corp_id = ? AND send_id = ? AND state = ?", corpID, sendID, app.ChunkPlanned).
		Updates(map[string]any{"state": app.ChunkCancelled, "settled_at": now, "updated_at": now}).Error
	if err != nil {
		return err
	}
	return s.db.with(ctx).Exec(`UPDATE mass_send_recipients SET result = ?, result_at = ? WHERE corp_id = ? AND send_id = ? AND excluded = '' AND result = ''
	AND EXISTS (SELECT 1 FROM mass_send_chunks c WHERE c.send_id = mass_send_recipients.send_id AND c.userid = mass_send_recipients.userid
	  AND c.chunk = mass_send_recipients.chunk AND c.state = ?)`, app.ResultCancelled, now, corpID, sendID, app.ChunkCancelled).Error
}

// PendingRecipients lists a chunk's customers whose result is pending.
func (s *MassSendStore) PendingRecipients(ctx context.Context, c *app.MassSendChunk) ([]string, error) {
	var out []string
	err := s.db.with(ctx).Table("mass_send_recipients").Where("corp_id = ? AND send_id = ? AND userid = ? AND chunk = ? AND excluded = '' AND result = ''", c.CorpID, c.SendID, c.UserID, c.Chunk).
		Pluck("external_userid", &out).Error
	return out, err
}
