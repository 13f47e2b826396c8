package remind

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strconv"
	"strings"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// KindNames are the task kinds as a guide reads them.
var KindNames = map[string]string{app.TaskFollowUp: "新客户跟进", app.TaskTransferRefused: "转接被拒跟进", app.TaskManual: "人工指派",
	app.TaskJourneyStep: "客户旅程", app.TaskSOPStep: "社群SOP", app.TaskMassSend: "群发待确认", app.TaskChurn: "流失提醒",
	app.TaskReward: "交付奖励"}

// KindName is kind as a guide reads it.
func KindName(kind string) string {
	if n := KindNames[kind]; n != "" {
		return n
	}
	return "待办"
}

// maxBody keeps a textcard's description under WeCom's 512 bytes.
const maxBody = 480

// compose writes guide's batch: a title counting the tasks, a line per
// task (kind, customer or group by name, what to do) as long as the card
// holds them, and the link to the panel's task page.
func (s *Service) compose(ctx context.Context, corp *app.Corp, tasks []app.GuideTask) (*app.ReminderBatch, error) {
	subjects, err := s.subjects(ctx, corp.ID, tasks)
	if err != nil {
		return nil, err
	}
	var body strings.Builder
	for i, t := range tasks {
		line := `<div class="normal">` + html.EscapeString(KindName(t.Kind)+"｜"+subjects[i]+"："+short(t.Title, 24)) + "</div>"
		more := fmt.Sprintf(`<div class="gray">……等共 %d 项</div>`, len(tasks))
		if body.Len()+len(line)+len(more) > maxBody && i < len(tasks)-1 || body.Len()+len(line) > maxBody {
			body.WriteString(more)
			break
		}
		body.WriteString(line)
	}
	b := &app.ReminderBatch{CorpID: corp.ID, UserID: tasks[0].UserID, BatchKey: "t" + strconv.FormatInt(tasks[0].ID, 10),
		Items: len(tasks), Status: app.ReminderClaimed, Title: fmt.Sprintf("待办提醒：%d 项新待办", len(tasks)), Body: body.String(),
		CreatedAt: s.Now()}
	if base := strings.TrimRight(s.PanelURL(), "/"); base != "" {
		b.URL = base + "/panel/tasks?" + url.Values{"corp": {corp.CorpID}}.Encode()
	}
	return b, nil
}

// subjects names what each task is about: its group, else its customer,
// by name; never an id.
func (s *Service) subjects(ctx context.Context, corpID int64, tasks []app.GuideTask) ([]string, error) {
	var exts, chats []string
	for _, t := range tasks {
		exts, chats = append(exts, t.ExternalUserID), append(chats, t.ChatID)
	}
	customers, err := s.Names.CustomerNames(ctx, corpID, exts)
	if err != nil {
		return nil, err
	}
	groups, err := s.Names.GroupNames(ctx, corpID, chats)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(tasks))
	for i, t := range tasks {
		out[i] = subject(t, customers, groups)
	}
	return out, nil
}

func subject(t app.GuideTask, customers, groups map[string]string) string {
	switch {
	case t.ChatID != "" && groups[t.ChatID] != "":
		return "群「" + groups[t.ChatID] + "」"
	case t.ChatID != "":
		return "未命名客户群"
	case customers[t.ExternalUserID] != "":
		return customers[t.ExternalUserID]
	}
	return "（未知姓名）"
}

// short cuts s to n characters.
func short(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// message is batch b as WeCom takes it: a textcard linking to the task
// page (plain text without a link), with WeCom's duplicate check over its
// longest window, so a batch sent again after a crash arrives once.
func message(b *app.ReminderBatch) wecom.AppMessage {
	m := wecom.AppMessage{ToUsers: []string{b.UserID}, Text: b.Body, DuplicateCheck: true, DuplicateInterval: dupWindow}
	if b.URL != "" {
		m.Title, m.URL, m.Button = b.Title, b.URL, "查看待办"
	} else {
		m.Text = b.Title + "\n" + plain(b.Body)
	}
	return m
}

// plain turns the card's lines into text lines.
func plain(body string) string { return strings.Join(Lines(body), "\n") }

// Lines are a batch's body as the lines a guide reads, for pages listing
// what a reminder said.
func Lines(body string) []string {
	r := strings.NewReplacer(`<div class="normal">`, "", `<div class="gray">`, "", "</div>", "\n")
	return strings.Split(html.UnescapeString(strings.TrimSpace(r.Replace(body))), "\n")
}
