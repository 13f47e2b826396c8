package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// MemberList reads members for the console's pages (app/db's
// MemberStore): the list, the tiers its filter offers, and one record as
// it is (a merged one too, which the service would answer with its
// survivor).
type MemberList interface {
	ListMembers(ctx context.Context, q app.MemberQuery) ([]app.Member, bool, error)
	MemberTiers(ctx context.Context, corpID int64) ([]string, error)
	FindMember(ctx context.Context, corpID, id int64) (*app.Member, error)
}

// memberPageSize is the rows of one page of the member list.
const memberPageSize = 20

// memberPageRoutes serves 会员: everyone reads (a store manager their
// store's members), operators and admins import, merge and split, and
// only admins see a phone number in full.
func (s *server) memberPageRoutes(g *gin.RouterGroup) {
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	g.GET("/members", s.membersPage)
	g.GET("/members/export", s.exportMembers)
	w.GET("/members/import", s.memberImportPage)
	w.POST("/members/import", s.importMembersForm)
	g.GET("/members/:id", s.memberPage)
	g.POST("/members/:id/phone", s.consoleAllow(app.RoleAdmin), s.revealPhoneForm)
	w.POST("/members/:id/split", s.splitMemberForm)
	g.GET("/member-reviews", s.memberReviewsPage)
	w.POST("/member-reviews/:id/merge", s.mergeReviewForm)
	w.POST("/member-reviews/:id/dismiss", s.dismissReviewForm)
}

// membersWired reports whether what 会员 reads is wired: the members
// service and store, and what names stores, customers and audit entries.
func (s *server) membersWired() bool {
	d := s.d
	return d.Members != nil && d.MemberMerger != nil && d.MemberList != nil && d.Org != nil && d.CustomerNames != nil &&
		d.Audit != nil && d.Names != nil && d.Customers != nil
}

// memberFilter is the list's filter as the URL carries it. Without a
// status the list shows active members; "all" shows merged ones too.
type memberFilter struct {
	Q, Tier, Status string
	StoreID         int64
}

// memberStatuses are the list's status choices.
var memberStatuses = map[string]string{app.MemberActive: "有效", app.MemberMerged: "已合并", "all": "全部"}

// readMemberFilter reads the filter from the URL; a store manager's list
// is their store's members, whatever the URL says.
func readMemberFilter(c *gin.Context, own *app.Store) (memberFilter, app.MemberQuery, app.Fields) {
	f := memberFilter{Q: strings.TrimSpace(c.Query("q")), Tier: c.Query("tier"), Status: c.DefaultQuery("status", app.MemberActive)}
	f.StoreID, _ = strconv.ParseInt(c.Query("store"), 10, 64)
	if own != nil {
		f.StoreID = own.ID
	}
	q := app.MemberQuery{CorpID: caller(c).CorpID, Q: f.Q, Tier: f.Tier, HomeStoreID: f.StoreID, Status: f.Status, Limit: memberPageSize}
	var bad app.Fields
	bad.Check(memberStatuses[f.Status] == "", "status", "状态应为 有效、已合并 或 全部")
	if f.Status == "all" || bad != nil {
		q.Status = ""
	}
	return f, q, bad
}

// phoneMatches finds the members a search term names when it is a phone
// number: by its blind index, through the members service, in the
// corp's shared pool and in each brand that keeps its members apart.
// A term that is no phone finds none this way.
func (s *server) phoneMatches(ctx context.Context, corpID int64, term string) ([]int64, error) {
	if _, ok := app.NormalizePhone(term); !ok {
		return nil, nil
	}
	brands := []string{""}
	err := eachPage(func(p app.Page) (int64, error) {
		bs, next, err := s.d.Org.ListBrands(ctx, corpID, p)
		for _, b := range bs {
			if b.Scope() != 0 {
				brands = append(brands, b.Name)
			}
		}
		return next, err
	})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, b := range brands {
		m, err := s.d.Members.Lookup(ctx, corpID, b, app.KeyPhone, term)
		switch {
		case err == nil:
			ids = append(ids, m.ID)
		case app.ErrorCode(err) != app.ENOTFOUND:
			return nil, err
		}
	}
	return ids, nil
}
