package assign

import (
	"context"
	"slices"

	"github.com/siyu-scrm/siyu/app"
)

// manualTask is the follow-up a guide gets with a customer given by hand.
const manualTask = "客户池手动分配的新客户：请尽快联系并添加好友"

// AssignManually gives pooled customers to the guide userID, as the
// console user by decided (客户池手动分配). Each customer's owner changes
// once, with one history row (rule manual, by as actor, a reason naming
// them), an audit entry and the guide's follow-up task, all in one
// transaction under the corp's decision lock, so neither the pool run nor
// another user places the same customer meanwhile. A pooled stay is given
// under the key the pool run uses for it, so the two can never both
// record it; a retry of the same request finds its customers the guide's
// already and counts them without recording anything again. Nothing is
// given unless every customer can be: a guide who is not active, a
// customer no longer pooled and a store manager reaching beyond their
// store are refused, every reason at once.
func (s *Service) AssignManually(ctx context.Context, corpID int64, by app.Principal, externalUserIDs []string, userID string) (int, error) {
	if app.ReadOnly(by.Role) {
		return 0, app.Errorf(app.EFORBIDDEN, "分析师角色只读，不能分配客户")
	}
	g, own, err := s.manualGuide(ctx, corpID, by, userID, len(distinct(externalUserIDs)))
	if err != nil {
		return 0, err
	}
	scope, err := s.Org.StoreScope(ctx, corpID, &g.StoreID)
	if err != nil {
		return 0, err
	}
	h := handover{userID: g.UserID, storeID: g.StoreID, rule: app.RuleManual, reason: manualReason(by), actor: by.Actor,
		task: manualTask, at: s.Now().UTC()}
	n := 0
	err = s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.LockCorp(ctx, corpID); err != nil {
			return err
		}
		give, done, err := s.manualPlan(ctx, corpID, scope, own, g, externalUserIDs)
		if err != nil {
			return err
		}
		for _, o := range give {
			if err := s.giveByHand(ctx, o, h, by); err != nil {
				return err
			}
		}
		n = len(give) + done
		return nil
	})
	return n, err
}

// giveByHand gives pooled owner o as h says and records by's decision in
// the audit trail.
func (s *Service) giveByHand(ctx context.Context, o app.Owner, h handover, by app.Principal) error {
	h.key = poolKey(o)
	after, err := s.givePooled(ctx, o, h)
	if err != nil {
		return err
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: o.CorpID, Actor: by.Actor, Action: "customer.assign", TargetType: "customer",
		TargetID: o.ExternalUserID, Detail: map[string]any{"rule": app.RuleManual, "reason": h.reason, "before": o, "after": after}})
}

// manualReason names who decided, for people reading the history.
func manualReason(by app.Principal) string {
	who := app.RoleNames[by.Role]
	if by.Name != "" {
		who += " " + by.Name
	}
	return who + " 从客户池手动分配"
}

// distinct keeps the first of each id, in order, without empty ones.
func distinct(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
