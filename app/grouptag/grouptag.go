// Package grouptag keeps Siyu group tags (群标签). WeCom's API gives
// customer groups no tags, so operators tag groups in Siyu and choose
// groups by tag for group SOPs and group mass sends. grouptag is the only
// writer of group_tags and group_tag_links; groups stay app/directory's.
package grouptag

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Store keeps tags and their links (app/db's GroupTagStore).
type Store interface {
	ListGroupTags(ctx context.Context, corpID int64) ([]app.GroupTag, error)
	FindGroupTags(ctx context.Context, corpID int64, ids []int64) ([]app.GroupTag, error)
	CreateGroupTag(ctx context.Context, t *app.GroupTag) error
	SaveGroupTag(ctx context.Context, t *app.GroupTag) error
	DeleteGroupTag(ctx context.Context, corpID, id int64) error
	LinkGroupTags(ctx context.Context, corpID int64, ls []app.GroupTagged) error
	UnlinkGroupTags(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) error
	ReplaceGroupTags(ctx context.Context, corpID int64, chatID string, tagIDs []int64) error
	GroupTagsOf(ctx context.Context, corpID int64, chatIDs []string) (map[string][]app.GroupTag, error)
	KnownGroups(ctx context.Context, corpID int64, chatIDs []string) (map[string]bool, error)
	SOPsSelectingTag(ctx context.Context, corpID, id int64) ([]string, error)
}

// Auditor records changes (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Service keeps group tags; Audit may be nil (tests of other packages).
type Service struct {
	Store Store
	Audit Auditor
}

// MaxBulk caps how many groups one tag or untag request names.
const MaxBulk = 1000

// List returns the corp's tags by category then name, with how many
// groups carry each: the tag pickers' source.
func (s *Service) List(ctx context.Context, corpID int64) ([]app.GroupTag, error) {
	return s.Store.ListGroupTags(ctx, corpID)
}

// TagsOf returns the tags each of chatIDs carries.
func (s *Service) TagsOf(ctx context.Context, corpID int64, chatIDs []string) (map[string][]app.GroupTag, error) {
	return s.Store.GroupTagsOf(ctx, corpID, chatIDs)
}

func (s *Service) audit(ctx context.Context, corpID int64, action string, target any, detail any) error {
	if s.Audit == nil {
		return nil
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: action, TargetType: "group_tag", TargetID: target, Detail: detail})
}
