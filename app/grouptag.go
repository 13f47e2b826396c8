package app

import (
	"context"
	"time"
)

// GroupTag is a Siyu group tag (群标签). WeCom keeps no tags on customer
// groups, so these live only in Siyu; Name is unique in the corp and
// GroupName is the optional category (标签组) it is listed under.
type GroupTag struct {
	ID        int64     `json:"id"`
	CorpID    int64     `json:"-"`
	Name      string    `json:"name"`
	GroupName string    `json:"group_name"`
	CreatedBy string    `json:"-"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Chats counts the groups it is on, when listed (read only).
	Chats int64 `json:"chats" gorm:"->;column:chats"`
}

// GroupTagged is one tag on one group.
type GroupTagged struct {
	ChatID string
	TagID  int64
}

// GroupTags is what the API, the console and other capabilities ask of
// group tags (app/grouptag). Deleting a tag a group SOP selects is
// refused (the SOP would silently pick other groups); deleting it takes
// it off every group.
type GroupTags interface {
	List(ctx context.Context, corpID int64) ([]GroupTag, error)
	CreateTag(ctx context.Context, t *GroupTag) error
	RenameTag(ctx context.Context, corpID, id int64, name, groupName string) (*GroupTag, error)
	DeleteTag(ctx context.Context, corpID, id int64) error
	Tag(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) error
	Untag(ctx context.Context, corpID int64, chatIDs []string, tagIDs []int64) error
	SetGroupTags(ctx context.Context, corpID int64, chatID string, names []string) ([]GroupTag, error)
	TagsOf(ctx context.Context, corpID int64, chatIDs []string) (map[string][]GroupTag, error)
}
