package transfer

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnTransferFailed is the transfer capability's subscriber to
// transfer_fail callbacks (wecom.KindTransferFailed).
func (s *Service) OnTransferFailed(ctx context.Context, e *app.InboxEvent) error {
	f, ok, err := wecom.ParseAs[wecom.TransferFailed](e.Payload)
	if err != nil || !ok {
		return err
	}
	return s.TransferFailed(ctx, app.TransferFail{CorpID: e.CorpID, TakeoverUserID: f.UserID, ExternalUserID: f.ExternalUserID,
		Reason: f.FailReason, At: e.EventTime})
}
