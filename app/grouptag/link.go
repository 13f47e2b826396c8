package grouptag

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Tag puts every tag of tagIDs on every group of chatIDs; tags a group
// already carries stay. Unknown groups or tags refuse the whole request,
// each named.
func (s *Service) Tag(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) error {
	chatIDs, tags, err := s.checkBulk(ctx, corpID, chatIDs, tagIDs)
	if err != nil {
		return err
	}
	ls := make([]app.GroupTagged, 0, len(chatIDs)*len(tagIDs))
	for _, c := range chatIDs {
		for _, t := range tags {
			ls = append(ls, app.GroupTagged{ChatID: c, TagID: t.ID})
		}
	}
	if err := s.Store.LinkGroupTags(ctx, corpID, ls); err != nil {
		return err
	}
	return s.audit(ctx, corpID, "group_tag.tag", joinIDs(tags), map[string]any{"tags": tagNames(tags), "groups": chatIDs})
}

// Untag takes every tag of tagIDs off every group of chatIDs.
func (s *Service) Untag(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) error {
	chatIDs, tags, err := s.checkBulk(ctx, corpID, chatIDs, tagIDs)
	if err != nil {
		return err
	}
	if err := s.Store.UnlinkGroupTags(ctx, corpID, chatIDs, tagIDs); err != nil {
		return err
	}
	return s.audit(ctx, corpID, "group_tag.untag", joinIDs(tags), map[string]any{"tags": tagNames(tags), "groups": chatIDs})
}

// checkBulk dedups chatIDs and returns them with tagIDs' tags, or every
// refusal at once.
func (s *Service) checkBulk(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) ([]string, []app.GroupTag, error) {
	chatIDs = dedup(chatIDs)
	var f app.Fields
	f.Check(len(chatIDs) == 0, "chat_ids", "请选择客户群")
	f.Check(len(chatIDs) > MaxBulk, "chat_ids", fmt.Sprintf("一次最多 %d 个客户群", MaxBulk))
	f.Check(len(tagIDs) == 0, "tag_ids", "请选择群标签")
	if len(f) > 0 {
		return nil, nil, f.Err()
	}
	known, err := s.Store.KnownGroups(ctx, corpID, chatIDs)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range chatIDs {
		f.Check(!known[c], "chat_ids", "客户群 "+c+" 不存在")
	}
	tags, err := s.Store.FindGroupTags(ctx, corpID, tagIDs)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range tagIDs {
		f.Check(!slices.ContainsFunc(tags, func(t app.GroupTag) bool { return t.ID == id }), "tag_ids", fmt.Sprintf("群标签 %d 不存在", id))
	}
	return chatIDs, tags, f.Err()
}

func dedup(ss []string) []string {
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func tagNames(ts []app.GroupTag) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Name
	}
	return out
}

func joinIDs(ts []app.GroupTag) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = fmt.Sprint(t.ID)
	}
	return strings.Join(out, ",")
}
