package masssend

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// planOptions are the options a send is planned (or previewed) by at now:
// the limit's period starts in the corp's zone.
func (s *Service) planOptions(ctx context.Context, corpID int64, now time.Time) (app.MassSendPlanOptions, error) {
	zone, err := s.Corps.CorpZone(ctx, corpID)
	if err != nil {
		return app.MassSendPlanOptions{}, err
	}
	return app.MassSendPlanOptions{ChunkSize: s.Options.ChunkSize, LimitCount: s.Options.Limit.Count,
		PeriodStart: PeriodStart(now.In(app.ZoneNamed(zone)), s.Options.Limit.Period).UTC(), Now: now}, nil
}

// forChat caps a group send's chunks at WeCom's 2,000 groups a task.
func forChat(ms *app.MassSend, o app.MassSendPlanOptions) app.MassSendPlanOptions {
	if ms.ChatType == app.ChatGroup {
		o.ChunkSize = min(o.ChunkSize, app.MassSendMaxGroups)
	}
	return o
}

// PeriodStart is the start of the calendar period ("day", "week" from
// Monday, else "month") holding t, in t's zone.
func PeriodStart(t time.Time, period string) time.Time {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	switch period {
	case "day":
		return day
	case "week":
		return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
	}
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
}

// plan plans a scheduled send that is due; false when it is not due or
// was planned (or cancelled) by another run.
func (s *Service) plan(ctx context.Context, ms *app.MassSend) (bool, error) {
	now := s.now()
	if ms.Status != app.MassSendScheduled || ms.SendAt.After(now) {
		return false, nil
	}
	o, err := s.planOptions(ctx, ms.CorpID, now)
	if err != nil {
		return false, err
	}
	return s.Store.PlanMassSend(ctx, ms, forChat(ms, o))
}

// Preview computes what planning the send would do now, writing nothing.
func (s *Service) Preview(ctx context.Context, corpID, id int64) (*app.MassSendPreview, error) {
	ms, err := s.Store.FindMassSend(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	o, err := s.planOptions(ctx, corpID, s.now())
	if err != nil {
		return nil, err
	}
	return s.Store.PreviewMassSend(ctx, ms, forChat(ms, o))
}

// Get returns one send with its counts.
func (s *Service) Get(ctx context.Context, corpID, id int64) (*app.MassSend, error) {
	return s.Store.FindMassSend(ctx, corpID, id)
}

// List pages a corp's sends, newest first.
func (s *Service) List(ctx context.Context, corpID int64, f app.MassSendFilter) ([]app.MassSend, int64, error) {
	return s.Store.ListMassSends(ctx, corpID, f)
}

// Progress is the send's chunks and results per guide.
func (s *Service) Progress(ctx context.Context, corpID, id int64) ([]app.MassSendGuideProgress, error) {
	if _, err := s.Store.FindMassSend(ctx, corpID, id); err != nil {
		return nil, err
	}
	return s.Store.MassSendProgress(ctx, corpID, id)
}

// Results pages the send's customers with their exclusion or outcome.
func (s *Service) Results(ctx context.Context, corpID, id int64, f app.MassSendResultFilter) ([]app.MassSendRecipient, int64, error) {
	if _, err := s.Store.FindMassSend(ctx, corpID, id); err != nil {
		return nil, 0, err
	}
	return s.Store.ListRecipients(ctx, corpID, id, f)
}
