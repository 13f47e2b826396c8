package app

import "context"

// Page selects one page of a list: the items after the cursor After (the
// ID of the last item of the previous page, 0 for the first page), at most
// Limit of them (clamped by PageLimit).
type Page struct {
	After int64
	Limit int
}

// CustomerFilter selects a page of a corp's customers; with UserID, only
// those the member currently follows.
type CustomerFilter struct {
	Page
	UserID string
}

// FollowFilter selects a page of a corp's relations, ended ones included
// unless ActiveOnly; each of UserID and ExternalUserID narrows it when set.
type FollowFilter struct {
	Page
	UserID         string
	ExternalUserID string
	ActiveOnly     bool
}

// CustomerFollows is a customer with their current relations and tags.
type CustomerFollows struct {
	Customer
	Follows []Follow
}

// GroupMembers is a group with its current members.
type GroupMembers struct {
	Group
	Members []GroupMember
}

// DirectoryReader reads a corp's mirrored WeCom directory a page at a
// time. Each method returns the page and the cursor of the next one (0 on
// the last page).
type DirectoryReader interface {
	ListCustomers(ctx context.Context, corpID int64, f CustomerFilter) ([]CustomerFollows, int64, error)
	ListFollows(ctx context.Context, corpID int64, f FollowFilter) ([]Follow, int64, error)
	ListGroups(ctx context.Context, corpID int64, p Page) ([]GroupMembers, int64, error)
	ListTagGroups(ctx context.Context, corpID int64, p Page) ([]TagGroup, int64, error)
	// ListSyncRuns pages newest first: After is the ID below which to list.
	ListSyncRuns(ctx context.Context, corpID int64, p Page) ([]SyncRun, int64, error)
}
