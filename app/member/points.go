package member

import (
	"context"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// CreditPoints adds c.Points to the member c names (the record it was
// merged into, if it was), once per c.Key however often it is called:
// rewards credit points this way, never by writing members themselves.
// It joins the caller's transaction and reports whether this call added
// the points.
func (s *Service) CreditPoints(ctx context.Context, c app.PointsCredit) (bool, error) {
	var f app.Fields
	c.Key = strings.TrimSpace(c.Key)
	f.Check(c.Points <= 0, "points", "积分须为正整数")
	f.Check(c.Key == "" || len(c.Key) > 128, "key", "积分记录须有不超过128个字符的编号")
	f.Check(c.MemberID <= 0, "member_id", "请指定会员")
	if err := f.Err(); err != nil {
		return false, err
	}
	c.Reason = app.Truncate(c.Reason, 255)
	var added bool
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		m, err := s.Find(ctx, c.CorpID, c.MemberID)
		if err == nil {
			added, err = s.Store.CreditPoints(ctx, c, m.ID)
		}
		return err
	})
	return added, err
}
