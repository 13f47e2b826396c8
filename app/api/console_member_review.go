package api

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// reviewStatuses are the review queue's status choices.
var reviewStatuses = map[string]string{app.ReviewOpen: "待审核", app.ReviewMerged: "已合并", app.ReviewDismissed: "已忽略", "all": "全部"}

// memberReviewRow is one possible match with both records side by side
// (Other is nil when the incoming data clashed with its own record), the
// incoming data as lines, and who decided it.
type memberReviewRow struct {
	app.MemberReview
	This, Other           *memberSide
	Incoming              []memberKeyRow
	StatusName, DecidedBy string
}

// memberSide is one record of a possible match, as a reviewer compares it.
type memberSide struct {
	*app.Member
	Name, Store string
}

type memberReviewsView struct {
	Status   string
	Errors   map[string]string
	Rows     []memberReviewRow
	Statuses map[string]string
	CanAct   bool
	Next     string // the next page's link, "" on the last
	First    string // the first page's link, "" on it
	Back     string // this page, where a decision comes back to
}

// memberReviewsPage lists possible matches, open ones by default, oldest
// first. Store managers are refused: a pair may span stores.
func (s *server) memberReviewsPage(c *gin.Context) {
	if caller(c).Role == app.RoleStoreManager {
		s.consoleError(c, errReviewsNotForManagers)
		return
	}
	v := s.view(c, "待审核合并", "members", nil)
	rv, err := s.memberReviews(c, v.CanWrite)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Data = rv
	s.render(c, http.StatusOK, "console_member_reviews.html", v)
}

// memberReviews reads the page of the queue the URL asks for; a status
// that does not read is shown next to its field, with no rows.
func (s *server) memberReviews(c *gin.Context, canAct bool) (memberReviewsView, error) {
	rv := memberReviewsView{Status: c.DefaultQuery("status", app.ReviewOpen), Statuses: reviewStatuses, CanAct: canAct, Back: c.Request.URL.RequestURI()}
	if reviewStatuses[rv.Status] == "" {
		rv.Errors = map[string]string{"status": "状态应为 待审核、已合并、已忽略 或 全部"}
		return rv, nil
	}
	status := rv.Status
	if status == "all" {
		status = ""
	}
	after, _ := strconv.ParseInt(c.Query("after"), 10, 64)
	list, next, err := s.d.MemberMerger.Reviews(c.Request.Context(), caller(c).CorpID, status, app.Page{After: after, Limit: 20})
	if err == nil {
		rv.Rows, err = s.reviewRows(c.Request.Context(), caller(c).CorpID, list)
	}
	if next != 0 {
		rv.Next = cursorLink(c, next)
	}
	if after != 0 {
		rv.First = cursorLink(c, 0)
	}
	return rv, err
}

// cursorLink is the current URL from cursor after on ("" for a next page
// that does not exist).
func cursorLink(c *gin.Context, after int64) string {
	q := c.Request.URL.Query()
	q.Del("after")
	if after != 0 {
		q.Set("after", strconv.FormatInt(after, 10))
	}
	return c.Request.URL.Path + "?" + q.Encode()
}

// reviewRows reads both records of each review and names what the rows
// show: stores, the decider, the incoming data.
func (s *server) reviewRows(ctx context.Context, corpID int64, list []app.MemberReview) ([]memberReviewRow, error) {
	rows, ins := make([]memberReviewRow, len(list)), make([]incoming, len(list))
	for i, r := range list {
		rows[i] = memberReviewRow{MemberReview: r, StatusName: reviewStatuses[r.Status]}
		var err error
		if rows[i].This, err = s.reviewSide(ctx, corpID, r.MemberID); err != nil {
			return nil, err
		}
		if rows[i].Other, err = s.reviewSide(ctx, corpID, r.OtherID); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(r.Payload), &ins[i]) // written by the members service; unreadable shows nothing
	}
	return rows, s.nameReviews(ctx, corpID, rows, ins)
}

// reviewSide reads one record of a review; nil for none (id 0).
func (s *server) reviewSide(ctx context.Context, corpID, id int64) (*memberSide, error) {
	if id == 0 {
		return nil, nil
	}
	m, err := s.d.MemberList.FindMember(ctx, corpID, id)
	if err != nil {
		return nil, err
	}
	return &memberSide{Member: m, Name: memberName(m)}, nil
}

// nameReviews names the rows' stores, deciders and incoming data (the
// WeCom customers in it by name).
func (s *server) nameReviews(ctx context.Context, corpID int64, rows []memberReviewRow, ins []incoming) error {
	var storeIDs []*int64
	var actors, exts []string
	for i, r := range rows {
		for _, side := range r.sides() {
			storeIDs = append(storeIDs, side.HomeStoreID)
		}
		actors, exts = append(actors, r.MemberReview.DecidedBy), append(exts, ins[i].Keys[app.KeyExternal]...)
	}
	stores, err := s.d.Names.Stores(ctx, corpID, storeIDs)
	var people, customers map[string]string
	if err == nil {
		people, err = s.d.Names.Actors(ctx, corpID, actors)
	}
	if err == nil {
		customers, err = s.d.CustomerNames.CustomerNames(ctx, corpID, exts)
	}
	for i := range rows {
		for _, side := range rows[i].sides() {
			side.Store = nameOfStore(stores, side.HomeStoreID)
		}
		rows[i].DecidedBy, rows[i].Incoming = people[rows[i].MemberReview.DecidedBy], ins[i].lines(customers)
	}
	return err
}

// sides are the row's records: this one, and the other when there is one.
func (r memberReviewRow) sides() []*memberSide {
	if r.Other == nil {
		return []*memberSide{r.This}
	}
	return []*memberSide{r.This, r.Other}
}

// incoming is the data a review was opened for, as the members service
// kept it: its keys by kind (the phone masked) and the name it carried.
type incoming struct {
	Keys          map[string][]string `json:"keys"`
	PhoneVerified bool                `json:"phone_verified"`
	Name          string              `json:"name"`
}

// lines shows in as the page does: the WeCom customers by name.
func (in incoming) lines(customers map[string]string) []memberKeyRow {
	var out []memberKeyRow
	if in.Name != "" {
		out = append(out, memberKeyRow{Kind: "姓名", Value: in.Name})
	}
	for _, kind := range []string{app.KeyMemberNo, app.KeyUnionID, app.KeyOpenID, app.KeyPhone, app.KeyExternal} {
		vs := slices.Clone(in.Keys[kind])
		if len(vs) == 0 {
			continue
		}
		for i, v := range vs {
			if kind == app.KeyExternal {
				vs[i] = orText(customers[v], "（未知姓名）")
			}
		}
		v := strings.Join(vs, listSep)
		if kind == app.KeyPhone {
			v += map[bool]string{true: "（已验证）", false: "（未验证）"}[in.PhoneVerified]
		}
		out = append(out, memberKeyRow{Kind: memberKeyNames[kind], Value: v})
	}
	return out
}
