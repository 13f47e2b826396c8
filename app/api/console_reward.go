package api

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// rewardsView is the 奖品 page: a page of rewards and the new-reward form
// (with what was typed and every refusal, when one was refused).
type rewardsView struct {
	Rewards []rewardRow
	Next    int64
	Form    rewardForm
	Errors  map[string]string
	Kinds   []consoleOption
}

// rewardRow is a reward as the pages show it: kind and status in Chinese,
// cost in yuan.
type rewardRow struct {
	app.Reward
	KindName, StatusName, Cost string
}

// rewardForm is the new-reward form as typed.
type rewardForm struct{ Name, Kind, Points, Cost, Stock string }

// rewardStatusNames are the statuses as people read them.
var rewardStatusNames = map[string]string{app.RewardActive: "发放中", app.RewardPaused: "已暂停"}

// rewardPageRoutes serves 奖品: every role reads rewards and their grants;
// operators create them, change them and import coupon codes.
func (s *server) rewardPageRoutes(g *gin.RouterGroup) {
	g.GET("/rewards", s.rewardsPage)
	g.GET("/rewards/:id", s.rewardPage)
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	w.POST("/rewards", s.createRewardPage)
	w.POST("/rewards/:id", s.updateRewardPage)
	w.POST("/rewards/:id/codes", s.importCodesPage)
}

func (s *server) rewardsPage(c *gin.Context) {
	s.renderRewards(c, http.StatusOK, rewardForm{Kind: app.RewardCoupon}, nil)
}

func (s *server) renderRewards(c *gin.Context, status int, f rewardForm, errs map[string]string) {
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	p := app.Page{After: after, Limit: 50}
	list, _, err := s.d.Rewards.ListRewards(c.Request.Context(), caller(c).CorpID, p)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v := rewardsView{Form: f, Errors: errs, Next: nextOf(list, p, func(r app.Reward) int64 { return r.ID })}
	for _, r := range list {
		v.Rewards = append(v.Rewards, rewardRowOf(r))
	}
	for _, k := range []string{app.RewardCoupon, app.RewardPoints, app.RewardGift} {
		v.Kinds = append(v.Kinds, consoleOption{Value: k, Label: app.RewardKindNames[k]})
	}
	s.render(c, status, "console_rewards.html", s.view(c, "奖品", "rewards", v))
}

func rewardRowOf(r app.Reward) rewardRow {
	return rewardRow{Reward: r, KindName: app.RewardKindNames[r.Kind], StatusName: rewardStatusNames[r.Status], Cost: panel.Yuan(r.CostCents)}
}

func (s *server) createRewardPage(c *gin.Context) {
	f := rewardForm{Name: c.PostForm("name"), Kind: c.PostForm("kind"), Points: c.PostForm("points"), Cost: c.PostForm("cost"), Stock: c.PostForm("stock")}
	var bad app.Fields
	r := &app.Reward{CorpID: caller(c).CorpID, Name: f.Name, Kind: f.Kind, Points: wholeNumber(&bad, "points", f.Points, "每份积分须为整数"),
		CostCents: yuanCents(&bad, "cost_cents", f.Cost), StockTotal: wholeNumber(&bad, "stock", f.Stock, "库存须为整数")}
	err := bad.Err() // what could not be read is shown before the rules are checked
	if err == nil {
		err = s.d.Rewards.CreateReward(c.Request.Context(), r)
	}
	if fields := app.ErrorFields(err); len(fields) > 0 {
		s.renderRewards(c, http.StatusBadRequest, f, fieldMap(fields))
		return
	}
	if err != nil {
		s.failed(c, "/console/rewards", err)
		return
	}
	s.done(c, "/console/rewards/"+strconv.FormatInt(r.ID, 10), "已新建奖品 "+r.Name)
}

// fieldMap is the first reason for each refused field.
func fieldMap(fields []app.FieldError) map[string]string {
	out := map[string]string{}
	for _, f := range fields {
		if _, ok := out[f.Field]; !ok {
			out[f.Field] = f.Reason
		}
	}
	return out
}

// wholeNumber reads a whole number typed in a form ("" is 0).
func wholeNumber(bad *app.Fields, field, typed, reason string) int64 {
	typed = strings.ReplaceAll(strings.TrimSpace(typed), ",", "")
	if typed == "" {
		return 0
	}
	n, err := strconv.ParseInt(typed, 10, 64)
	bad.Check(err != nil, field, reason)
	return n
}

// yuanCents reads an amount typed in yuan (12, 12.5, ¥12.50) as cents.
func yuanCents(bad *app.Fields, field, typed string) int64 {
	typed = strings.TrimPrefix(strings.ReplaceAll(strings.TrimSpace(typed), ",", ""), "¥")
	if typed == "" {
		return 0
	}
	whole, frac, _ := strings.Cut(typed, ".")
	y, err := strconv.ParseFloat(typed, 64)
	if err != nil || len(frac) > 2 || whole == "" || math.IsInf(y, 0) || y < 0 || y > 1e7 {
		bad.Add(field, "单份成本须为金额（元，最多两位小数）")
		return 0
	}
	return int64(math.Round(y * 100))
}

// rewardNamer names a reward in the audit log, linked to its page.
func (s *server) rewardNamer(ctx context.Context, corpID int64, id string) (objectName, error) {
	if s.d.Rewards == nil {
		return objectName{}, errNoSuchObject
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	r, err := s.d.Rewards.FindReward(ctx, corpID, n)
	if err != nil {
		return objectName{}, err
	}
	return objectName{Name: r.Name, Link: "/console/rewards/" + id}, nil
}
