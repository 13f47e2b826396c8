package directory

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// CreateTagGroup creates a tag group with its first tags (WeCom keeps no
// group without tags) and returns the group's id.
func (s *Service) CreateTagGroup(ctx context.Context, corpID int64, name string, tags []string) (string, error) {
	var id string
	err := s.changeTags(ctx, corpID, func(lib library, cli WeCom) (*app.AuditChange, error) {
		if err := lib.checkNewGroup(name, tags); err != nil {
			return nil, err
		}
		req := wecom.AddCorpTagRequest{GroupName: name}
		for _, t := range tags {
			req.Tag = append(req.Tag, wecom.AddCorpTagItem{Name: t})
		}
		g, err := cli.AddCorpTag(ctx, req)
		if err != nil {
			return nil, err
		}
		id = g.GroupID
		return &app.AuditChange{Action: "tag_group.create", TargetType: "tag_group", TargetID: id,
			Detail: map[string]any{"after": map[string]any{"name": name, "tags": tags}}}, nil
	})
	return id, err
}

// AddTag adds a tag to a group and returns the tag's id.
func (s *Service) AddTag(ctx context.Context, corpID int64, groupID, name string) (string, error) {
	var id string
	err := s.changeTags(ctx, corpID, func(lib library, cli WeCom) (*app.AuditChange, error) {
		g := lib.group(groupID)
		if g == nil {
			return nil, app.Errorf(app.ENOTFOUND, "标签组不存在或已删除，请刷新后重试")
		}
		if err := checkTagNames(g, "name", name); err != nil {
			return nil, err
		}
		created, err := cli.AddCorpTag(ctx, wecom.AddCorpTagRequest{GroupID: groupID, Tag: []wecom.AddCorpTagItem{{Name: name}}})
		if err != nil {
			return nil, err
		}
		if len(created.Tags) > 0 {
			id = created.Tags[0].ID
		}
		return &app.AuditChange{Action: "tag.create", TargetType: "tag", TargetID: id,
			Detail: map[string]any{"after": map[string]any{"name": name, "group": g.Name}}}, nil
	})
	return id, err
}

// RenameTag renames a tag or a tag group (id is either), keeping its
// place in WeCom's order.
func (s *Service) RenameTag(ctx context.Context, corpID int64, id, name string) error {
	return s.changeTags(ctx, corpID, func(lib library, cli WeCom) (*app.AuditChange, error) {
		kind, old, order, err := lib.rename(id, name)
		if err != nil {
			return nil, err
		}
		if err := cli.EditCorpTag(ctx, id, name, int(order)); err != nil {
			return nil, err
		}
		return &app.AuditChange{Action: kind + ".rename", TargetType: kind, TargetID: id,
			Detail: map[string]any{"before": map[string]any{"name": old}, "after": map[string]any{"name": name}}}, nil
	})
}

// DeleteTag deletes a tag or a whole tag group (id is either); WeCom takes
// it off every customer, and a group left without tags goes too.
func (s *Service) DeleteTag(ctx context.Context, corpID int64, id string) error {
	return s.changeTags(ctx, corpID, func(lib library, cli WeCom) (*app.AuditChange, error) {
		if g := lib.group(id); g != nil {
			if err := cli.DeleteCorpTags(ctx, nil, []string{id}); err != nil {
				return nil, err
			}
			return &app.AuditChange{Action: "tag_group.delete", TargetType: "tag_group", TargetID: id,
				Detail: map[string]any{"before": map[string]any{"name": g.Name, "tags": tagNamesOf(g)}}}, nil
		}
		g, t := lib.tag(id)
		if t == nil {
			return nil, app.Errorf(app.ENOTFOUND, "标签不存在或已删除，请刷新后重试")
		}
		if err := cli.DeleteCorpTags(ctx, []string{id}, nil); err != nil {
			return nil, err
		}
		return &app.AuditChange{Action: "tag.delete", TargetType: "tag", TargetID: id,
			Detail: map[string]any{"before": map[string]any{"name": t.Name, "group": g.Name}}}, nil
	})
}

// changeTags makes one change to corpID's tag library under the library's
// lock (the one change_external_tag callbacks take): call checks the
// change against the mirror and asks WeCom; the library WeCom lists after
// it is then written with the change's audit record, in one transaction.
// When that read fails the change is still recorded, and the error says
// the mirror lags (the next callback or sync brings it).
func (s *Service) changeTags(ctx context.Context, corpID int64, call func(library, WeCom) (*app.AuditChange, error)) error {
	return s.locked(ctx, tagsKey(corpID), func() error {
		cli, err := s.Clients.Client(ctx, corpID)
		if err != nil {
			return err
		}
		lib, err := s.st.CorpTags(ctx, corpID)
		if err != nil {
			return err
		}
		c, err := call(library(lib), cli)
		if err != nil {
			return err
		}
		c.CorpID = corpID
		groups, readErr := cli.CorpTags(ctx, nil, nil)
		err = s.Tx.InTx(ctx, func(ctx context.Context) error {
			if readErr == nil {
				if err := s.st.ReplaceCorpTags(ctx, corpID, tagLibrary(groups), time.Now().UTC()); err != nil {
					return err
				}
			}
			return s.Audit.Record(ctx, *c)
		})
		if err == nil && readErr != nil {
			err = app.Wrap(app.EUNAVAILABLE, readErr, "已在企业微信修改，但本地标签库暂未更新，请稍后刷新")
		}
		return err
	})
}
