package behavior

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Pull fetches the figures of every active guide of the corp for its pull
// of day (the corp's day it runs on), then marks that pull finished. Run
// again after a failure, it goes on from each guide's mark. A guide WeCom
// does not know is skipped (counted and logged); any other failure stops
// the pull for the task's retry (a rate limit waits without counting).
func (s *Service) Pull(ctx context.Context, corpID int64, day string) error {
	finished, err := s.store.StartBehaviorPull(ctx, corpID, day)
	if err != nil || finished {
		return err
	}
	cli, err := s.clients.Client(ctx, corpID)
	if err != nil {
		return err
	}
	users, err := s.activeGuides(ctx, corpID)
	if err != nil {
		return err
	}
	marks, err := s.store.BehaviorMarks(ctx, corpID)
	if err != nil {
		return err
	}
	today, p := wecom.StatsDay(s.now()), app.BehaviorPull{CorpID: corpID, Day: day, Guides: len(users)}
	for _, u := range users {
		todo, ok := plan(marks[u], today, s.opts)
		if !ok {
			continue
		}
		err := s.pullGuide(ctx, cli, corpID, u, todo, &p.Calls)
		if app.ErrorCode(err) == app.ENOTFOUND {
			p.Skipped++
			s.log.WarnContext(ctx, "behavior: guide skipped", "corp_id", corpID, "userid", u, "err", err)
			continue
		}
		if err != nil {
			return fmt.Errorf("pull behavior of %s: %w", u, err)
		}
	}
	return s.store.FinishBehaviorPull(ctx, p)
}

// pullGuide fetches one guide's days a span a call, storing each span
// with the guide's mark before the next call.
func (s *Service) pullGuide(ctx context.Context, cli WeCom, corpID int64, userID string, todo span, calls *int) error {
	for _, sp := range spans(todo) {
		*calls++
		got, err := cli.UserBehaviorData(ctx, wecom.BehaviorRequest{UserIDs: []string{userID}, From: sp.from, To: sp.to})
		if err != nil {
			return err
		}
		if err := s.store.StoreBehaviorSpan(ctx, corpID, userID, sp.to, rows(corpID, userID, sp, got)); err != nil {
			return err
		}
	}
	return nil
}

// activeGuides lists the userids of the corp's active guides, once each.
func (s *Service) activeGuides(ctx context.Context, corpID int64) ([]string, error) {
	var out []string
	f := app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, Status: app.GuideActive}
	for {
		gs, next, err := s.guides.ListGuides(ctx, corpID, f)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			out = append(out, g.UserID)
		}
		if next == 0 {
			break
		}
		f.After = next
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// rows are WeCom's days of the span as stored: percentages in basis
// points and minutes in hundredths, an absent figure kept absent.
func rows(corpID int64, userID string, sp span, got []wecom.Behavior) []app.BehaviorDay {
	var out []app.BehaviorDay
	for _, b := range got {
		if b.Day < sp.from || b.Day > sp.to {
			continue
		}
		out = append(out, app.BehaviorDay{CorpID: corpID, UserID: userID, Day: b.Day, ChatCnt: b.ChatCnt, MessageCnt: b.MessageCnt,
			ReplyPctBP: hundredths(b.ReplyPercentage), AvgReplyTimeX100: hundredths(b.AvgReplyTime),
			NegativeFeedbackCnt: b.NegativeFeedbackCnt, NewApplyCnt: b.NewApplyCnt, NewContactCnt: b.NewContactCnt})
	}
	return out
}

// hundredths is v×100 rounded, nil for nil.
func hundredths(v *float64) *int64 {
	if v == nil {
		return nil
	}
	n := int64(math.Round(*v * 100))
	return &n
}
