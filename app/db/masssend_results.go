package db

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// SetResults gives the chunk's pending customers among exts the result,
// a thousand at a time. A result once set is WeCom's final word and is
// not changed.
func (s *MassSendStore) SetResults(ctx context.Context, c *app.MassSendChunk, exts []string, result string, now time.Time) error {
	return s.setResults(ctx, c, exts, result, now)
}

func (s *MassSendStore) setResults(ctx context.Context, c *app.MassSendChunk, exts []string, result string, now time.Time) error {
	for len(exts) > 0 {
		n := min(len(exts), 1000)
		err := s.db.with(ctx).Table("mass_send_recipients").
			Where("corp_id = ? AND send_id = ? AND userid = ? AND chunk = ? AND excluded = '' AND result = '' AND external_userid IN ?",
				c.CorpID, c.SendID, c.UserID, c.Chunk, exts[:n]).
			Updates(map[string]any{"result": result, "result_at": now}).Error
		if err != nil {
			return err
		}
		exts = exts[n:]
	}
	return nil
}

// MassSendProgress counts a send's chunks by guide and state and its
// recipients by guide and result.
func (s *MassSendStore) MassSendProgress(ctx context.Context, corpID, sendID int64) ([]app.MassSendGuideProgress, error) {
	var chunks []struct {
		UserID    string `gorm:"column:userid"`
		State     string
		Confirmed bool
		N         int64
	}
	if err := s.db.with(ctx).Raw(`SELECT userid, state, confirmed, COUNT(*) AS n FROM mass_send_chunks WHERE corp_id = ? AND send_id = ?
	GROUP BY userid, state, confirmed ORDER BY userid`, corpID, sendID).Scan(&chunks).Error; err != nil {
		return nil, err
	}
	var results []struct {
		UserID string `gorm:"column:userid"`
		Result string
		N      int64
	}
	if err := s.db.with(ctx).Raw(`SELECT userid, result, COUNT(*) AS n FROM mass_send_recipients WHERE corp_id = ? AND send_id = ? AND excluded = ''
	GROUP BY userid, result`, corpID, sendID).Scan(&results).Error; err != nil {
		return nil, err
	}
	var out []app.MassSendGuideProgress
	at := map[string]int{}
	guide := func(u string) *app.MassSendGuideProgress {
		if i, ok := at[u]; ok {
			return &out[i]
		}
		at[u] = len(out)
		out = append(out, app.MassSendGuideProgress{UserID: u, Chunks: map[string]int64{}, Results: map[string]int64{}})
		return &out[len(out)-1]
	}
	for _, c := range chunks {
		g := guide(c.UserID)
		g.Chunks[c.State] += c.N
		if c.Confirmed {
			g.Confirmed += c.N
		}
	}
	for _, r := range results {
		guide(r.UserID).Results[r.Result] += r.N
	}
	return out, nil
}

// ListRecipients pages a send's customers by id, with the total.
func (s *MassSendStore) ListRecipients(ctx context.Context, corpID, sendID int64, f app.MassSendResultFilter) ([]app.MassSendRecipient, int64, error) {
	q := s.db.with(ctx).Table("mass_send_recipients").Where("corp_id = ? AND send_id = ?", corpID, sendID)
	if f.UserID != "" {
		q = q.Where("userid = ?", f.UserID)
	}
	if f.Excluded != "" {
		q = q.Where("excluded = ?", f.Excluded)
	}
	if f.Targeted {
		q = q.Where("excluded = ''")
	}
	if f.Result != "" {
		q = q.Where("result = ?", f.Result)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var out []app.MassSendRecipient
	err := q.Where("id > ?", f.After).Order("id").Limit(app.PageLimit(f.Limit, 100)).Find(&out).Error
	return out, total, err
}

// RemindersSince counts a send's reminders since t.
func (s *MassSendStore) RemindersSince(ctx context.Context, corpID, sendID int64, t time.Time) (int64, error) {
	var n int64
	err := s.db.with(ctx).Table("mass_send_reminders").Where("corp_id = ? AND send_id = ? AND at > ?", corpID, sendID, t.UTC()).Count(&n).Error
	return n, err
}

// AddReminder records a reminder of a send at t.
func (s *MassSendStore) AddReminder(ctx context.Context, corpID, sendID int64, t time.Time) error {
	return s.db.with(ctx).Exec("INSERT INTO mass_send_reminders (corp_id, send_id, at) VALUES (?, ?, ?)", corpID, sendID, t.UTC()).Error
}
