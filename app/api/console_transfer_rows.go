package api

import (
	"context"
	"fmt"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// The transfer pages' words for modes, rules, statuses and reasons.
var (
	transferModeNames   = map[string]string{app.TransferOnJob: "在职继承", app.TransferResigned: "离职继承"}
	transferRuleNames   = map[string]string{app.TransferRoundRobin: "本店导购轮流接替", app.TransferToGuide: "指定导购接替"}
	transferStatusNames = map[string]string{app.TransferRunning: "进行中", app.TransferDone: "已完成", app.TransferCancelled: "已取消"}
	transferGroupStates = map[string]string{app.GroupPending: "待发送", app.GroupSent: "发送中", app.GroupSucceeded: "已转给新群主",
		app.GroupFailed: "失败", app.GroupCancelled: "已取消"}
)

// transferStateOrder is the order pages count and bar item states in.
var transferStateOrder = []string{app.ItemPending, app.ItemSent, app.ItemWaiting, app.ItemSucceeded, app.ItemRefused,
	app.ItemLimitExceeded, app.ItemFailed, app.ItemCancelled}

// transferStateClass is the badge colour of an item state.
func transferStateClass(state string) string {
	switch state {
	case app.ItemSucceeded:
		return "ok"
	case app.ItemRefused, app.ItemLimitExceeded, app.ItemFailed:
		return "bad"
	case app.ItemSent, app.ItemWaiting:
		return "warn"
	}
	return ""
}

// transferReason says why an item did not move, in Chinese.
func transferReason(it app.TransferItem) string {
	switch it.Reason {
	case "":
		return ""
	case app.ReasonCustomerRefused:
		return "客户拒绝由新导购接替"
	case app.ReasonTakeoverFull:
		return "接替导购的客户数已达企业微信上限"
	case app.ReasonTooFrequent:
		return "90 天内已被转接 2 次（企业微信限制），本次不转"
	case app.ReasonNoRecord:
		return "企业微信没有该客户的接替记录"
	}
	return fmt.Sprintf("企业微信返回错误（错误码 %d）", it.ErrCode)
}

// transferCounts is a transfer's items by state, for the counts and the bar.
type transferCounts struct {
	Total, Settled int
	Parts          []transferCountPart // the states with items, in transferStateOrder
}

type transferCountPart struct {
	State, Label, Class, Width string
	N                          int
}

func transferCountsOf(counts map[string]int) transferCounts {
	var p transferCounts
	for _, st := range transferStateOrder {
		p.Total += counts[st]
	}
	for _, st := range transferStateOrder {
		n := counts[st]
		if n == 0 {
			continue
		}
		switch st {
		case app.ItemPending, app.ItemSent, app.ItemWaiting:
		default:
			p.Settled += n
		}
		p.Parts = append(p.Parts, transferCountPart{State: st, Label: app.ItemStateLabel(st), Class: transferStateClass(st), N: n,
			Width: strconv.FormatFloat(float64(n)*100/float64(p.Total), 'f', 2, 64)})
	}
	return p
}

// transferRow is a transfer as the pages show it: by names, in Chinese.
type transferRow struct {
	app.Transfer
	From, Store, To, Actor         string
	ModeName, RuleName, StatusName string
	Progress                       transferCounts
}

// transferRows names each transfer's guides, store and starter.
func (s *server) transferRows(ctx context.Context, corpID int64, list []app.Transfer) ([]transferRow, error) {
	var users, actors []string
	var stores []*int64
	for i, t := range list {
		users, actors, stores = append(users, t.FromUserID, t.ToUserID), append(actors, t.Actor), append(stores, &list[i].FromStoreID)
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
		return nil, err
	}
	rows := make([]transferRow, len(list))
	for i, t := range list {
		rows[i] = transferRow{Transfer: t, From: personName(people, t.FromUserID), Store: storeNames[t.FromStoreID].Name,
			To: personName(people, t.ToUserID), Actor: actorNames[t.Actor], ModeName: transferModeNames[t.Mode],
			RuleName: transferRuleNames[t.Rule], StatusName: transferStatusNames[t.Status], Progress: transferCountsOf(t.Counts)}
	}
	return rows, nil
}

// transferGuide is a guide as a select offers them.
type transferGuide struct {
	UserID, Name string
	Left         bool
	Manager      bool
}

// transferGuideChoicesOf lists the guides of a store (of one status when given),
// by display name.
func (s *server) transferGuideChoicesOf(ctx context.Context, corpID, storeID int64, status string) ([]transferGuide, error) {
	gs, err := s.storeGuides(ctx, corpID, storeID, status)
	if err != nil {
		return nil, err
	}
	users := make([]string, len(gs))
	for i, g := range gs {
		users[i] = g.UserID
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	out := make([]transferGuide, len(gs))
	for i, g := range gs {
		out[i] = transferGuide{UserID: g.UserID, Name: people[g.UserID], Left: g.Status == app.GuideLeft, Manager: g.Role == app.GuideRoleManager}
	}
	return out, err
}
