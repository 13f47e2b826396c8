package api

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// assignPoolForm gives the chosen pooled customers to the chosen guide.
// Nothing is given unless every one can be: the refusals come back on the
// same view, the guide's next to the guide, each customer's on their row.
func (s *server) assignPoolForm(c *gin.Context) {
	ctx, p := c.Request.Context(), caller(c)
	exts, userID := c.PostFormArray("ext"), strings.TrimSpace(c.PostForm("userid"))
	n, err := s.d.Pool.AssignManually(ctx, p.CorpID, *p, exts, userID)
	if app.ErrorCode(err) == app.EINVALID {
		s.renderPool(c, http.StatusUnprocessableEntity, poolErrors(err, exts), exts, userID)
		return
	}
	var people map[string]string
	if err == nil {
		people, err = s.d.Names.People(ctx, p.CorpID, []string{userID})
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.done(c, "/console/pool?"+c.Request.URL.RawQuery, fmt.Sprintf("已将 %d 位客户分配给 %s，并为其创建了跟进待办", n, personName(people, userID)))
}

// poolErrors maps an assignment's refusals to the view: a customer's
// (external_userids[i]) under "ext:" and their id, the rest by field, and
// under "rows" how many customers were refused.
func poolErrors(err error, exts []string) map[string]string {
	out, rows := map[string]string{}, 0
	for _, f := range app.ErrorFields(err) {
		key := f.Field
		if i, ok := extIndex(f.Field); ok && i < len(exts) {
			key, rows = "ext:"+exts[i], rows+1
		}
		if out[key] == "" {
			out[key] = f.Reason
		}
	}
	if rows > 0 {
		out["rows"] = fmt.Sprintf("%d 位客户不能分配（原因见各行），本次没有分配任何客户", rows)
	}
	if len(out) == 0 {
		out[""] = app.ErrorMessage(err)
	}
	return out
}

// extIndex reads i of the field external_userids[i].
func extIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, "external_userids[")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	return i, err == nil
}

// poolRows names the rows: the list's columns, how long each waited, the
// members they added, and why an assignment refused them.
func (s *server) poolRows(ctx context.Context, corpID int64, list []app.CustomerListing, cv customersView, errs map[string]string, chosen []string) ([]poolRow, error) {
	rows, err := s.customerRows(ctx, corpID, list, cv)
	if err != nil {
		return nil, err
	}
	var users []string
	for _, l := range list {
		for _, f := range l.Follows {
			users = append(users, f.UserID)
		}
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	now, out := time.Now(), make([]poolRow, len(rows))
	for i, r := range rows {
		p := poolRow{customerRow: r, Problem: errs["ext:"+r.ExternalUserID], Selected: slices.Contains(chosen, r.ExternalUserID)}
		if o := r.CustomerListing.Owner; o != nil {
			p.Since, p.Waited = o.AssignedAt, waited(o.AssignedAt, now)
		}
		for _, f := range r.Follows {
			p.Follows = append(p.Follows, personName(people, f.UserID))
		}
		out[i] = p
	}
	return out, nil
}

// poolGuides are the active guides a pooled customer may go to: the
// store's (the filter's, or a manager's own), else every store's.
func (s *server) poolGuides(ctx context.Context, corpID, storeID int64, stores []app.Store) ([]guideChoice, error) {
	var gs []app.Guide
	err := eachPage(func(p app.Page) (int64, error) {
		page, next, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: p, StoreID: storeID, Status: app.GuideActive})
		gs = append(gs, page...)
		return next, err
	})
	var users []string
	for _, g := range gs {
		users = append(users, g.UserID)
	}
	var people map[string]string
	if err == nil {
		people, err = s.d.Names.People(ctx, corpID, users)
	}
	out := make([]guideChoice, len(gs))
	for i, g := range gs {
		out[i] = guideChoice{UserID: g.UserID, Name: personName(people, g.UserID), Store: storeName(stores, g.StoreID)}
	}
	slices.SortStableFunc(out, func(a, b guideChoice) int { return strings.Compare(a.Store, b.Store) })
	return out, err
}

// exportPool downloads the pooled customers the list's filter selects.
// Analysts get names masked.
func (s *server) exportPool(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "客户池", "pool", nil)
	own, err := s.scopeStore(c)
	var cv customersView
	if err == nil {
		err = s.customerChoices(ctx, caller(c).CorpID, 0, &cv)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	_, q := readPoolFilter(c, own)
	mask := app.ReadOnly(caller(c).Role)
	s.export(c, "pool", table{name: "客户池", header: []string{"external_userid", "姓名", "待分配门店", "渠道", "进入客户池时间", "已等待", "好友关系数", "标签"},
		each: func(emit func([]string) error) error {
			return s.eachCustomer(ctx, q, cv, func(r customerRow) error {
				name, since, wait := r.Name, time.Time{}, ""
				if mask {
					name = maskText(name)
				}
				if o := r.CustomerListing.Owner; o != nil {
					since, wait = o.AssignedAt, waited(o.AssignedAt, time.Now())
				}
				return emit([]string{r.ExternalUserID, name, r.Store, r.Channel, v.Local(since), wait, strconv.Itoa(len(r.Follows)), strings.Join(r.Tags, "、")})
			})
		}})
}
