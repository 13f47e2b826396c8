package api

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// describeGroupSelection says in words which customer groups a selection
// picks: owners, stores and group tags by name, and the name filter. Every
// part narrows the choice, so they are joined with 且; none picks all.
func (s *server) describeGroupSelection(ctx context.Context, corpID int64, sel app.GroupSelection) (string, error) {
	var parts []string
	if len(sel.Owners) > 0 {
		people, err := s.d.Names.People(ctx, corpID, sel.Owners)
		if err != nil {
			return "", err
		}
		parts = append(parts, "群主为"+quoteEach(sel.Owners, func(u string) string { return personName(people, u) }))
	}
	if len(sel.StoreIDs) > 0 {
		ids := make([]*int64, len(sel.StoreIDs))
		for i := range sel.StoreIDs {
			ids[i] = &sel.StoreIDs[i]
		}
		stores, err := s.d.Names.Stores(ctx, corpID, ids)
		if err != nil {
			return "", err
		}
		parts = append(parts, "群主属于门店"+quoteEach(sel.StoreIDs, func(id int64) string { return orDeleted(stores[id].Name) }))
	}
	if len(sel.TagIDs) > 0 && s.d.GroupTags != nil {
		tags, err := s.d.GroupTags.List(ctx, corpID)
		if err != nil {
			return "", err
		}
		names := map[int64]string{}
		for _, t := range tags {
			names[t.ID] = t.Name
		}
		parts = append(parts, "带群标签"+quoteEach(sel.TagIDs, func(id int64) string { return orDeleted(names[id]) }))
	}
	if sel.NameContains != "" {
		parts = append(parts, "群名包含「"+sel.NameContains+"」")
	}
	if len(parts) == 0 {
		return "全部客户群", nil
	}
	return "客户群：" + strings.Join(parts, " 且 "), nil
}

// quoteEach names each of xs in 「」, joined with 或 (any of them).
func quoteEach[T any](xs []T, name func(T) string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = "「" + name(x) + "」"
	}
	return strings.Join(out, " 或 ")
}

// orDeleted stands for a name that no longer exists.
func orDeleted(name string) string {
	if name == "" {
		return "已删除"
	}
	return name
}
