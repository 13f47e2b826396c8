package groupsop

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Reports counts a SOP's step tasks per group and owner (app/db).
type Reports interface {
	GroupSOPReport(ctx context.Context, corpID, id int64, overdueBefore time.Time) ([]app.GroupSOPReportRow, error)
}

// Names reads groups' and members' names (the directory's mirror).
type Names interface {
	GroupNames(ctx context.Context, corpID int64, chatIDs []string) (map[string]string, error)
	StaffNames(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
}

// Report is SOP id's progress per group and owner, by name: steps done
// (verified apart from self-reported), open, and overdue (open longer
// than app.GroupStepOverdueAfter).
func (s *Service) Report(ctx context.Context, corpID, id int64) ([]app.GroupSOPReportRow, error) {
	if _, err := s.Store.FindSOP(ctx, corpID, id); err != nil {
		return nil, err
	}
	rows, err := s.Reports.GroupSOPReport(ctx, corpID, id, s.now().Add(-app.GroupStepOverdueAfter))
	if err != nil || len(rows) == 0 {
		return rows, err
	}
	return rows, s.name(ctx, corpID, rows)
}

// name fills rows' group and owner names; one without a name shows its
// id rather than nothing.
func (s *Service) name(ctx context.Context, corpID int64, rows []app.GroupSOPReportRow) error {
	chats, owners := make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		chats[i], owners[i] = r.ChatID, r.Owner
	}
	gn, err := s.Names.GroupNames(ctx, corpID, chats)
	if err != nil {
		return err
	}
	on, err := s.Names.StaffNames(ctx, corpID, owners)
	if err != nil {
		return err
	}
	for i := range rows {
		rows[i].GroupName, rows[i].OwnerName = orID(gn[rows[i].ChatID], rows[i].ChatID), orID(on[rows[i].Owner], rows[i].Owner)
	}
	return nil
}

func orID(name, id string) string {
	if name == "" {
		return id
	}
	return name
}
