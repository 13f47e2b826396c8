package assign

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// manualGuide checks the guide a manual assignment gives customers to and
// how many customers it names: an active guide of an open store, of the
// caller's own store for a store manager (own, 0 for anyone else).
func (s *Service) manualGuide(ctx context.Context, corpID int64, by app.Principal, userID string, n int) (*app.Guide, int64, error) {
	var bad app.Fields
	bad.Check(n == 0, "external_userids", "请选择至少一位客户")
	bad.Check(n > app.MaxPageSize, "external_userids", fmt.Sprintf("一次最多分配 %d 位客户", app.MaxPageSize))
	own, err := s.Org.StoreOf(ctx, corpID, by)
	if err != nil {
		return nil, 0, err
	}
	if userID == "" {
		bad.Add("userid", "请选择导购")
		return nil, own, bad.Err()
	}
	g, err := s.Org.FindGuideByUserID(ctx, corpID, userID)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		bad.Add("userid", "所选成员不是导购，不能接收客户")
	case err != nil:
		return nil, 0, err
	case g.Status != app.GuideActive:
		bad.Add("userid", "导购 "+s.guideName(ctx, corpID, g.UserID)+" 已离职，不能接收客户")
	case own != 0 && g.StoreID != own:
		bad.Add("userid", "店长只能把客户分给本店的导购")
	default:
		st, err := s.Org.FindStore(ctx, corpID, g.StoreID)
		if err != nil {
			return nil, 0, err
		}
		bad.Check(st.Status != app.StoreOpen, "userid", "导购所在门店 "+st.Name+" 已关闭，不能接收客户")
	}
	return g, own, bad.Err()
}

// manualPlan reads, under the lock, the owner of each customer in the
// guide's scope: those still pooled are to be given, those a retry of the
// same request gave the guide already are done, and every other one is
// refused, under its index in exts.
func (s *Service) manualPlan(ctx context.Context, corpID, scope, own int64, g *app.Guide, exts []string) ([]app.Owner, int, error) {
	var give []app.Owner
	var bad app.Fields
	done, seen := 0, map[string]bool{}
	for i, ext := range exts {
		if ext == "" || seen[ext] {
			continue
		}
		seen[ext] = true
		o, why, err := s.manualOwner(ctx, corpID, scope, own, g, ext)
		switch {
		case err != nil:
			return nil, 0, err
		case why != "":
			bad.Add(fmt.Sprintf("external_userids[%d]", i), why)
		case o == nil:
			done++
		default:
			give = append(give, *o)
		}
	}
	return give, done, bad.Err()
}

// manualOwner is the customer's pooled owner to give, or nil when a retry
// gave it to the guide already, or why it cannot be given.
func (s *Service) manualOwner(ctx context.Context, corpID, scope, own int64, g *app.Guide, ext string) (*app.Owner, string, error) {
	cur, err := s.Store.FindOwner(ctx, corpID, scope, ext)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return nil, "客户 " + s.refusedName(ctx, corpID, own, nil, ext) + " 不在该导购所属品牌的客户池", nil
	}
	if err != nil {
		return nil, "", err
	}
	name := s.refusedName(ctx, corpID, own, cur, ext)
	switch {
	case cur.Status == app.OwnerPool && own != 0 && (cur.StoreID == nil || *cur.StoreID != own):
		return nil, "客户 " + name + " 不在本店的客户池", nil
	case cur.Status == app.OwnerPool:
		return cur, "", nil
	}
	if cur.UserID == g.UserID {
		last, err := s.Store.LatestAssignments(ctx, corpID, ext, 1)
		if err != nil {
			return nil, "", err
		}
		if len(last) == 1 && last[0].Rule == app.RuleManual && last[0].ToUserID == g.UserID && last[0].Scope == scope {
			return nil, "", nil
		}
	}
	why := "客户 " + name + " 已不在客户池（刚被系统或他人分配）"
	if own == 0 {
		why = "客户 " + name + " 已不在客户池：已分配给 " + s.guideName(ctx, corpID, cur.UserID) + "（刚被系统或他人分配）"
	}
	return nil, why, nil
}

// refusedName names a refused customer to the caller: a store manager
// (own, their store) learns the name only of their own store's
// customers, so posting another store's id tells them nothing.
func (s *Service) refusedName(ctx context.Context, corpID, own int64, cur *app.Owner, ext string) string {
	if own != 0 && (cur == nil || cur.StoreID == nil || *cur.StoreID != own) {
		return "（非本店客户）"
	}
	return s.nameOfCustomer(ctx, corpID, ext)
}

// nameOfCustomer is how a refusal names a customer: never by their id.
func (s *Service) nameOfCustomer(ctx context.Context, corpID int64, ext string) string {
	if n, err := s.Names.CustomerName(ctx, corpID, ext); err == nil && n != "" {
		return n
	}
	return "（未知姓名）"
}

// guideName is how a refusal names a guide: by Siyu's name, else WeCom's.
func (s *Service) guideName(ctx context.Context, corpID int64, userID string) string {
	if gs, err := s.Org.GuidesByUserID(ctx, corpID, []string{userID}); err == nil && gs[userID].Name != "" {
		return gs[userID].Name
	}
	if ns, err := s.Names.StaffNames(ctx, corpID, []string{userID}); err == nil && ns[userID] != "" {
		return ns[userID]
	}
	return "其他导购"
}
