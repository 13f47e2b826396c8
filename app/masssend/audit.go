package masssend

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// audit records what a person did to ms — created, confirmed, reminded or
// cancelled it — by the request's actor. Sends a journey or SOP makes for
// one fire are the machine's, kept in their own ledgers, not here. The
// change is made when this runs, so a failed record is logged, not
// returned: a caller told the create failed would create the send again.
func (s *Service) audit(ctx context.Context, ms *app.MassSend, action string) error {
	if s.Audit == nil || ms.SourceKey != nil {
		return nil
	}
	actor := app.Actor(ctx)
	if actor == "" {
		actor = ms.CreatedBy
	}
	err := s.Audit.Record(ctx, app.AuditChange{CorpID: ms.CorpID, Actor: actor, Action: action, TargetType: "mass_send", TargetID: ms.ID,
		Detail: map[string]any{"name": ms.Name, "status": ms.Status, "audience": ms.AudienceKind, "chat_type": ms.ChatType,
			"send_at": ms.SendAt, "targeted": ms.Targeted}})
	if err != nil {
		s.Log.ErrorContext(ctx, "mass send: audit not recorded", "send", ms.ID, "action", action, "err", err)
	}
	return nil
}
