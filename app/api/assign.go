package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Assignments is what the API reads of customers' owners and their
// history (app/assign writes them).
type Assignments interface {
	History(ctx context.Context, corpID int64, externalUserID string) ([]app.Assignment, error)
	OwnerOf(ctx context.Context, corpID int64, externalUserID string) ([]app.Owner, error)
}

// assignRoutes serves a customer's owner and assignment history to every
// role of the corp.
func (s *server) assignRoutes(c *gin.RouterGroup) {
	c.GET("/customers/:external_userid/assignments", s.customerAssignments)
}

type ownerJSON struct {
	Scope      int64     `json:"scope"`
	UserID     string    `json:"userid"`
	StoreID    *int64    `json:"store_id"`
	ChannelID  *int64    `json:"channel_id"`
	Status     string    `json:"status"`
	AssignedAt time.Time `json:"assigned_at"`
}

type assignmentJSON struct {
	ID          int64     `json:"id"`
	Scope       int64     `json:"scope"`
	FromUserID  string    `json:"from_userid"`
	FromName    string    `json:"from_name,omitempty"`
	ToUserID    string    `json:"to_userid"`
	ToName      string    `json:"to_name,omitempty"`
	FromStoreID *int64    `json:"from_store_id"`
	ToStoreID   *int64    `json:"to_store_id"`
	ToStoreName string    `json:"to_store_name,omitempty"`
	ChannelID   *int64    `json:"channel_id"`
	Rule        string    `json:"rule"`
	RuleName    string    `json:"rule_name"`
	Reason      string    `json:"reason"`
	Actor       string    `json:"actor"`
	ActorName   string    `json:"actor_name"`
	At          time.Time `json:"at"`
}

// Names tells what people, stores and actors are called (app/names).
type Names interface {
	People(ctx context.Context, corpID int64, userIDs []string) (map[string]string, error)
	Stores(ctx context.Context, corpID int64, ids []*int64) (map[int64]app.Store, error)
	Actors(ctx context.Context, corpID int64, actors []string) (map[string]string, error)
}

// customerAssignments answers the customer's owners (one per scope) and
// every decision about them, oldest first.
func (s *server) customerAssignments(c *gin.Context) {
	ctx, corpID, ext := c.Request.Context(), c.GetInt64(corpKey), c.Param("external_userid")
	owners, err := s.d.Assignments.OwnerOf(ctx, corpID, ext)
	var hist []app.Assignment
	if err == nil {
		hist, err = s.d.Assignments.History(ctx, corpID, ext)
	}
	if err == nil && len(owners) == 0 && len(hist) == 0 {
		err = app.Errorf(app.ENOTFOUND, "该客户没有归属记录")
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	named, err := s.namedHistory(ctx, corpID, hist)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"owners": mapAll(owners, toOwner), "assignments": named})
}

// namedHistory is hist with people, stores, rules and actors named.
func (s *server) namedHistory(ctx context.Context, corpID int64, hist []app.Assignment) ([]assignmentJSON, error) {
	var users, actors []string
	var stores []*int64
	for _, h := range hist {
		users, stores, actors = append(users, h.FromUserID, h.ToUserID), append(stores, h.ToStoreID), append(actors, h.Actor)
	}
	out := mapAll(hist, toAssignment)
	if s.d.Names == nil {
		return out, nil
	}
	people, err := s.d.Names.People(ctx, corpID, users)
	if err != nil {
		return nil, err
	}
	byID, err := s.d.Names.Stores(ctx, corpID, stores)
	if err != nil {
		return nil, err
	}
	who, err := s.d.Names.Actors(ctx, corpID, actors)
	for i, h := range hist {
		out[i].FromName, out[i].ToName, out[i].ActorName = people[h.FromUserID], people[h.ToUserID], who[h.Actor]
		if h.ToStoreID != nil {
			out[i].ToStoreName = byID[*h.ToStoreID].Name
		}
	}
	return out, err
}

func toOwner(o app.Owner) ownerJSON {
	return ownerJSON{Scope: o.Scope, UserID: o.UserID, StoreID: o.StoreID, ChannelID: o.ChannelID, Status: o.Status, AssignedAt: o.AssignedAt.UTC()}
}

func toAssignment(a app.Assignment) assignmentJSON {
	return assignmentJSON{ID: a.ID, Scope: a.Scope, FromUserID: a.FromUserID, ToUserID: a.ToUserID, FromStoreID: a.FromStoreID,
		ToStoreID: a.ToStoreID, ChannelID: a.ChannelID, Rule: a.Rule, RuleName: app.RuleLabel(a.Rule), Reason: a.Reason, Actor: a.Actor,
		ActorName: app.ActorLabel(a.Actor), At: a.CreatedAt.UTC()}
}
