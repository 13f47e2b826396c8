package app

import "context"

// GroupSOPs is what the API and console ask of group SOPs (app/groupsop).
type GroupSOPs interface {
	ListSOPs(ctx context.Context, corpID int64) ([]GroupSOP, error)
	FindSOP(ctx context.Context, corpID, id int64) (*GroupSOP, error)
	Create(ctx context.Context, sop *GroupSOP) error
	Update(ctx context.Context, in *GroupSOP) (*GroupSOP, error)
	SetStatus(ctx context.Context, corpID, id int64, status string) (*GroupSOP, error)
	Count(ctx context.Context, corpID int64, sel GroupSelection) (int64, error)
	Report(ctx context.Context, corpID, id int64) ([]GroupSOPReportRow, error)
}
