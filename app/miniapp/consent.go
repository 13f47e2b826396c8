package miniapp

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// maxConsentTemplates is how many templates one wx.requestSubscribeMessage
// asks at most.
const maxConsentTemplates = 3

// RecordConsents records the templates the consumer accepted in one
// subscribe request (scene: where they were asked, "join" or "reward" or
// a page's word). Each acceptance allows one message, so each is a row a
// notice spends once. Only the mini-program's own templates are taken.
func (s *Service) RecordConsents(ctx context.Context, ms *app.MiniSession, templateIDs []string, scene string) (int, error) {
	a, err := s.Store.FindMiniApp(ctx, ms.CorpID, ms.AppID)
	if err != nil {
		return 0, err
	}
	scene = strings.TrimSpace(scene)
	var f app.Fields
	f.Check(len(templateIDs) == 0 || len(templateIDs) > maxConsentTemplates, "template_ids", "一次应记录 1 到 3 个订阅模板")
	f.Check(utf8.RuneCountInString(scene) > 32, "scene", "场景不能超过 32 个字符")
	known := []string{a.JoinTemplate, a.RewardTemplate}
	now := s.Now().UTC()
	cs := make([]app.MiniConsent, 0, len(templateIDs))
	for _, t := range templateIDs {
		t = strings.TrimSpace(t)
		f.Check(t == "" || !slices.Contains(known, t), "template_ids", "订阅模板“"+t+"”不是本小程序的通知模板")
		cs = append(cs, app.MiniConsent{CorpID: a.CorpID, AppID: a.ID, OpenID: ms.OpenID, MemberID: ms.MemberID, TemplateID: t,
			Scene: scene, CreatedAt: now})
	}
	if err := f.Err(); err != nil {
		return 0, err
	}
	return len(cs), s.Consents.AddConsents(ctx, cs)
}
