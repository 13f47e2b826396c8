package api

import (
	"context"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// massGroupChoices are what the 群发 form offers to choose customer groups
// by: guides as owners (by name) and group tags.
type massGroupChoices struct {
	Owners    []consoleOption
	GroupTags []app.GroupTag
	// Chosen are the owners and tag ids ticked, to show them again.
	ChosenOwners, ChosenTags []string
}

// loadMassGroupChoices fills the owners and group tags to choose from.
func (s *server) loadMassGroupChoices(ctx context.Context, corpID int64, g *massGroupChoices) error {
	if s.d.GroupTags != nil {
		ts, err := s.d.GroupTags.List(ctx, corpID)
		if err != nil {
			return err
		}
		g.GroupTags = ts
	}
	if s.d.Org == nil {
		return nil
	}
	gs, _, err := s.d.Org.ListGuides(ctx, corpID, app.GuideFilter{Page: app.Page{Limit: app.MaxPageSize}, Status: app.GuideActive})
	for _, x := range gs {
		g.Owners = append(g.Owners, consoleOption{Value: x.UserID, Label: x.Name})
	}
	return err
}

// massGroupSelection reads the form's group choice: a group send to the
// live groups of the ticked owners and tags whose name holds the text.
func massGroupSelection(c *gin.Context, in *app.MassSendInput, g *massGroupChoices) {
	g.ChosenOwners, g.ChosenTags = c.PostFormArray("group_owners"), c.PostFormArray("group_tags")
	if in.Audience.Kind != app.AudienceGroups {
		return
	}
	in.ChatType = app.ChatGroup
	in.Audience.Groups = app.GroupSelection{Owners: g.ChosenOwners, NameContains: c.PostForm("group_name")}
	for _, t := range g.ChosenTags {
		if id, err := strconv.ParseInt(t, 10, 64); err == nil {
			in.Audience.Groups.TagIDs = append(in.Audience.Groups.TagIDs, id)
		}
	}
}
