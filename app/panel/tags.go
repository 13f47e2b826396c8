package panel

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// TagChange is what an edit asked WeCom to do.
type TagChange struct {
	Added   []string // tag names
	Removed []string
}

// Empty reports whether the edit changed nothing.
func (c TagChange) Empty() bool { return len(c.Added) == 0 && len(c.Removed) == 0 }

// SetTags makes the viewer's relation carry exactly the corp tags want,
// among the live library: mark_tag in WeCom, then the customer read back
// from WeCom and written here, so the page shows what WeCom now holds (and
// nothing WeCom refused). Tags the mirror holds but the library no longer
// lists are left alone.
func (s *Service) SetTags(ctx context.Context, v app.PanelViewer, externalUserID string, want []string) (TagChange, error) {
	p, err := s.customer(ctx, v, externalUserID)
	if err != nil {
		return TagChange{}, err
	}
	if p.Follow == nil {
		return TagChange{}, app.Errorf(app.EFORBIDDEN, "你不是该客户的跟进成员，不能修改标签")
	}
	req, change, err := tagDiff(p, want)
	if err != nil || change.Empty() {
		return change, err
	}
	req.UserID, req.ExternalUserID = v.UserID, externalUserID
	client, err := s.clients.ContactClient(ctx, v.CorpID)
	if err != nil {
		return TagChange{}, err
	}
	if err := client.MarkTag(ctx, req); err != nil {
		return TagChange{}, err
	}
	if err := s.recordTags(ctx, v, externalUserID, change); err != nil {
		return change, err
	}
	if err := s.refresh.RefreshCustomer(ctx, v.CorpID, externalUserID, s.now().UTC()); err != nil {
		return change, app.Wrap(app.EUNAVAILABLE, err, "标签已在企业微信修改，但本地暂未更新，请稍后刷新")
	}
	return change, nil
}

// tagDiff turns the wanted set into mark_tag's add and remove lists,
// refusing tags the live library does not have.
func tagDiff(p *CustomerPage, want []string) (wecom.MarkTagRequest, TagChange, error) {
	var req wecom.MarkTagRequest
	var change TagChange
	known := map[string]TagView{}
	for _, g := range p.Tags {
		for _, t := range g.Tags {
			known[t.ID] = t
		}
	}
	for _, id := range want {
		if _, ok := known[id]; !ok {
			return req, change, app.Errorf(app.EINVALID, "标签不存在或已删除，请刷新后重试")
		}
	}
	for _, g := range p.Tags {
		for _, t := range g.Tags {
			switch wanted := slices.Contains(want, t.ID); {
			case wanted && !t.Marked:
				req.AddTag, change.Added = append(req.AddTag, t.ID), append(change.Added, t.Name)
			case !wanted && t.Marked:
				req.RemoveTag, change.Removed = append(req.RemoveTag, t.ID), append(change.Removed, t.Name)
			}
		}
	}
	return req, change, nil
}

// recordTags keeps the change a guide made, which WeCom accepted, in the
// touch ledger, once per request.
func (s *Service) recordTags(ctx context.Context, v app.PanelViewer, externalUserID string, change TagChange) error {
	if s.touches == nil {
		return nil
	}
	source := app.RequestID(ctx)
	if source == "" {
		source = fmt.Sprintf("%d", s.now().UnixNano())
	}
	b, _ := json.Marshal(map[string]any{"added": change.Added, "removed": change.Removed})
	return s.touches.Record(ctx, app.Touch{CorpID: v.CorpID, Kind: app.TouchTag, SourceID: "panel-tags:" + source,
		ExternalUserID: externalUserID, UserID: v.UserID, Detail: string(b), At: s.now().UTC()})
}
