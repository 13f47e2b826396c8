package remind

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// PanelTask is a task as the side panel shows it: what it is about by
// name, its kind in words, its due time in the corp's zone.
type PanelTask struct {
	app.GuideTask
	KindName string
	Subject  string
	Due      string // "" when undated
	Overdue  bool
}

// TodayTasks are the viewer's open tasks due today or overdue, and the
// undated ones: what the reminder's link opens.
func (s *Service) TodayTasks(ctx context.Context, v app.PanelViewer) ([]PanelTask, error) {
	corp, err := s.Corps.FindCorpByID(ctx, v.CorpID)
	if err != nil {
		return nil, err
	}
	zone := app.ZoneNamed(corp.Timezone)
	list, err := s.Reads.GuideOpenTasks(ctx, v.CorpID, v.UserID, endOfToday(s.Now(), zone))
	if err != nil {
		return nil, err
	}
	return s.panelTasks(ctx, v.CorpID, list, zone)
}

// GroupTasks are the viewer's open tasks about group chatID (its SOP
// steps), with the group's name.
func (s *Service) GroupTasks(ctx context.Context, v app.PanelViewer, chatID string) ([]PanelTask, string, error) {
	if chatID == "" {
		return nil, "", app.FieldInvalid("chat_id", "缺少客户群")
	}
	corp, err := s.Corps.FindCorpByID(ctx, v.CorpID)
	if err != nil {
		return nil, "", err
	}
	list, err := s.Reads.ChatOpenTasks(ctx, v.CorpID, chatID)
	if err != nil {
		return nil, "", err
	}
	names, err := s.Names.GroupNames(ctx, v.CorpID, []string{chatID})
	if err != nil {
		return nil, "", err
	}
	out, err := s.panelTasks(ctx, v.CorpID, mine(list, v.UserID), app.ZoneNamed(corp.Timezone))
	return out, names[chatID], err
}

// CustomerTasks are the viewer's open tasks about one customer (journey
// steps, follow-ups), with the customer's name: the panel opened in that
// customer's chat sends them there.
func (s *Service) CustomerTasks(ctx context.Context, v app.PanelViewer, externalUserID string) ([]PanelTask, string, error) {
	if externalUserID == "" {
		return nil, "", app.FieldInvalid("external_userid", "缺少客户")
	}
	corp, err := s.Corps.FindCorpByID(ctx, v.CorpID)
	if err != nil {
		return nil, "", err
	}
	list, err := s.Reads.CustomerOpenTasks(ctx, v.CorpID, externalUserID)
	if err != nil {
		return nil, "", err
	}
	names, err := s.Names.CustomerNames(ctx, v.CorpID, []string{externalUserID})
	if err != nil {
		return nil, "", err
	}
	out, err := s.panelTasks(ctx, v.CorpID, mine(list, v.UserID), app.ZoneNamed(corp.Timezone))
	return out, names[externalUserID], err
}

// mine keeps the tasks of guide userID: another guide's are not theirs
// to send or close.
func mine(list []app.GuideTask, userID string) []app.GuideTask {
	out := list[:0]
	for _, t := range list {
		if t.UserID == userID {
			out = append(out, t)
		}
	}
	return out
}

func (s *Service) panelTasks(ctx context.Context, corpID int64, list []app.GuideTask, zone *time.Location) ([]PanelTask, error) {
	subjects, err := s.subjects(ctx, corpID, list)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	out := make([]PanelTask, len(list))
	for i, t := range list {
		out[i] = PanelTask{GuideTask: t, KindName: KindName(t.Kind), Subject: subjects[i], Overdue: t.Overdue(now)}
		if t.DueAt != nil {
			out[i].Due = t.DueAt.In(zone).Format("01-02 15:04")
		}
	}
	return out, nil
}

// Done marks the viewer's own open task done from the panel: the guide's
// word, recorded as self-reported. Another guide's task is "not found";
// one already closed is a conflict.
func (s *Service) Done(ctx context.Context, v app.PanelViewer, id int64) (*app.GuideTask, error) {
	t, err := s.Reads.FindGuideTask(ctx, v.CorpID, id)
	if err != nil {
		return nil, err
	}
	if t.UserID != v.UserID {
		return nil, app.Errorf(app.ENOTFOUND, "待办不存在")
	}
	by := app.Principal{CorpID: v.CorpID, Role: "guide", Actor: "staff:" + v.UserID, Name: v.UserID}
	return s.Tasks.CompleteTask(ctx, v.CorpID, id, by, false)
}
