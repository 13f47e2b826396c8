package api

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// mergeReviewForm merges a possible match the way the operator chose:
// keep=this keeps the record the incoming data was for, keep=other the
// record that already held the key.
func (s *server) mergeReviewForm(c *gin.Context) {
	ctx, corpID, back := c.Request.Context(), caller(c).CorpID, reviewBack(c)
	keep := c.PostForm("keep")
	if keep != "this" && keep != "other" {
		s.failed(c, back, app.FieldInvalid("keep", "请选择保留哪一条会员记录"))
		return
	}
	mg, err := s.d.MemberMerger.MergeReviewed(ctx, corpID, pathID(c), keep == "other")
	var names map[int64]string
	if err == nil {
		names, err = s.memberNames(ctx, corpID, []int64{mg.SurvivorID, mg.MergedID})
	}
	if err != nil {
		s.failed(c, back, err)
		return
	}
	s.done(c, back, "已合并：保留「"+names[mg.SurvivorID]+"」，「"+names[mg.MergedID]+"」已并入其中（可在会员页撤销合并）")
}

// dismissReviewForm keeps a possible match's records apart; the same data
// never asks again.
func (s *server) dismissReviewForm(c *gin.Context) {
	back := reviewBack(c)
	if err := s.d.MemberMerger.Dismiss(c.Request.Context(), caller(c).CorpID, pathID(c)); err != nil {
		s.failed(c, back, err)
		return
	}
	s.done(c, back, "已忽略：两条会员记录保持独立")
}

// reviewBack is where a decision returns: the queue as the operator left
// it, never a page elsewhere.
func reviewBack(c *gin.Context) string {
	back := c.PostForm("back")
	if !strings.HasPrefix(back, ConsolePath+"/member-reviews") {
		return ConsolePath + "/member-reviews"
	}
	return safeConsoleNext(back)
}
