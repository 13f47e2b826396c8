package assign

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// actor names assignment's own decisions in the history.
const actor = "system:assign"

// record writes decision d: the owner row (kept as is for a sticky
// owner), the history entry, and the daily count and round-robin turn it
// used.
func (s *Service) record(ctx context.Context, sit situation, scope int64, d decision) (outcome, error) {
	out := outcome{channel: sit.Channel, userID: d.UserID, storeID: d.StoreID}
	var from app.Owner
	if sit.Owner != nil {
		from = *sit.Owner
	}
	if d.Rule != app.RuleSticky {
		o := app.Owner{CorpID: sit.Add.CorpID, Scope: scope, ExternalUserID: sit.Add.ExternalUserID, UserID: d.UserID,
			StoreID: d.StoreID, ChannelID: channelID(sit.Channel), Status: app.OwnerAssigned, AssignedAt: sit.Add.At}
		if d.Pool {
			o.Status = app.OwnerPool
		}
		if err := s.Store.SaveOwner(ctx, &o); err != nil {
			return out, err
		}
	}
	a := app.Assignment{CorpID: sit.Add.CorpID, Scope: scope, ExternalUserID: sit.Add.ExternalUserID, FromUserID: from.UserID,
		ToUserID: d.UserID, FromStoreID: from.StoreID, ToStoreID: d.StoreID, ChannelID: channelID(sit.Channel),
		Rule: d.Rule, Reason: d.Reason, Actor: actor, EventKey: sit.Add.EventKey}
	if err := s.recordAssignment(ctx, &a); err != nil {
		return out, err
	}
	return s.countTurn(ctx, sit, d, out)
}

// countTurn counts the add against the owner's daily cap on the channel
// and moves a round-robin channel's turn on.
func (s *Service) countTurn(ctx context.Context, sit situation, d decision, out outcome) (outcome, error) {
	ch := sit.Channel
	if d.Rule == app.RuleRoundRobin {
		if err := s.Store.SetChannelTurn(ctx, sit.Add.CorpID, ch.ID, d.UserID); err != nil {
			return out, err
		}
	}
	if !d.CountCap {
		return out, nil
	}
	day := app.CapDay(sit.Local, sit.Local.Location())
	if err := s.Store.CountDailyAdd(ctx, sit.Add.CorpID, ch.ID, d.UserID, day); err != nil {
		return out, err
	}
	// Under the corp's lock nobody else counted since the situation was
	// read, so this add is the guide's Today+1th.
	out.capHit = ch.DailyCap > 0 && sit.today(d.UserID)+1 >= ch.DailyCap
	return out, nil
}

func channelID(ch *app.Channel) *int64 {
	if ch == nil {
		return nil
	}
	return &ch.ID
}

// followUp gives the guide a task to reach out to a customer they were
// handed without having been added by them.
func (s *Service) followUp(ctx context.Context, corpID int64, userID, externalUserID, title, source string, at time.Time) error {
	due := at.Add(24 * time.Hour)
	_, err := s.Tasks.CreateTask(ctx, &app.GuideTask{CorpID: corpID, UserID: userID, ExternalUserID: externalUserID,
		Kind: app.TaskFollowUp, Title: title, DueAt: &due, Source: source})
	return err
}
