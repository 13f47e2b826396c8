package api

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// transferNames are the names one transfer page shows, read at once.
type transferNames struct {
	people, customers, groups map[string]string
	stores                    map[int64]app.Store
}

// readTransferNames reads the names of people, stores, customers and groups.
func (s *server) readTransferNames(ctx context.Context, corpID int64, users []string, stores []*int64, exts, chats []string) (transferNames, error) {
	var n transferNames
	var err error
	if n.people, err = s.d.Names.People(ctx, corpID, users); err != nil {
		return n, err
	}
	if n.stores, err = s.d.Names.Stores(ctx, corpID, stores); err != nil {
		return n, err
	}
	if n.customers, err = s.d.TransferNames.CustomerNames(ctx, corpID, exts); err != nil {
		return n, err
	}
	n.groups, err = s.d.TransferNames.GroupNames(ctx, corpID, chats)
	return n, err
}

func (n transferNames) person(userID string) string { return personName(n.people, userID) }

// customer is a customer's name, or neutral words when Siyu has not read
// it: never the external_userid in front of people.
func (n transferNames) customer(ext string) string {
	if name := n.customers[ext]; name != "" {
		return name
	}
	return "（未知姓名）"
}

func (n transferNames) group(chatID string) string {
	if name := n.groups[chatID]; name != "" {
		return name
	}
	return "（未命名客户群）"
}

// transferGroupRows names each group and its new owner.
func (n transferNames) transferGroupRows(gs []app.TransferGroup) []transferGroupRow {
	out := make([]transferGroupRow, len(gs))
	for i, g := range gs {
		out[i] = transferGroupRow{TransferGroup: g, Name: n.group(g.ChatID), To: n.person(g.ToUserID), StateName: transferGroupStates[g.State]}
	}
	return out
}
