package referral

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// Notices sends a consumer a subscribe message (app/miniapp): one per
// consent they gave, idempotent by key; sent false when they have none
// left (or WeChat answered 43101).
type Notices interface {
	Notify(ctx context.Context, n app.MiniNotice) (sent bool, err error)
}

// Tasks gives a guide a task (app/todo), once per source.
type Tasks interface {
	CreateTask(ctx context.Context, t *app.GuideTask) (created bool, err error)
}

// Owners finds a customer's guides (app/db's AssignStore).
type Owners interface {
	OwnersOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error)
}

// tellReward tells the participant they reached a tier: a subscribe
// message if they consented to one; else the progress page shows it and
// their guide gets a task to tell them. A notice that cannot go out does
// not undo the grant: it is logged in the tier's detail.
func (s *Service) tellReward(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, t app.ReferralTier, key string) error {
	if s.Notices != nil && p.MemberID != nil {
		sent, err := s.Notices.Notify(ctx, app.MiniNotice{CorpID: p.CorpID, MemberID: *p.MemberID, Kind: app.NoticeReward,
			Page: fmt.Sprintf("pages/referral/progress?c=%d", c.ID), Key: key + ":notice",
			Data: map[string]string{"thing1": app.Truncate(t.Name, 20), "thing2": app.Truncate(c.Name, 20)}})
		if err == nil && sent {
			return nil
		}
	}
	return s.taskGuide(ctx, c, p, t, key)
}

// taskGuide asks the participant's own guide (their owner in WeCom) to
// tell them about the reward; a participant with no guide sees it on the
// progress page alone.
func (s *Service) taskGuide(ctx context.Context, c *app.ReferralCampaign, p *app.ReferralParticipant, t app.ReferralTier, key string) error {
	if s.Tasks == nil || s.Owners == nil {
		return nil
	}
	exts, err := s.Dir.ExternalsOf(ctx, p.CorpID, p.UnionID)
	if err != nil || len(exts) == 0 {
		return err
	}
	owners, err := s.Owners.OwnersOf(ctx, p.CorpID, exts[0])
	if err != nil {
		return err
	}
	for _, o := range owners {
		if o.UserID == "" {
			continue
		}
		_, err := s.Tasks.CreateTask(ctx, &app.GuideTask{CorpID: p.CorpID, UserID: o.UserID, StoreID: o.StoreID, ExternalUserID: exts[0],
			Kind: app.TaskFollowUp, Title: fmt.Sprintf("告知客户：已在「%s」获得%s", c.Name, t.Name), Status: app.TaskOpen, Source: "referral:" + key})
		return err
	}
	return nil
}
