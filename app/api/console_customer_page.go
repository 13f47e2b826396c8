package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/panel"
)

// customerView is a customer's page: what the side panel shows (who they
// are, each guide's relation with remark, channel and tags, the owner)
// plus the full assignment history, open tasks and audit trail.
type customerView struct {
	Customer  *app.Customer
	Relations []relationRow
	Owners    []ownerRow
	History   []historyRow
	Tasks     []app.GuideTask
	Audit     []auditLogRow // named as the 审计日志 page names them, masked alike
	People    map[string]string
	entries   []*app.AuditEntry
}

type relationRow struct {
	app.Follow
	Guide, Channel string
	Tags           []string
}

type ownerRow struct {
	app.Owner
	Guide, Store string
}

type historyRow struct {
	app.Assignment
	From, To, FromStore, ToStore, Actor, Rule string
}

// customerPage shows one customer. A store manager opens only customers
// their store owns or one of its guides follows; anyone else is refused.
func (s *server) customerPage(c *gin.Context) {
	ctx, corpID, ext := c.Request.Context(), caller(c).CorpID, c.Param("ext")
	cust, err := s.d.Customers.FindCustomer(ctx, corpID, ext)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v := customerView{Customer: cust}
	follows, _, err := s.d.Customers.ListFollows(ctx, corpID, app.FollowFilter{Page: app.Page{Limit: app.MaxPageSize}, ExternalUserID: ext})
	var owners []app.Owner
	if err == nil {
		owners, err = s.d.Assignments.OwnerOf(ctx, corpID, ext)
	}
	if err == nil {
		err = s.mayOpenCustomer(c, follows, owners)
	}
	if err == nil {
		err = s.fillCustomer(ctx, *caller(c), &v, follows, owners)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	title := cust.Name
	if title == "" {
		title = "客户"
	}
	cv := s.view(c, title, "customers", &v)
	if v.Audit, err = s.auditRows(ctx, cv, v.entries); err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_customer.html", cv)
}

// mayOpenCustomer applies the store manager's rule.
func (s *server) mayOpenCustomer(c *gin.Context, follows []app.Follow, owners []app.Owner) error {
	own, err := s.scopeStore(c)
	if err != nil || own == nil {
		return err
	}
	for _, o := range owners {
		if o.StoreID != nil && *o.StoreID == own.ID {
			return nil
		}
	}
	guides, err := s.storeGuides(c.Request.Context(), own.CorpID, own.ID, "")
	if err != nil {
		return err
	}
	for _, f := range follows {
		for _, g := range guides {
			if f.DeletedAt == nil && f.UserID == g.UserID {
				return nil
			}
		}
	}
	return app.Errorf(app.EFORBIDDEN, "该客户不属于你的门店（%s），无权查看", own.Name)
}

// fillCustomer names the relations, owners, history and audit entries.
// p is the reader: the customer's tasks are listed as they may see them.
func (s *server) fillCustomer(ctx context.Context, p app.Principal, v *customerView, follows []app.Follow, owners []app.Owner) error {
	corpID := p.CorpID
	hist, err := s.d.Assignments.History(ctx, corpID, v.Customer.ExternalUserID)
	if err != nil {
		return err
	}
	var users, actors []string
	var stores []*int64
	for _, f := range follows {
		users = append(users, f.UserID)
	}
	for _, o := range owners {
		users, stores = append(users, o.UserID), append(stores, o.StoreID)
	}
	for _, h := range hist {
		users, stores, actors = append(users, h.FromUserID, h.ToUserID), append(stores, h.FromStoreID, h.ToStoreID), append(actors, h.Actor)
	}
	entries, err := s.d.Audit.List(ctx, app.AuditFilter{CorpID: corpID, TargetType: "customer", TargetID: v.Customer.ExternalUserID, Limit: 50})
	if err != nil {
		return err
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	var storeNames map[int64]app.Store
	var actorNames map[string]string
	if err == nil {
		storeNames, err = s.d.Names.Stores(ctx, corpID, stores)
	}
	if err == nil {
		actorNames, err = s.d.Names.Actors(ctx, corpID, actors)
	}
	if err != nil {
		return err
	}
	s.customerRelations(ctx, corpID, v, follows, people)
	for _, o := range owners {
		v.Owners = append(v.Owners, ownerRow{Owner: o, Guide: personName(people, o.UserID), Store: nameOfStore(storeNames, o.StoreID)})
	}
	for _, h := range hist {
		v.History = append(v.History, historyRow{Assignment: h, From: personName(people, h.FromUserID), To: personName(people, h.ToUserID),
			FromStore: nameOfStore(storeNames, h.FromStoreID), ToStore: nameOfStore(storeNames, h.ToStoreID), Actor: actorNames[h.Actor], Rule: ruleNames[h.Rule]})
	}
	v.entries = entries
	if s.d.Tasks != nil {
		v.Tasks, _, err = s.d.Tasks.ListTasks(ctx, corpID, p, app.TaskFilter{Page: app.Page{Limit: 50}, ExternalUserID: v.Customer.ExternalUserID})
	}
	return err
}

// customerRelations names each guide's relation: guide, channel, tags.
func (s *server) customerRelations(ctx context.Context, corpID int64, v *customerView, follows []app.Follow, people map[string]string) {
	tags := map[string]string{}
	if groups, err := s.d.Customers.CorpTags(ctx, corpID); err == nil {
		tags = tagNames(groups)
	}
	for _, f := range follows {
		r := relationRow{Follow: f, Guide: personName(people, f.UserID), Tags: followTags([]app.Follow{f}, tags)}
		if f.State != "" && s.d.Channels != nil {
			if ch, err := s.channelOfState(ctx, corpID, f.State); err == nil {
				r.Channel = ch
			}
		}
		v.Relations = append(v.Relations, r)
	}
}

func nameOfStore(stores map[int64]app.Store, id *int64) string {
	if id == nil {
		return ""
	}
	return stores[*id].Name
}

// ruleNames are the assignment rules as people read them.
var ruleNames = map[string]string{app.RuleSticky: "原归属保留", app.RuleChannelUser: "渠道导购", app.RuleRoundRobin: "轮流分配",
	app.RuleLeastLoaded: "客户最少优先", app.RuleBackup: "备用导购", app.RuleHomeStore: "原归属门店", app.RuleAddedGuide: "所加导购",
	app.RulePool: "进入客户池", app.RuleNearest: "最近门店", app.RuleTransfer: "继承/转接", app.RuleManual: "手动分配"}

// channelOfState names the channel a relation began through.
func (s *server) channelOfState(ctx context.Context, corpID int64, state string) (string, error) {
	ch, err := s.d.Channels.FindChannelByState(ctx, corpID, state)
	if app.ErrorCode(err) == app.ENOTFOUND {
		return "未在 Siyu 登记的渠道 " + state, nil
	}
	if err != nil {
		return "", err
	}
	return ch.Name, nil
}

// TypeName says whether the customer is a WeChat or a WeCom user.
func (customerView) TypeName(t int) string { return panel.CustomerType(t) }

// AddWayName says how a relation began.
func (customerView) AddWayName(way int) string { return panel.AddWay(way) }

// GenderName says the customer's gender as WeCom reports it.
func (customerView) GenderName(g int) string {
	return map[int]string{1: "男", 2: "女"}[g]
}

// TaskStatusName says where a task stands.
func (customerView) TaskStatusName(s string) string {
	return map[string]string{app.TaskOpen: "待办", app.TaskDone: "已完成", app.TaskCancelled: "已取消"}[s]
}
