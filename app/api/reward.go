package api

import (
	"bytes"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// rewardRoutes serves rewards (奖品) of the corp in scope: every role
// reads them and their grants; operators create and change them and
// import coupon codes.
func (s *server) rewardRoutes(c *gin.RouterGroup) {
	c.GET("/rewards", s.listRewards)
	c.GET("/rewards/:id", s.getReward)
	c.GET("/rewards/:id/grants", s.listRewardGrants)
	w := c.Group("", s.allow(app.RoleOperator))
	w.POST("/rewards", s.createReward)
	w.PATCH("/rewards/:id", s.updateReward)
	w.POST("/rewards/:id/codes", s.importRewardCodes)
}

// rewardIn is a new reward as clients write it.
type rewardIn struct {
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Points    int64  `json:"points"`
	CostCents int64  `json:"cost_cents"`
	Stock     int64  `json:"stock"`
}

// rewardPatch is a change to a reward; absent fields are kept.
type rewardPatch struct {
	Name      *string `json:"name"`
	CostCents *int64  `json:"cost_cents"`
	Status    *string `json:"status"`
	AddStock  int64   `json:"add_stock"`
}

func (s *server) listRewards(c *gin.Context) {
	p, err := pageOf(c)
	var list []app.Reward
	var total int64
	if err == nil {
		list, total, err = s.d.Rewards.ListRewards(c.Request.Context(), c.GetInt64(corpKey), p)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if list == nil {
		list = []app.Reward{}
	}
	c.JSON(http.StatusOK, totalBody{Items: list, Next: nextOf(list, p, func(r app.Reward) int64 { return r.ID }), Total: total})
}

// nextOf is the cursor of the page after list: its last id when full.
func nextOf[T any](list []T, p app.Page, id func(T) int64) int64 {
	if len(list) == 0 || len(list) < app.PageLimit(p.Limit, 50) {
		return 0
	}
	return id(list[len(list)-1])
}

func (s *server) getReward(c *gin.Context) {
	id, err := idParam(c)
	var r *app.Reward
	if err == nil {
		r, err = s.d.Rewards.FindReward(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	s.answerReward(c, http.StatusOK, r, err)
}

func (s *server) createReward(c *gin.Context) {
	var in rewardIn
	err := bindJSON(c, &in)
	r := &app.Reward{CorpID: c.GetInt64(corpKey), Name: in.Name, Kind: in.Kind, Points: in.Points, CostCents: in.CostCents, StockTotal: in.Stock}
	if err == nil {
		err = s.d.Rewards.CreateReward(c.Request.Context(), r)
	}
	s.answerReward(c, http.StatusCreated, r, err)
}

func (s *server) updateReward(c *gin.Context) {
	var in rewardPatch
	id, err := idParam(c)
	if err == nil {
		err = bindJSON(c, &in)
	}
	var r *app.Reward
	if err == nil {
		r, err = s.d.Rewards.UpdateReward(c.Request.Context(), c.GetInt64(corpKey), id,
			app.RewardUpdate{Name: in.Name, CostCents: in.CostCents, Status: in.Status, AddStock: in.AddStock})
	}
	s.answerReward(c, http.StatusOK, r, err)
}

func (s *server) answerReward(c *gin.Context, code int, r *app.Reward, err error) {
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(code, r)
}

// importRewardCodes adds the codes of a multipart file (field "file") or
// a plain-text body, one a line, and answers what was added and every
// line that was not.
func (s *server) importRewardCodes(c *gin.Context) {
	id, err := idParam(c)
	var data []byte
	switch {
	case err != nil:
	case notAFile(c.ContentType()):
		err = app.Errorf(app.EINVALID, "请以纯文本（每行一个券码）或表单字段 file 提交券码")
	default:
		_, data, err = upload(c)
	}
	var res *app.CodeImport
	if err == nil {
		res, err = s.d.Rewards.ImportCodes(c.Request.Context(), c.GetInt64(corpKey), id, bytes.NewReader(data))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, res)
}

func (s *server) listRewardGrants(c *gin.Context) {
	id, err := idParam(c)
	var p app.Page
	if err == nil {
		p, err = pageOf(c)
	}
	var list []app.RewardGrant
	var total int64
	if err == nil {
		list, total, err = s.d.Rewards.ListGrants(c.Request.Context(), c.GetInt64(corpKey), id, p)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	if list == nil {
		list = []app.RewardGrant{}
	}
	c.JSON(http.StatusOK, totalBody{Items: list, Next: nextOf(list, p, func(g app.RewardGrant) int64 { return g.ID }), Total: total})
}
