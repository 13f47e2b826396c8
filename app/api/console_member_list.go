package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// memberRow is one member as the list shows them: the home store by name.
type memberRow struct {
	app.Member
	Store string
}

// StatusName says whether the record is in use or merged into another.
func (r memberRow) StatusName() string { return memberStatuses[r.Status] }

type membersView struct {
	Filter   memberFilter
	Errors   map[string]string
	Rows     []memberRow
	Pager    pager
	Stores   []app.Store
	Tiers    []string
	Statuses map[string]string
	Scoped   bool
	Export   string // the export link of this filter
	Filtered bool   // a search or filter beyond the default is set
}

func (s *server) membersPage(c *gin.Context) {
	v := s.view(c, "会员", "members", nil)
	mv, err := s.memberList(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Data = mv
	s.render(c, http.StatusOK, "console_members.html", v)
}

// memberList reads the page of the list the URL asks for, with what its
// filters offer; a filter that does not read is shown next to its field
// with no rows.
func (s *server) memberList(c *gin.Context) (membersView, error) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	own, err := s.scopeStore(c)
	if err != nil {
		return membersView{}, err
	}
	f, q, bad := readMemberFilter(c, own)
	page, offset := pageNumber(c, memberPageSize)
	q.Offset = offset
	mv := membersView{Filter: f, Statuses: memberStatuses, Scoped: own != nil, Export: "/console/members/export?" + c.Request.URL.RawQuery,
		Filtered: f.Q != "" || f.Tier != "" || (f.StoreID != 0 && own == nil) || f.Status != app.MemberActive}
	if mv.Stores, err = s.allStores(ctx, corpID); err != nil {
		return mv, err
	}
	if mv.Tiers, err = s.d.MemberList.MemberTiers(ctx, corpID); err != nil {
		return mv, err
	}
	if bad.Err() != nil {
		mv.Errors = formErrors(bad.Err())
		return mv, nil
	}
	if q.IDs, err = s.phoneMatches(ctx, corpID, f.Q); err != nil {
		return mv, err
	}
	list, more, err := s.d.MemberList.ListMembers(ctx, q)
	byID := storesByID(mv.Stores)
	for _, m := range list {
		mv.Rows = append(mv.Rows, memberRow{Member: m, Store: nameOfStore(byID, m.HomeStoreID)})
	}
	mv.Pager = newPager(c, page, more)
	return mv, err
}

// storesByID indexes stores by id.
func storesByID(stores []app.Store) map[int64]app.Store {
	out := make(map[int64]app.Store, len(stores))
	for _, st := range stores {
		out[st.ID] = st
	}
	return out
}

// exportMembers downloads the members the list's filter selects, phones
// masked for everyone; an analyst's has names masked too.
func (s *server) exportMembers(c *gin.Context) {
	ctx := c.Request.Context()
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	_, q, bad := readMemberFilter(c, own)
	stores, err := s.allStores(ctx, q.CorpID)
	if err == nil && bad.Err() == nil {
		q.IDs, err = s.phoneMatches(ctx, q.CorpID, q.Q)
	}
	if err = firstOf(bad.Err(), err); err != nil {
		s.consoleError(c, err)
		return
	}
	byID, mask := storesByID(stores), app.ReadOnly(caller(c).Role)
	s.export(c, "members", table{name: "会员", header: []string{"会员号", "姓名", "手机", "等级", "积分", "归属门店", "状态"},
		each: func(emit func([]string) error) error {
			return s.eachMember(ctx, q, func(m app.Member) error {
				name := m.Name
				if mask {
					name = maskText(name)
				}
				return emit([]string{m.MemberNo, name, m.PhoneMasked, m.Tier, strconv.FormatInt(m.Points, 10),
					nameOfStore(byID, m.HomeStoreID), memberStatuses[m.Status]})
			})
		}})
}

// eachMember reads every page of q.
func (s *server) eachMember(ctx context.Context, q app.MemberQuery, fn func(app.Member) error) error {
	q.Limit = app.MaxPageSize
	for q.Offset = 0; ; q.Offset += q.Limit {
		list, more, err := s.d.MemberList.ListMembers(ctx, q)
		if err != nil {
			return err
		}
		for _, m := range list {
			if err := fn(m); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
	}
}
