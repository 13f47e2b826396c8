package grouptag

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// SetGroupTags makes the tags named names the tags of group chatID, as the
// console edits them by name. Every unknown name is refused at once:
// tags are created on the tag page, so a typo makes no tag.
func (s *Service) SetGroupTags(ctx context.Context, corpID int64, chatID string, names []string) ([]app.GroupTag, error) {
	known, err := s.Store.KnownGroups(ctx, corpID, []string{chatID})
	if err != nil {
		return nil, err
	}
	if !known[chatID] {
		return nil, app.Errorf(app.ENOTFOUND, "客户群不存在")
	}
	all, err := s.Store.ListGroupTags(ctx, corpID)
	if err != nil {
		return nil, err
	}
	byName := map[string]app.GroupTag{}
	for _, t := range all {
		byName[t.Name] = t
	}
	var f app.Fields
	var picked []app.GroupTag
	var ids []int64
	for _, n := range dedup(names) {
		t, ok := byName[n]
		f.Check(!ok, "tags", "群标签「"+n+"」不存在，请先在群标签页创建")
		if ok {
			picked, ids = append(picked, t), append(ids, t.ID)
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if err := s.Store.ReplaceGroupTags(ctx, corpID, chatID, ids); err != nil {
		return nil, err
	}
	return picked, s.audit(ctx, corpID, "group_tag.set", chatID, map[string]any{"group": chatID, "tags": tagNames(picked)})
}
