package masssend

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// attachmentKinds are the attachment types WeCom takes, each with the
// field that must be set.
var attachmentKinds = map[string]func(a app.MassSendAttachment) bool{
	"image": func(a app.MassSendAttachment) bool {
		return a.Image != nil && (a.Image.MediaID != "" || a.Image.MaterialID > 0 || a.Image.PicURL != "")
	},
	"link": func(a app.MassSendAttachment) bool { return a.Link != nil && a.Link.Title != "" && a.Link.URL != "" },
	"miniprogram": func(a app.MassSendAttachment) bool {
		return a.MiniProgram != nil && a.MiniProgram.AppID != "" && a.MiniProgram.Page != ""
	},
	"video": func(a app.MassSendAttachment) bool {
		return a.Video != nil && (a.Video.MediaID != "" || a.Video.MaterialID > 0)
	},
	"file": func(a app.MassSendAttachment) bool {
		return a.File != nil && (a.File.MediaID != "" || a.File.MaterialID > 0)
	},
}

// check validates an input, every refusal at once, in Chinese.
func check(in *app.MassSendInput) error {
	var f app.Fields
	in.Name, in.Text = strings.TrimSpace(in.Name), strings.TrimSpace(in.Text)
	f.Check(in.Name == "" || utf8.RuneCountInString(in.Name) > 64, "name", "请填写群发名称（不超过64个字）")
	if in.ChatType == "" {
		in.ChatType = app.ChatSingle
	}
	f.Check(in.ChatType != app.ChatSingle && in.ChatType != app.ChatGroup, "chat_type", "发送对象须为客户（single）或客户群（group）")
	f.Check(in.ChatType == app.ChatGroup && in.Audience.Kind != app.AudienceList && in.Audience.Kind != app.AudienceGroups,
		"audience.kind", "群发到客户群须上传客户群名单或按群主、门店、标签、群名选择客户群")
	f.Check(in.ChatType != app.ChatGroup && in.Audience.Kind == app.AudienceGroups, "audience.kind", "按条件选择客户群只用于群发到客户群")
	f.Check(in.Text == "" && len(in.Attachments) == 0, "text", "请填写消息内容或添加附件")
	f.Check(len(in.Text) > 4000, "text", "消息内容不能超过4000字节")
	f.Check(len(in.Attachments) > app.MassSendMaxAttachments, "attachments", "附件最多9个")
	for i, a := range in.Attachments {
		ok, known := attachmentKinds[a.MsgType]
		f.Check(!known || !ok(a), fmt.Sprintf("attachments[%d]", i), "附件类型须为图片、链接、小程序、视频或文件，且内容完整")
	}
	f.Check(in.HoldoutPercent < 0 || in.HoldoutPercent > 50, "holdout_percent", "对照组比例须在0到50之间")
	checkAudience(&f, in.Audience)
	return f.Err()
}

// checkAudience validates the audience's fields.
func checkAudience(f *app.Fields, a app.MassSendAudience) {
	switch a.Kind {
	case app.AudienceSegment:
		f.Check(a.SegmentID <= 0 || a.SegmentVersion <= 0, "audience.segment", "请选择人群及其快照版本")
	case app.AudienceTags:
		n := 0
		for _, g := range a.TagGroups {
			n += len(g)
		}
		f.Check(n == 0, "audience.tag_groups", "请至少选择一个标签")
	case app.AudienceGroups:
	case app.AudienceList:
		f.Check(len(a.ExternalUserIDs) == 0, "audience.external_userids", "上传的客户名单为空")
		f.Check(len(a.ExternalUserIDs) > 1000000, "audience.external_userids", "客户名单不能超过100万人")
	default:
		f.Check(true, "audience.kind", "请选择发送对象：人群、标签或上传名单")
	}
}

// Create saves a send: a draft when in.Draft, else scheduled for its time
// (now when none), and queued to start then.
func (s *Service) Create(ctx context.Context, corpID int64, in app.MassSendInput) (*app.MassSend, error) {
	if err := s.checkAll(ctx, corpID, &in); err != nil {
		return nil, err
	}
	ms, err := newSend(ctx, corpID, in, s.now())
	if err != nil {
		return nil, err
	}
	var uploads []string
	if in.Audience.Kind == app.AudienceList {
		uploads = in.Audience.ExternalUserIDs
	}
	if err := s.Store.CreateMassSend(ctx, ms, uploads); err != nil {
		return nil, err
	}
	s.enqueue(ctx, ms)
	return ms, s.audit(ctx, ms, "mass_send.create")
}

// newSend is the row for an input.
func newSend(ctx context.Context, corpID int64, in app.MassSendInput, now time.Time) (*app.MassSend, error) {
	tags, err := json.Marshal(in.Audience.TagGroups)
	if err != nil {
		return nil, err
	}
	atts, err := json.Marshal(in.Attachments)
	if err != nil {
		return nil, err
	}
	sel, err := json.Marshal(in.Audience.Groups)
	if err != nil {
		return nil, err
	}
	ms := &app.MassSend{CorpID: corpID, Scope: in.Scope, Name: in.Name, ChatType: in.ChatType, AudienceKind: in.Audience.Kind,
		SegmentID: in.Audience.SegmentID, SegmentVersion: in.Audience.SegmentVersion, TagGroups: string(tags), Text: in.Text, GroupSelection: string(sel),
		Attachments: string(atts), SendAt: now, HoldoutPercent: in.HoldoutPercent, Status: app.MassSendScheduled, CreatedBy: app.Actor(ctx)}
	if in.SendAt != nil && in.SendAt.After(now) {
		ms.SendAt = in.SendAt.UTC()
	}
	if in.Draft {
		ms.Status = app.MassSendDraft
	}
	return ms, nil
}

// enqueue queues a scheduled send's start at its time; the periodic
// follow-up starts it anyway if this fails.
func (s *Service) enqueue(ctx context.Context, ms *app.MassSend) {
	if s.Queue == nil || ms.Status != app.MassSendScheduled {
		return
	}
	if err := s.Queue.EnqueueMassSend(ctx, ms.CorpID, ms.ID, ms.SendAt); err != nil {
		s.Log.WarnContext(ctx, "mass send: queue start", "send", ms.ID, "err", err)
	}
}

// Start schedules a draft.
func (s *Service) Start(ctx context.Context, corpID, id int64) (*app.MassSend, error) {
	ok, err := s.Store.SetMassSendStatus(ctx, corpID, id, []string{app.MassSendDraft}, app.MassSendScheduled, s.now())
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, app.Errorf(app.ECONFLICT, "只有草稿可以开始发送")
	}
	ms, err := s.Store.FindMassSend(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	s.enqueue(ctx, ms)
	return ms, s.audit(ctx, ms, "mass_send.start")
}
