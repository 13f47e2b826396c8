package assign

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// Touches is the touch ledger (app/touch): assignment records there every
// owner change and every welcome sent, in its own transaction.
type Touches interface {
	Record(ctx context.Context, ts ...app.Touch) error
}

// recordAssignment keeps decision a in the history and, when it gives the
// customer an owner, in the touch ledger.
func (s *Service) recordAssignment(ctx context.Context, a *app.Assignment) error {
	if err := s.Store.RecordAssignment(ctx, a); err != nil {
		return err
	}
	if s.Touches == nil || a.ToUserID == "" {
		return nil
	}
	return s.Touches.Record(ctx, app.Touch{CorpID: a.CorpID, Kind: app.TouchOwner, SourceID: "assignment:" + strconv.FormatInt(a.ID, 10),
		ExternalUserID: a.ExternalUserID, UserID: a.ToUserID, StoreID: a.ToStoreID, ChannelID: a.ChannelID, At: a.CreatedAt,
		Detail: detail(map[string]any{"rule": a.Rule, "from": a.FromUserID})})
}

// detail is v as a touch's detail.
func detail(v map[string]any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
