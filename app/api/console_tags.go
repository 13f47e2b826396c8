package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// TagEditor changes the corp tag library through WeCom, which owns it,
// and mirrors what WeCom then lists (app/directory).
type TagEditor interface {
	CreateTagGroup(ctx context.Context, corpID int64, name string, tags []string) (string, error)
	AddTag(ctx context.Context, corpID int64, groupID, name string) (string, error)
	RenameTag(ctx context.Context, corpID int64, id, name string) error
	DeleteTag(ctx context.Context, corpID int64, id string) error
}

// TagCounter counts, per tag, the customers carrying it, the corp's or
// one store's (app/db's DirectoryStore).
type TagCounter interface {
	CountTaggedCustomers(ctx context.Context, corpID, scopeStoreID int64) (map[string]int64, error)
}

// tagPageRoutes serves 标签: everyone reads the library with its counts
// (a store manager counts their store's customers); operators and admins
// change it, through WeCom, when the directory is wired.
func (s *server) tagPageRoutes(g *gin.RouterGroup) {
	g.GET("/tags", s.tagsPage)
	if s.d.Tags == nil {
		return
	}
	w := g.Group("", s.consoleAllow(app.RoleOperator))
	w.POST("/tags/groups", s.createTagGroup)
	w.POST("/tags/groups/:id/tags", s.addTag)
	w.POST("/tags/:id/rename", s.renameTag)
	w.POST("/tags/:id/delete", s.deleteTag)
}

type tagsView struct {
	Groups   []tagGroupRow
	Scoped   bool
	Editable bool // the reader may change the library
	Tags     int  // how many tags the library holds
	NewGroup formView
}

// tagGroupRow is a group with its tags, and a refused add or rename of it.
type tagGroupRow struct {
	app.TagGroup
	Rows                 []tagRow
	AddValue, RenameTo   string
	AddErrors, RenameErr map[string]string
}

// tagRow is a tag with the customers carrying it (a link to them) and
// the channel codes that mark it on their adds.
type tagRow struct {
	app.Tag
	Customers int64
	Link      string
	Channels  []app.Channel
	RenameTo  string
	RenameErr map[string]string
}

// tagEdit is a refused change to show again: which form, what was typed,
// why.
type tagEdit struct {
	form, value string // "group", "add:<group>", "rename:<id>"
	errs        map[string]string
	values      map[string]string
}

func (s *server) tagsPage(c *gin.Context) { s.renderTags(c, http.StatusOK, tagEdit{}) }

func (s *server) renderTags(c *gin.Context, status int, e tagEdit) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	v := s.view(c, "标签", "tags", nil)
	own, err := s.scopeStore(c)
	if err != nil {
		s.consoleError(c, err)
		return
	}
	groups, err := s.d.Customers.CorpTags(ctx, corpID)
	var counts map[string]int64
	if err == nil {
		counts, err = s.d.TagCounts.CountTaggedCustomers(ctx, corpID, storeID(own))
	}
	var chans map[string][]app.Channel
	if err == nil {
		chans, err = s.channelsByTag(ctx, corpID)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	tv := tagsView{Scoped: own != nil, Editable: s.d.Tags != nil && v.CanWrite}
	if e.form == "group" {
		tv.NewGroup = formView{Values: e.values, Errors: e.errs}
	}
	for _, g := range groups {
		tv.Groups = append(tv.Groups, tagGroup(g, counts, chans, e))
		tv.Tags += len(g.Tags)
	}
	v.Data = tv
	s.render(c, status, "console_tags.html", v)
}

// tagGroup lays out one group, with e's refused form where it belongs.
func tagGroup(g app.TagGroup, counts map[string]int64, chans map[string][]app.Channel, e tagEdit) tagGroupRow {
	r := tagGroupRow{TagGroup: g}
	if e.form == "add:"+g.GroupID {
		r.AddValue, r.AddErrors = e.value, e.errs
	}
	if e.form == "rename:"+g.GroupID {
		r.RenameTo, r.RenameErr = e.value, e.errs
	}
	for _, t := range g.Tags {
		row := tagRow{Tag: t, Customers: counts[t.TagID], Channels: chans[t.TagID],
			Link: "/console/customers?" + url.Values{"tag": {t.TagID}}.Encode()}
		if e.form == "rename:"+t.TagID {
			row.RenameTo, row.RenameErr = e.value, e.errs
		}
		r.Rows = append(r.Rows, row)
	}
	return r
}

// channelsByTag lists, per tag, the channel codes that mark it on adds.
func (s *server) channelsByTag(ctx context.Context, corpID int64) (map[string][]app.Channel, error) {
	out := map[string][]app.Channel{}
	if s.d.Channels == nil {
		return out, nil
	}
	return out, eachPage(func(p app.Page) (int64, error) {
		cs, next, err := s.d.Channels.ListChannels(ctx, corpID, p)
		for _, ch := range cs {
			for _, id := range ch.TagIDs {
				out[id] = append(out[id], ch)
			}
		}
		return next, err
	})
}

// splitTags reads the tag names of a new group: separated by commas (of
// either width), 、 or lines.
func splitTags(s string) []string {
	var out []string
	for _, n := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(",，、\n\r", r) }) {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}
