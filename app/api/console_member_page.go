package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// memberView is a member's page: every attribute by name, the keys that
// find them (the phone masked), the WeCom customers they are, the merges
// they took part in and the audit entries about them.
type memberView struct {
	Member              *app.Member
	HomeStore, RegStore string
	Tags                []string
	Keys                []memberKeyRow
	Customers           []memberCustomer
	MergedInto          *memberLink // the survivor, when this record was merged
	Merges              []memberMergeRow
	Audit               []auditLogRow
	Phone               string // the full number, on the page an admin's reveal answers with
	CanSplit, CanReveal bool
	entries             []*app.AuditEntry
}

// memberKeyRow is one key, its kind in words.
type memberKeyRow struct{ Kind, Value string }

// memberCustomer is a WeCom customer the member is, by name.
type memberCustomer struct{ ExternalUserID, Name string }

// memberLink names another member record and links to it.
type memberLink struct {
	ID   int64
	Name string
}

// memberKeyNames are the kinds of key as people read them.
var memberKeyNames = map[string]string{app.KeyMemberNo: "会员号", app.KeyUnionID: "unionid", app.KeyOpenID: "openid",
	app.KeyPhone: "手机号", app.KeyExternal: "企业微信客户"}

// GenderName says the member's gender (WeChat's numbering).
func (memberView) GenderName(g int) string { return map[int]string{1: "男", 2: "女"}[g] }

func (s *server) memberPage(c *gin.Context) {
	v, err := s.memberDetail(c, pathID(c))
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.renderMember(c, v)
}

// renderMember shows v under the member's name, with its audit entries
// named as the 审计日志 names them.
func (s *server) renderMember(c *gin.Context, v *memberView) {
	cv := s.view(c, memberName(v.Member), "members", v)
	var err error
	if v.Audit, err = s.auditRows(c.Request.Context(), cv, v.entries); err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_member.html", cv)
}

// memberDetail reads member id as the caller may see them: a store
// manager only their store's members.
func (s *server) memberDetail(c *gin.Context, id int64) (*memberView, error) {
	ctx, p := c.Request.Context(), caller(c)
	m, err := s.d.MemberList.FindMember(ctx, p.CorpID, id)
	if err == nil {
		err = s.mayReadMember(c, m)
	}
	if err != nil {
		return nil, err
	}
	v := &memberView{Member: m, Tags: []string{}, CanSplit: app.RoleAtLeast(p.Role, app.RoleOperator) && !app.ReadOnly(p.Role),
		CanReveal: p.Role == app.RoleAdmin && m.PhoneSealed != ""}
	_ = json.Unmarshal([]byte(m.Tags), &v.Tags)
	stores, err := s.d.Names.Stores(ctx, p.CorpID, []*int64{m.HomeStoreID, m.RegStoreID})
	if err != nil {
		return nil, err
	}
	v.HomeStore, v.RegStore = nameOfStore(stores, m.HomeStoreID), nameOfStore(stores, m.RegStoreID)
	if err := s.memberKeys(ctx, p.CorpID, v); err != nil {
		return nil, err
	}
	if err := s.memberMerges(ctx, p.CorpID, v); err != nil {
		return nil, err
	}
	v.entries, err = s.memberEntries(ctx, p.CorpID, m.ID)
	return v, err
}

// memberEntries are the latest audit entries about member id.
func (s *server) memberEntries(ctx context.Context, corpID, id int64) ([]*app.AuditEntry, error) {
	return s.d.Audit.List(ctx, app.AuditFilter{CorpID: corpID, TargetType: "member", TargetID: strconv.FormatInt(id, 10), Limit: 50})
}

// memberKeys lists the member's keys, and the WeCom customers among them
// by name.
func (s *server) memberKeys(ctx context.Context, corpID int64, v *memberView) error {
	keys, err := s.d.Members.Keys(ctx, corpID, v.Member)
	if err != nil {
		return err
	}
	var exts []string
	for _, k := range keys {
		if k.Kind == app.KeyExternal {
			exts = append(exts, k.Value)
			continue
		}
		v.Keys = append(v.Keys, memberKeyRow{Kind: memberKeyNames[k.Kind], Value: k.Value})
	}
	if len(exts) == 0 {
		return nil
	}
	names, err := s.d.CustomerNames.CustomerNames(ctx, corpID, exts)
	for _, e := range exts {
		v.Customers = append(v.Customers, memberCustomer{ExternalUserID: e, Name: orText(names[e], "（未知姓名）")})
	}
	return err
}

// memberName is what a member record is called on pages: their name, or
// their member number, or a neutral phrase; never an id.
func memberName(m *app.Member) string {
	switch {
	case m.Name != "":
		return m.Name
	case m.MemberNo != "":
		return "会员 " + m.MemberNo
	}
	return "未登记姓名的会员"
}
