package transfer

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// OnTransferFailed is the transfer capability's subscriber to
// transfer_fail callbacks (wecom.KindTransferFailed).
func (s *Service) OnTransferFailed(ctx context.Context, e *app.InboxEvent) error {
	ev, err := wecom.ParseEvent([]byte(e.Payload))
	if err != nil {
		return app.Wrap(app.EINVALID, err, "事件内容无法解析")
	}
	f, ok := ev.(wecom.TransferFailed)
	if !ok {
		return nil
	}
	return s.TransferFailed(ctx, app.TransferFail{CorpID: e.CorpID, TakeoverUserID: f.UserID, ExternalUserID: f.ExternalUserID,
		Reason: f.FailReason, At: e.EventTime})
}
