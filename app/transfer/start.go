package transfer

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// plan is a validated transfer before it is stored.
type plan struct {
	t      app.Transfer
	left   bool        // the leaver is marked left in Siyu
	takers []app.Guide // who takes customers over, in turn
	items  []app.TransferItem
	groups []app.TransferGroup
}

// StartTransfer records a transfer of the guide's customers and groups
// and queues its first steps. Items over WeCom's 2-in-90-days limit are
// recorded as refused and flagged at once, never sent.
// With req.Expect set, the plan must be the one the caller previewed.
func (s *Service) StartTransfer(ctx context.Context, req app.StartTransfer) (*app.Transfer, error) {
	p, err := s.prepare(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.Expect != "" && req.Expect != p.digest() {
		return nil, app.Errorf(app.ECONFLICT, "预览之后转接名单有变化（客户、客户群或接替导购有增减），请重新预览并确认")
	}
	if err := s.store(ctx, p); err != nil {
		return nil, err
	}
	s.kick(ctx, p.t.CorpID, p.t.ID)
	return s.Store.FindTransfer(ctx, p.t.CorpID, p.t.ID)
}

// prepare checks the request and lays the transfer out: what both
// StartTransfer and PreviewTransfer do, so a preview shows what starts.
func (s *Service) prepare(ctx context.Context, req app.StartTransfer) (*plan, error) {
	if err := validate(req); err != nil {
		return nil, err
	}
	return s.plan(ctx, req)
}

func validate(req app.StartTransfer) error {
	var f app.Fields
	f.Check(req.UserID == "", "userid", "请填写要转出客户的导购（userid）")
	f.Check(req.Mode != "" && req.Mode != app.TransferOnJob && req.Mode != app.TransferResigned, "mode",
		"转接方式应为 on_job（在职继承）或 resigned（离职继承）")
	f.Check(req.Rule != app.TransferRoundRobin && req.Rule != app.TransferToGuide, "rule",
		"分配规则应为 round_robin（本店导购轮流接替）或 guide（指定导购接替）")
	f.Check(req.Rule == app.TransferToGuide && req.ToUserID == "", "takeover_userid", "指定导购接替时请填写接替导购（takeover_userid）")
	f.Check(req.Rule != app.TransferToGuide && req.ToUserID != "", "takeover_userid", "轮流接替时不能指定接替导购")
	f.Check(req.ToUserID != "" && req.ToUserID == req.UserID, "takeover_userid", "接替导购不能是转出导购本人")
	f.Check(utf8.RuneCountInString(req.Message) > 200, "message", "转接提示语不能超过 200 个字")
	return f.Err()
}

// notRunning refuses a second transfer of a guide whose first still runs.
func (s *Service) notRunning(ctx context.Context, corpID int64, userID string) error {
	t, err := s.Store.RunningTransferOf(ctx, corpID, userID)
	if err == nil {
		return app.Errorf(app.ECONFLICT, "该导购已有进行中的转接任务（#%d），请等它结束或取消后再发起", t.ID)
	}
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil
	}
	return err
}

// plan reads the leaver, checks who may hand them over, picks the takers
// and lays out one item per customer and one row per group.
func (s *Service) plan(ctx context.Context, req app.StartTransfer) (*plan, error) {
	leaver, err := s.Org.FindGuideByUserID(ctx, req.CorpID, req.UserID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, app.FieldInvalid("userid", fmt.Sprintf("导购 %s 不存在", req.UserID))
	} else if err != nil {
		return nil, err
	}
	own, err := s.storeOf(ctx, req.CorpID, req.By)
	if err == nil {
		err = mayHandOver(own, leaver.StoreID)
	}
	if err != nil {
		return nil, err
	}
	if err := s.notRunning(ctx, req.CorpID, req.UserID); err != nil {
		return nil, err
	}
	takers, err := s.takers(ctx, req, leaver, own)
	if err != nil {
		return nil, err
	}
	p := &plan{takers: takers, left: leaver.Status == app.GuideLeft, t: app.Transfer{CorpID: req.CorpID, Mode: modeOf(req, leaver), Rule: req.Rule, FromUserID: leaver.UserID,
		FromStoreID: leaver.StoreID, ToUserID: req.ToUserID, Message: req.Message, Status: app.TransferRunning, Actor: actorOf(ctx, req.By)}}
	return p, s.layOut(ctx, p)
}

// modeOf picks the API: the one asked for, else 离职继承 for a guide
// marked left and 在职继承 for one still active.
func modeOf(req app.StartTransfer, leaver *app.Guide) string {
	switch {
	case req.Mode != "":
		return req.Mode
	case leaver.Status == app.GuideLeft:
		return app.TransferResigned
	}
	return app.TransferOnJob
}

func actorOf(ctx context.Context, by app.Principal) string {
	if by.Actor != "" {
		return by.Actor
	}
	if a := app.Actor(ctx); a != "" {
		return a
	}
	return "system:transfer"
}

// layOut gives the customers to the takers in turn and marks those WeCom
// would refuse for the 90-day limit.
func (s *Service) layOut(ctx context.Context, p *plan) error {
	customers, err := s.Directory.FollowedBy(ctx, p.t.CorpID, p.t.FromUserID)
	if err != nil {
		return err
	}
	chats, err := s.Directory.GroupsOwnedBy(ctx, p.t.CorpID, p.t.FromUserID)
	if err != nil {
		return err
	}
	if len(customers) == 0 && len(chats) == 0 {
		return app.FieldInvalid("userid", "该导购名下没有可转接的客户或客户群")
	}
	recent := map[string]int{}
	if p.t.Mode == app.TransferOnJob {
		if recent, err = s.Store.RecentTransfers(ctx, p.t.CorpID, customers, s.clock().Add(-90*24*time.Hour)); err != nil {
			return err
		}
	}
	for i, ext := range customers {
		p.items = append(p.items, s.item(p, p.takers[i%len(p.takers)], ext, recent[ext]))
	}
	for i, chat := range chats {
		p.groups = append(p.groups, app.TransferGroup{ChatID: chat, ToUserID: p.takers[i%len(p.takers)].UserID, State: app.GroupPending})
	}
	return nil
}

func (s *Service) item(p *plan, taker app.Guide, ext string, recent int) app.TransferItem {
	it := app.TransferItem{ExternalUserID: ext, FromUserID: p.t.FromUserID, ToUserID: taker.UserID, ToStoreID: taker.StoreID, State: app.ItemPending}
	if recent >= app.TransfersPer90Days {
		now := s.clock()
		it.State, it.Reason, it.ErrCode, it.Flagged, it.SettledAt = app.ItemRefused, app.ReasonTooFrequent, 40128, true, &now
	}
	return it
}

// store writes the transfer, its audit record and the follow-up tasks of
// the items refused up front, in one transaction. The check that no other
// transfer of the guide runs is made again under the corp's lock, so two
// requests at once cannot both start one.
func (s *Service) store(ctx context.Context, p *plan) error {
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Owners.LockCorp(ctx, p.t.CorpID); err != nil {
			return err
		}
		if err := s.notRunning(ctx, p.t.CorpID, p.t.FromUserID); err != nil {
			return err
		}
		if err := s.Store.CreateTransfer(ctx, &p.t, p.items, p.groups); err != nil {
			return err
		}
		for _, it := range p.items {
			if it.State == app.ItemRefused {
				it.TransferID = p.t.ID
				if err := s.followUp(ctx, &p.t, it); err != nil {
					return err
				}
			}
		}
		return s.audit(ctx, &p.t, p.t.Actor, "transfer.start", map[string]any{"mode": p.t.Mode, "rule": p.t.Rule,
			"from_userid": p.t.FromUserID, "to_userid": p.t.ToUserID, "customers": len(p.items), "groups": len(p.groups)})
	})
}

// audit records a change to transfer t made by actor.
func (s *Service) audit(ctx context.Context, t *app.Transfer, actor, action string, detail any) error {
	return s.Audit.Record(ctx, app.AuditChange{CorpID: t.CorpID, Actor: actor, Action: action, TargetType: "transfer", TargetID: t.ID, Detail: detail})
}

// kick queues the transfer's first steps; if that fails the periodic
// follow-up takes them within its period, so it is only logged.
func (s *Service) kick(ctx context.Context, corpID, id int64) {
	if s.Queue == nil {
		return
	}
	if err := s.Queue.EnqueueTransfer(ctx, corpID, id); err != nil {
		s.Log.WarnContext(ctx, "transfer not queued; the periodic follow-up will send it", "transfer", id, "err", err)
	}
}
