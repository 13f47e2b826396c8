package rfm

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// save classifies members and writes them, with a change row for each
// whose class or stage moved, a thousand per transaction.
func (s *Service) save(ctx context.Context, st *app.RFMSettings, members []int64, ms map[int64]measure, now time.Time) error {
	for start := 0; start < len(members); start += 1000 {
		ids := members[start:min(start+1000, len(members))]
		err := s.Tx.InTx(ctx, func(ctx context.Context) error {
			prior, err := s.Store.MemberRFMs(ctx, st.CorpID, ids)
			if err != nil {
				return err
			}
			rows, changes := make([]app.MemberRFM, len(ids)), []app.RFMChange(nil)
			for i, id := range ids {
				rows[i] = classify(st, id, ms[id], now)
				if p, ok := prior[id]; !ok || p.Class != rows[i].Class || p.Stage != rows[i].Stage {
					changes = append(changes, app.RFMChange{CorpID: st.CorpID, MemberID: id, FromClass: p.Class, ToClass: rows[i].Class,
						FromStage: p.Stage, ToStage: rows[i].Stage, At: now})
				}
			}
			return s.Store.SaveMemberRFMs(ctx, rows, changes)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
