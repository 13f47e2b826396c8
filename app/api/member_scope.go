package api

import (
	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// errReviewsNotForManagers refuses the review queue to a store manager.
var errReviewsNotForManagers = app.Errorf(app.EFORBIDDEN, "待审核合并涉及全连锁的会员，由运营处理；店长只能查看本门店的会员")

// mayReadMember lets a store manager read only the members whose home
// store is theirs; every other role reads every member of the corp.
func (s *server) mayReadMember(c *gin.Context, m *app.Member) error {
	own, err := s.scopeStore(c)
	if err != nil || own == nil {
		return err
	}
	if m.HomeStoreID != nil && *m.HomeStoreID == own.ID {
		return nil
	}
	return app.Errorf(app.EFORBIDDEN, "该会员不属于你的门店（%s），无权查看", own.Name)
}
