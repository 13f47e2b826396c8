package api

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// Detail fields whose values are ids or codes, shown to people by name.
var (
	personKeys = map[string]bool{"导购": true, "备用导购": true, "接替导购": true}
	storeKeys  = map[string]bool{"门店": true}
	tagKeys    = map[string]bool{"标签": true}
	memberKeys = map[string]bool{"被合并会员": true, "另一条会员记录": true}
	// valueNames name a field's recorded values, per kind of object (""
	// for any kind).
	valueNames = map[string]map[string]map[string]string{
		"":         {"规则": ruleNames},
		"customer": {"状态": {app.OwnerAssigned: "已分配", app.OwnerPool: "客户池"}},
		"channel": {"状态": channelStatuses, "类型": channelKinds,
			"分配方式": {app.PickRoundRobin: "轮流分配", app.PickLeastLoaded: "客户最少优先"}},
		"store":  {"状态": statusNames, "类型": kindNames},
		"guide":  {"状态": statusNames, "角色": statusNames},
		"member": {"原因": mergeReasons},
	}
)

// detailNames are what nameDetails reads values by.
type detailNames struct {
	people  map[string]string
	stores  map[int64]app.Store
	tags    map[string]string
	members map[int64]string
	zone    *time.Location
}

// nameDetails rewrites the detail lines of rows for people: guides,
// stores and tags by name, rules and states in words, times in the
// corp's zone.
func (s *server) nameDetails(ctx context.Context, corpID int64, zone *time.Location, rows []auditLogRow) error {
	var users []string
	var stores []*int64
	var members []int64
	each(rows, func(_ string, l *detailLine) {
		for _, v := range []string{l.Before, l.After} {
			id, err := strconv.ParseInt(v, 10, 64)
			switch {
			case personKeys[l.Key]:
				users = append(users, strings.Split(v, listSep)...)
			case err == nil && storeKeys[l.Key]:
				stores = append(stores, &id)
			case err == nil && memberKeys[l.Key]:
				members = append(members, id)
			}
		}
	})
	n := detailNames{zone: zone, tags: map[string]string{}, members: map[int64]string{}}
	var err error
	if n.people, err = s.d.Names.People(ctx, corpID, users); err != nil {
		return err
	}
	if s.d.MemberList != nil {
		if n.members, err = s.memberNames(ctx, corpID, members); err != nil {
			return err
		}
	}
	if n.stores, err = s.d.Names.Stores(ctx, corpID, stores); err != nil {
		return err
	}
	if groups, err := s.d.Customers.CorpTags(ctx, corpID); err == nil {
		n.tags = tagNames(groups)
	}
	each(rows, func(kind string, l *detailLine) {
		l.Before, l.After = n.value(kind, l.Key, l.Before), n.value(kind, l.Key, l.After)
	})
	return nil
}

// value is one recorded value as a person reads it; a list names each
// of its items.
func (n detailNames) value(kind, key, v string) string {
	if !personKeys[key] && !tagKeys[key] {
		return n.one(kind, key, v)
	}
	items := strings.Split(v, listSep)
	for i, item := range items {
		items[i] = n.one(kind, key, item)
	}
	return strings.Join(items, listSep)
}

// one is one recorded item as a person reads it: what is not known
// (a store Siyu no longer has) keeps what was recorded.
func (n detailNames) one(kind, key, v string) string {
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && storeKeys[key] && n.stores[id].Name != "" {
		return n.stores[id].Name
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && memberKeys[key] && n.members[id] != "" {
		return n.members[id]
	}
	if personKeys[key] && n.people[v] != "" {
		return n.people[v]
	}
	if tagKeys[key] && n.tags[v] != "" {
		return n.tags[v]
	}
	if w := valueNames[kind][key][v]; w != "" {
		return w
	}
	if w := valueNames[""][key][v]; w != "" {
		return w
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t.In(n.zone).Format("2006-01-02 15:04:05")
	}
	return v
}

// each calls fn with every detail line of rows and its object's kind.
func each(rows []auditLogRow, fn func(kind string, l *detailLine)) {
	for i := range rows {
		for j := range rows[i].Lines {
			fn(rows[i].TargetType, &rows[i].Lines[j])
		}
	}
}
