package directory

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// fetchedCustomer is a customer with their relations as WeCom reported them.
type fetchedCustomer struct {
	app.Customer
	Follows []app.Follow
}

func (c fetchedCustomer) userIDs() []string {
	ids := make([]string, len(c.Follows))
	for i, f := range c.Follows {
		ids[i] = f.UserID
	}
	return ids
}

func customerFromDetail(corpID int64, d *wecom.CustomerDetail, now time.Time) fetchedCustomer {
	u := d.Customer
	c := fetchedCustomer{Customer: app.Customer{CorpID: corpID, ExternalUserID: u.ExternalUserID, UnionID: u.UnionID,
		Name: u.Name, Type: int(u.Type), Gender: int(u.Gender), Avatar: u.Avatar, CorpName: u.CorpName, SyncedAt: &now}}
	for _, f := range d.FollowUsers {
		var tags []string
		for _, t := range f.Tags {
			if t.TagID != "" && t.Type != 2 { // personal tags have no corp id
				tags = append(tags, t.TagID)
			}
		}
		c.Follows = append(c.Follows, app.Follow{CorpID: corpID, UserID: f.UserID, ExternalUserID: u.ExternalUserID,
			Remark: f.Remark, Description: f.Description, AddTime: unix(f.CreateTime), AddWay: int(f.AddWay),
			State: f.State, OperUserID: f.OperUserID, TagIDs: tags, SyncedAt: &now})
	}
	return c
}

func groupFromChat(corpID int64, chat *wecom.GroupChat, now time.Time) (*app.Group, []app.GroupMember) {
	g := &app.Group{CorpID: corpID, ChatID: chat.ChatID, Name: chat.Name, Owner: chat.Owner, Notice: chat.Notice,
		CreateTime: unix(chat.CreateTime), MemberVersion: chat.MemberVersion, SyncedAt: &now}
	members := make([]app.GroupMember, 0, len(chat.MemberList))
	for _, m := range chat.MemberList {
		members = append(members, app.GroupMember{CorpID: corpID, ChatID: chat.ChatID, MemberID: m.UserID, Type: m.Type,
			UnionID: m.UnionID, Name: m.Name, GroupNickname: m.GroupNickname, JoinTime: unix(int64(m.JoinTime)),
			JoinScene: m.JoinScene, Invitor: m.Invitor.UserID, State: m.State})
	}
	return g, members
}

func tagLibrary(groups []wecom.CorpTagGroup) []app.TagGroup {
	var out []app.TagGroup
	for _, g := range groups {
		if g.Deleted {
			continue
		}
		tg := app.TagGroup{GroupID: g.GroupID, Name: g.GroupName, Order: g.Order, CreateTime: unix(g.CreateTime)}
		for _, t := range g.Tags {
			if !t.Deleted {
				tg.Tags = append(tg.Tags, app.Tag{TagID: t.ID, Name: t.Name, Order: t.Order, CreateTime: unix(t.CreateTime)})
			}
		}
		out = append(out, tg)
	}
	return out
}

// unix turns WeCom's unix seconds into a UTC time; 0 means unknown.
func unix(sec int64) *time.Time {
	if sec <= 0 {
		return nil
	}
	t := time.Unix(sec, 0).UTC()
	return &t
}

// fromBatch maps a batch/get_by_user page: each item is one customer with
// one of their followers, so a customer may appear more than once.
func fromBatch(corpID int64, items []wecom.BatchCustomer, readAt time.Time) ([]app.Customer, []app.Follow) {
	seen := map[string]bool{}
	var customers []app.Customer
	follows := make([]app.Follow, 0, len(items))
	for _, it := range items {
		u, f := it.Customer, it.Follow
		if !seen[u.ExternalUserID] {
			seen[u.ExternalUserID] = true
			customers = append(customers, app.Customer{CorpID: corpID, ExternalUserID: u.ExternalUserID, UnionID: u.UnionID,
				Name: u.Name, Type: int(u.Type), Gender: int(u.Gender), Avatar: u.Avatar, CorpName: u.CorpName, SyncedAt: &readAt})
		}
		follows = append(follows, app.Follow{CorpID: corpID, UserID: f.UserID, ExternalUserID: u.ExternalUserID,
			Remark: f.Remark, Description: f.Description, AddTime: unix(f.CreateTime), AddWay: int(f.AddWay),
			State: f.State, OperUserID: f.OperUserID, TagIDs: f.TagID, SyncedAt: &readAt})
	}
	return customers, follows
}
