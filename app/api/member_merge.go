package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// listMemberReviews pages possible matches, narrowed by ?status=. A
// store manager is refused: a pair may span stores, and deciding it is
// the operators' work.
func (s *server) listMemberReviews(c *gin.Context) {
	if caller(c).Role == app.RoleStoreManager {
		Error(c, s.d.Log, errReviewsNotForManagers)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.MemberReview, int64, error) {
		return s.d.MemberMerger.Reviews(ctx, corpID, c.Query("status"), p)
	}, toMemberReview)
}

// mergeReviewed merges a possible match; {"keep_other": true} keeps the
// record that held the key rather than the one the data was for.
func (s *server) mergeReviewed(c *gin.Context) {
	var body struct {
		KeepOther bool `json:"keep_other"`
	}
	id, err := idParam(c)
	if err == nil && c.Request.ContentLength != 0 {
		err = bindJSON(c, &body)
	}
	var mg *app.MemberMerge
	if err == nil {
		mg, err = s.d.MemberMerger.MergeReviewed(c.Request.Context(), c.GetInt64(corpKey), id, body.KeepOther)
	}
	s.answerMerge(c, mg, err)
}

// dismissReview keeps a possible match's records apart; 204.
func (s *server) dismissReview(c *gin.Context) {
	id, err := idParam(c)
	if err == nil {
		err = s.d.MemberMerger.Dismiss(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// mergeMembers folds {"merged_id"} into member :id by hand.
func (s *server) mergeMembers(c *gin.Context) {
	var body struct {
		MergedID int64 `json:"merged_id"`
	}
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &body)
	}
	var mg *app.MemberMerge
	if err == nil {
		mg, err = s.d.MemberMerger.Merge(c.Request.Context(), c.GetInt64(corpKey), id, body.MergedID)
	}
	s.answerMerge(c, mg, err)
}

// splitMembers undoes merge :id; 204.
func (s *server) splitMembers(c *gin.Context) {
	id, err := idParam(c)
	if err == nil {
		err = s.d.MemberMerger.Split(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (s *server) answerMerge(c *gin.Context, mg *app.MemberMerge, err error) {
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMemberMerge(*mg))
}
