package assign

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app"
)

func TestDecide(t *testing.T) {
	store := int64(7)
	guide := func(id string, load int) candidate {
		return candidate{UserID: id, StoreID: store, Active: true, OnShift: true, UnderCap: true, Load: load}
	}
	off := func(c candidate) candidate { c.OnShift = false; return c }
	capped := func(c candidate) candidate { c.UnderCap = false; return c }
	storeCh := func(pick string) *app.Channel {
		return &app.Channel{ID: 1, Kind: app.ChannelStore, StoreID: &store, Pick: pick}
	}
	add := app.CustomerAdd{UserID: "a"}
	cases := []struct {
		name string
		sit  situation
		want string // rule→user
	}{
		{"an active owner keeps the customer", situation{Add: add, Channel: storeCh(""), OwnerActive: true,
			Owner: &app.Owner{UserID: "old", Status: app.OwnerAssigned}, Members: []candidate{guide("a", 0)}}, "sticky→old"},
		{"an owner who left does not", situation{Add: add, Channel: storeCh(""), Owner: &app.Owner{UserID: "old", Status: app.OwnerAssigned},
			Members: []candidate{guide("a", 0)}}, "channel_user→a"},
		{"the added guide on shift and under cap", situation{Add: add, Channel: storeCh(""), Members: []candidate{guide("b", 0), guide("a", 5)}}, "channel_user→a"},
		{"added guide off shift: round-robin after the last turn", situation{Add: add, Channel: storeCh(app.PickRoundRobin), LastTurn: "b",
			Members: []candidate{off(guide("a", 0)), guide("b", 0), capped(guide("c", 0)), guide("d", 0)}}, "round_robin→d"},
		{"round-robin wraps around", situation{Add: add, Channel: storeCh(app.PickRoundRobin), LastTurn: "d",
			Members: []candidate{off(guide("a", 0)), guide("b", 0), guide("d", 0)}}, "round_robin→b"},
		{"least-loaded, first among equals", situation{Add: add, Channel: storeCh(app.PickLeastLoaded),
			Members: []candidate{capped(guide("a", 0)), guide("b", 3), guide("c", 1), guide("d", 1)}}, "least_loaded→c"},
		{"nobody available: the backup", situation{Add: add, Channel: &app.Channel{Kind: app.ChannelStore, StoreID: &store, BackupUserID: "m"},
			Backup: &candidate{UserID: "m", Active: true}, Members: []candidate{off(guide("a", 0))}}, "backup→m"},
		{"nobody and no backup: the pool", situation{Add: add, Channel: storeCh(""), Members: []candidate{capped(guide("a", 0))}}, "pool→"},
		{"a guide's own code under cap", situation{Add: add, Channel: &app.Channel{Kind: app.ChannelGuide}, ChannelUser: &candidate{UserID: "g", Active: true, UnderCap: true}}, "channel_user→g"},
		{"a guide's code over cap goes to the backup", situation{Add: add, Channel: &app.Channel{Kind: app.ChannelGuide, BackupUserID: "m"},
			ChannelUser: &candidate{UserID: "g", Active: true}, Backup: &candidate{UserID: "m", Active: true}}, "backup→m"},
		{"online code: the pool", situation{Add: add, Channel: &app.Channel{Kind: app.ChannelOnline}}, "pool→"},
		{"no channel: the added guide", situation{Add: add, Added: &candidate{UserID: "a", StoreID: store, Active: true}}, "added_guide→a"},
		{"no channel, not a guide, known home store", situation{Add: add, Owner: &app.Owner{UserID: "old", StoreID: &store},
			Members: []candidate{guide("x", 2), guide("y", 1)}}, "home_store→y"},
		{"no channel, nothing known", situation{Add: add}, "pool→"},
	}
	for _, c := range cases {
		d := decide(c.sit)
		assert.Equal(t, c.want, d.Rule+"→"+d.UserID, c.name)
		assert.NotEmpty(t, d.Reason, c.name)
	}
}
