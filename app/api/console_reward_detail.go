package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// rewardView is one reward's page: its figures, the edit and import
// forms, what the last import did, and a page of its grants by name.
type rewardView struct {
	Reward       rewardRow
	Name, Cost   string
	Errors       map[string]string
	Import       *app.CodeImport
	Grants       []grantRow
	Total, Next  int64
	Statuses     []consoleOption
	CouponReward bool
}

// grantRow is a grant as the page shows it: people by name, never ids.
type grantRow struct {
	app.RewardGrant
	Member, Customer, Guide, StatusName string
}

// grantStatusNames are the grant statuses as people read them.
var grantStatusNames = map[string]string{app.GrantGranted: "已发放", app.GrantPendingHandover: "待导购交付", app.GrantHandedOver: "已交付"}

func (s *server) rewardPage(c *gin.Context) {
	s.renderReward(c, http.StatusOK, nil, nil, nil)
}

// renderReward shows the reward of the path; form holds what was typed
// into the edit form when it was refused.
func (s *server) renderReward(c *gin.Context, status int, form *rewardView, errs map[string]string, imp *app.CodeImport) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	r, err := s.d.Rewards.FindReward(ctx, corpID, pathID(c))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	p := app.Page{After: after, Limit: 50}
	v := rewardView{Reward: rewardRowOf(*r), Name: r.Name, Cost: yuanPlain(r.CostCents), Errors: errs, Import: imp, CouponReward: r.Kind == app.RewardCoupon}
	if form != nil {
		v.Name, v.Cost = form.Name, form.Cost
	}
	for _, st := range []string{app.RewardActive, app.RewardPaused} {
		v.Statuses = append(v.Statuses, consoleOption{Value: st, Label: rewardStatusNames[st]})
	}
	var grants []app.RewardGrant
	grants, v.Total, err = s.d.Rewards.ListGrants(ctx, corpID, r.ID, p)
	if err == nil {
		v.Next = nextOf(grants, p, func(g app.RewardGrant) int64 { return g.ID })
		v.Grants, err = s.grantRows(ctx, corpID, grants)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, status, "console_reward.html", s.view(c, "奖品 "+r.Name, "rewards", v))
}

// grantRows names each grant's member, customer and guide.
func (s *server) grantRows(ctx context.Context, corpID int64, gs []app.RewardGrant) ([]grantRow, error) {
	var memberIDs []int64
	var exts, guides []string
	for _, g := range gs {
		if g.MemberID != nil {
			memberIDs = append(memberIDs, *g.MemberID)
		}
		exts, guides = append(exts, g.ExternalUserID), append(guides, g.UserID)
	}
	members, err := s.d.OrderMembers.MembersByID(ctx, corpID, memberIDs)
	var customers, people map[string]string
	if err == nil {
		customers, err = s.d.CustomerNames.CustomerNames(ctx, corpID, exts)
	}
	if err == nil {
		people, err = s.d.Names.People(ctx, corpID, guides)
	}
	rows := make([]grantRow, len(gs))
	for i, g := range gs {
		rows[i] = grantRow{RewardGrant: g, StatusName: grantStatusNames[g.Status], Customer: orText(customers[g.ExternalUserID], "—"), Guide: "—"}
		if g.ExternalUserID != "" && customers[g.ExternalUserID] == "" {
			rows[i].Customer = "客户（尚未同步）"
		}
		if g.UserID != "" {
			rows[i].Guide = orText(people[g.UserID], "导购（未登记）")
		}
		rows[i].Member = "—"
		if m, ok := memberOf(members, g.MemberID); ok {
			rows[i].Member = orderMemberLabel(m)
		}
	}
	return rows, err
}

// memberOf is the member id names, when it was found.
func memberOf(members map[int64]app.Member, id *int64) (app.Member, bool) {
	if id == nil {
		return app.Member{}, false
	}
	m, ok := members[*id]
	return m, ok
}

func (s *server) updateRewardPage(c *gin.Context) {
	form := &rewardView{Name: c.PostForm("name"), Cost: c.PostForm("cost")}
	var bad app.Fields
	cost := yuanCents(&bad, "cost_cents", form.Cost)
	add := wholeNumber(&bad, "add_stock", c.PostForm("add_stock"), "追加库存须为整数")
	u := app.RewardUpdate{Name: &form.Name, CostCents: &cost, AddStock: add}
	if st := c.PostForm("status"); st != "" {
		u.Status = &st
	}
	err := bad.Err()
	if err == nil {
		_, err = s.d.Rewards.UpdateReward(c.Request.Context(), caller(c).CorpID, pathID(c), u)
	}
	if fields := app.ErrorFields(err); len(fields) > 0 {
		s.renderReward(c, http.StatusBadRequest, form, fieldMap(fields), nil)
		return
	}
	to := "/console/rewards/" + c.Param("id")
	if err != nil {
		s.failed(c, to, err)
		return
	}
	s.done(c, to, "已保存奖品")
}

// importCodesPage imports the codes of the uploaded file, or else those
// typed into the textarea, and shows the reward with every line not added.
func (s *server) importCodesPage(c *gin.Context) {
	text := c.PostForm("codes")
	if fh, err := c.FormFile("file"); err == nil { // a file, when chosen, is the import: its line numbers are its own
		data, err := readFormFile(fh)
		if err != nil {
			s.failed(c, "/console/rewards/"+c.Param("id"), app.Wrap(app.EINVALID, err, "无法读取上传的文件"))
			return
		}
		text = string(data)
	}
	res, err := s.d.Rewards.ImportCodes(c.Request.Context(), caller(c).CorpID, pathID(c), strings.NewReader(text))
	if fields := app.ErrorFields(err); len(fields) > 0 {
		s.renderReward(c, http.StatusBadRequest, nil, fieldMap(fields), nil)
		return
	}
	if err != nil {
		s.failed(c, "/console/rewards/"+c.Param("id"), err)
		return
	}
	s.renderReward(c, http.StatusOK, nil, nil, res)
}
