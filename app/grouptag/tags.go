package grouptag

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// CreateTag checks t and stores it; a name the corp uses is a conflict.
func (s *Service) CreateTag(ctx context.Context, t *app.GroupTag) error {
	t.ID = 0
	if err := checkTag(t); err != nil {
		return err
	}
	if err := s.Store.CreateGroupTag(ctx, t); err != nil {
		return err
	}
	return s.audit(ctx, t.CorpID, "group_tag.create", t.ID, map[string]any{"name": t.Name, "group_name": t.GroupName})
}

// RenameTag gives tag id a new name and category; groups keep it.
func (s *Service) RenameTag(ctx context.Context, corpID, id int64, name, groupName string) (*app.GroupTag, error) {
	t, err := s.find(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	before := map[string]any{"name": t.Name, "group_name": t.GroupName}
	t.Name, t.GroupName = name, groupName
	if err := checkTag(t); err != nil {
		return nil, err
	}
	if err := s.Store.SaveGroupTag(ctx, t); err != nil {
		return nil, err
	}
	return t, s.audit(ctx, corpID, "group_tag.rename", id, map[string]any{"before": before,
		"after": map[string]any{"name": t.Name, "group_name": t.GroupName}})
}

// DeleteTag deletes tag id and takes it off every group. It is refused
// while a group SOP selects by it: the SOP would silently reach other
// groups. Mass sends already planned keep their recipients.
func (s *Service) DeleteTag(ctx context.Context, corpID, id int64) error {
	t, err := s.find(ctx, corpID, id)
	if err != nil {
		return err
	}
	sops, err := s.Store.SOPsSelectingTag(ctx, corpID, id)
	if err != nil {
		return err
	}
	if len(sops) > 0 {
		return app.Errorf(app.ECONFLICT, "社群SOP「%s」按此标签选群，请先修改这些SOP再删除", strings.Join(sops, "」「"))
	}
	if err := s.Store.DeleteGroupTag(ctx, corpID, id); err != nil {
		return err
	}
	return s.audit(ctx, corpID, "group_tag.delete", id, map[string]any{"name": t.Name, "groups": t.Chats})
}

func (s *Service) find(ctx context.Context, corpID, id int64) (*app.GroupTag, error) {
	ts, err := s.Store.FindGroupTags(ctx, corpID, []int64{id})
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, app.Errorf(app.ENOTFOUND, "群标签不存在")
	}
	return &ts[0], nil
}

// checkTag trims t's names and returns every refusal at once.
func checkTag(t *app.GroupTag) error {
	t.Name, t.GroupName = strings.TrimSpace(t.Name), strings.TrimSpace(t.GroupName)
	var f app.Fields
	f.Check(t.Name == "", "name", "请填写标签名称")
	f.Check(utf8.RuneCountInString(t.Name) > 32, "name", "标签名称最多 32 个字")
	f.Check(strings.ContainsAny(t.Name, ",，"), "name", "标签名称不能含逗号")
	f.Check(utf8.RuneCountInString(t.GroupName) > 32, "group_name", "标签组名称最多 32 个字")
	return f.Err()
}
