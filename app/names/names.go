// Package names tells what people and things are called, for anything a
// person reads: a member by their display name (their name in Siyu, else
// the one WeCom gave), a store by its name, an actor of the audit trail
// or history by what they are ("系统自动分配", "令牌「报表脚本」"). Pages
// and the API show these, never bare ids. It writes nothing.
package names

import (
	"context"
	"slices"
	"strings"

	"github.com/siyu-scrm/siyu/app"
)

// Org reads guide bindings and stores (app/org's tables).
type Org interface {
	GuideNames(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
	StoresByID(ctx context.Context, corpID int64, ids []int64) (map[int64]app.Store, error)
}

// Staff reads the names WeCom gave members (the directory's mirror).
type Staff interface {
	StaffNames(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
}

// Accounts reads the usernames of console users and the names of API
// tokens, by id (app/auth's tables).
type Accounts interface {
	AccountNames(ctx context.Context, corpID int64, userIDs, tokenIDs []int64) (users, tokens map[int64]string, err error)
}

// Resolver names people, stores and actors.
type Resolver struct {
	Org      Org
	Staff    Staff
	Accounts Accounts
}

// People returns the display names of userIDs; a member Siyu knows no
// name of is absent (callers fall back to neutral wording, or, for staff
// reading, the userid).
func (r Resolver) People(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error) {
	userIDs = slices.Compact(slices.Sorted(slices.Values(slices.DeleteFunc(slices.Clone(userIDs), func(u string) bool { return u == "" }))))
	if len(userIDs) == 0 {
		return map[string]string{}, nil
	}
	out, err := r.Org.GuideNames(ctx, corpID, userIDs)
	if err != nil {
		return nil, err
	}
	rest := slices.DeleteFunc(userIDs, func(u string) bool { return out[u] != "" })
	staff, err := r.Staff.StaffNames(ctx, corpID, rest) // members who are no guide, by WeCom's name
	for _, u := range rest {
		if n := staff[u]; n != "" {
			out[u] = n
		}
	}
	return out, err
}

// Stores returns the stores of ids, by id.
func (r Resolver) Stores(ctx context.Context, corpID int64, ids []*int64) (map[int64]app.Store, error) {
	var list []int64
	for _, id := range ids {
		if id != nil {
			list = append(list, *id)
		}
	}
	return r.Org.StoresByID(ctx, corpID, slices.Compact(slices.Sorted(slices.Values(list))))
}

// Actors labels actors ("user:7", "token:3", "staff:g1", "system:assign")
// in Chinese, with the account's or guide's name where one is known.
func (r Resolver) Actors(ctx context.Context, corpID int64, actors []string) (map[string]string, error) {
	var users, tokens []int64
	var staff []string
	for _, a := range actors {
		kind, id, _ := strings.Cut(a, ":")
		switch kind {
		case "user":
			users = append(users, atoi(id))
		case "token":
			tokens = append(tokens, atoi(id))
		case "staff":
			staff = append(staff, id)
		}
	}
	un, tn, err := r.Accounts.AccountNames(ctx, corpID, users, tokens)
	if err != nil {
		return nil, err
	}
	people, err := r.People(ctx, corpID, staff)
	out := make(map[string]string, len(actors))
	for _, a := range actors {
		out[a] = label(a, un, tn, people)
	}
	return out, err
}
