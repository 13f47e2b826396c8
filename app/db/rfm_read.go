package db

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// MemberRFM returns member id's measures, class and stage as last
// computed, without locking them (a page reads them); nil when RFM has
// not reached the member yet.
func (s *RFMStore) MemberRFM(ctx context.Context, corpID, memberID int64) (*app.MemberRFM, error) {
	var rows []app.MemberRFM
	err := s.db.with(ctx).Table("member_rfm").Where("corp_id = ? AND member_id = ?", corpID, memberID).Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return nil, domainError(err, "RFM")
	}
	return &rows[0], nil
}
