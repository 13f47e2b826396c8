package api

import (
	"context"
	"sort"
	"strconv"

	"github.com/siyu-scrm/siyu/app"
)

// auditTargetID turns what was typed in the log's object field into the
// id entries carry: an id as it is, or what people know an object by (a
// store's code or name, a guide's userid or name, a channel's state or
// name, a tag's or group's name, a console user's username, a member's
// number or name). A customer is named by their external_userid; a
// member number is often all digits, so it is tried before an id.
func (s *server) auditTargetID(ctx context.Context, corpID int64, kind, typed string) (string, error) {
	if _, err := strconv.ParseInt(typed, 10, 64); err == nil && kind != "customer" && kind != "member" {
		return typed, nil
	}
	var id int64
	var err error
	switch kind {
	case "store":
		id, err = s.storeIDNamed(ctx, corpID, typed)
	case "guide":
		id, err = s.guideIDNamed(ctx, corpID, typed)
	case "channel":
		id, err = s.channelIDNamed(ctx, corpID, typed)
	case "admin_user":
		id, err = s.userIDNamed(ctx, corpID, typed)
	case "member":
		id, err = s.memberIDNamed(ctx, corpID, typed)
	case "tag", "tag_group":
		return s.tagIDNamed(ctx, corpID, kind == "tag_group", typed)
	default:
		return typed, nil
	}
	return strconv.FormatInt(id, 10), err
}

var errNoSuchObject = app.Errorf(app.ENOTFOUND, "对象不存在")

func (s *server) storeIDNamed(ctx context.Context, corpID int64, typed string) (int64, error) {
	stores, err := s.allStores(ctx, corpID)
	for _, st := range stores {
		if st.Code == typed || st.Name == typed {
			return st.ID, nil
		}
	}
	return 0, firstOf(err, errNoSuchObject)
}

func (s *server) guideIDNamed(ctx context.Context, corpID int64, typed string) (int64, error) {
	var id int64
	err := eachPage(func(p app.Page) (int64, error) {
		gs, next, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: p})
		for _, g := range gs {
			if id == 0 && (g.UserID == typed || g.Name == typed) {
				id = g.ID
			}
		}
		return next, err
	})
	return found(id, err)
}

func (s *server) channelIDNamed(ctx context.Context, corpID int64, typed string) (int64, error) {
	if s.d.Channels == nil {
		return 0, errNoSuchObject
	}
	if ch, err := s.d.Channels.FindChannelByState(ctx, corpID, typed); err == nil {
		return ch.ID, nil
	}
	var id int64
	err := eachPage(func(p app.Page) (int64, error) {
		cs, next, err := s.d.Channels.ListChannels(ctx, corpID, p)
		for _, ch := range cs {
			if id == 0 && ch.Name == typed {
				id = ch.ID
			}
		}
		return next, err
	})
	return found(id, err)
}

// memberIDNamed finds the member with the typed member number, else the
// first one with that name, else the member with that id (the log's own
// links carry ids).
func (s *server) memberIDNamed(ctx context.Context, corpID int64, typed string) (int64, error) {
	if s.d.MemberList == nil {
		return 0, errNoSuchObject
	}
	list, _, err := s.d.MemberList.ListMembers(ctx, app.MemberQuery{CorpID: corpID, Q: typed, Limit: app.MaxPageSize})
	var byName int64
	for _, m := range list {
		if m.MemberNo == typed {
			return m.ID, nil
		}
		if byName == 0 && m.Name == typed {
			byName = m.ID
		}
	}
	if id, perr := strconv.ParseInt(typed, 10, 64); byName == 0 && perr == nil {
		byName = id
	}
	return found(byName, err)
}

func (s *server) userIDNamed(ctx context.Context, corpID int64, typed string) (int64, error) {
	var id int64
	err := eachPage(func(p app.Page) (int64, error) {
		us, next, err := s.d.Accounts.ListUsers(ctx, corpID, p)
		for _, u := range us {
			if u.Username == typed {
				id = u.ID
			}
		}
		return next, err
	})
	return found(id, err)
}

func (s *server) tagIDNamed(ctx context.Context, corpID int64, group bool, typed string) (string, error) {
	groups, err := s.d.Customers.CorpTags(ctx, corpID)
	if err != nil {
		return "", err
	}
	for _, g := range groups {
		if group && g.Name == typed {
			return g.GroupID, nil
		}
		for _, t := range g.Tags {
			if !group && t.Name == typed {
				return t.TagID, nil
			}
		}
	}
	return typed, nil // a deleted tag's id still finds its entries
}

func found(id int64, err error) (int64, error) {
	if err == nil && id == 0 {
		err = errNoSuchObject
	}
	return id, err
}

// sortByName orders [value, name] pairs by name.
func sortByName(pairs [][2]string) {
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i][1] < pairs[j][1] })
}
