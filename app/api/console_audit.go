package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// auditPageSize is the entries of one page of the audit log.
const auditPageSize = 50

// auditPageRoutes serves 审计日志 to every role: a store manager reads the
// entries about their store, its guides and its channels.
func (s *server) auditPageRoutes(g *gin.RouterGroup) {
	g.GET("/audit", s.auditPage)
	g.GET("/audit/export", s.exportAudit)
}

// auditQuery is the log's filter as the URL carries it.
type auditQuery struct {
	Actor, Action, Type, Target, From, To string
}

type auditView struct {
	Filter  auditQuery
	Errors  map[string]string
	Rows    []auditLogRow
	Actors  [][2]string // actor, name
	Groups  []app.AuditActionGroup
	Types   [][2]string
	Scoped  bool
	Newest  string // the first page's link, "" on it
	Older   string // the next page's link, "" on the last
	Export  string
	Filters bool // some filter is set
}

func (s *server) auditPage(c *gin.Context) {
	ctx := c.Request.Context()
	v := s.view(c, "审计日志", "audit", nil)
	q, f, err := s.readAuditFilter(c, v.Zone)
	if err != nil && app.ErrorCode(err) != app.EINVALID {
		s.consoleError(c, err)
		return
	}
	av := auditView{Filter: q, Scoped: f.Scoped, Types: app.AuditTargetTypes, Export: "/console/audit/export?" + c.Request.URL.RawQuery,
		Filters: q != auditQuery{}}
	var list []*app.AuditEntry
	if err != nil {
		av.Errors = formErrors(err)
	} else if list, err = s.d.Audit.List(ctx, f); err != nil {
		s.consoleError(c, err)
		return
	}
	if len(list) > auditPageSize {
		list = list[:auditPageSize]
		av.Older = auditLink(c, strconv.FormatInt(list[len(list)-1].ID, 10))
	}
	if c.Query("before") != "" {
		av.Newest = auditLink(c, "")
	}
	if err = s.auditChoices(ctx, f, &av); err == nil {
		av.Rows, err = s.auditRows(ctx, v, list)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	v.Data = av
	s.render(c, http.StatusOK, "console_audit.html", v)
}

// auditLink is the current URL with the cursor set to before ("": the
// newest page).
func auditLink(c *gin.Context, before string) string {
	q := c.Request.URL.Query()
	q.Del("before")
	if before != "" {
		q.Set("before", before)
	}
	return c.Request.URL.Path + "?" + q.Encode()
}

// readAuditFilter reads the filter from the URL (days in the corp's zone,
// the end day included) and scopes a store manager's to their store. An
// EINVALID error lists the refused fields; the filter is then unusable.
func (s *server) readAuditFilter(c *gin.Context, zone *time.Location) (auditQuery, app.AuditFilter, error) {
	q := auditQuery{Actor: c.Query("actor"), Action: c.Query("action"), Type: c.Query("type"),
		Target: strings.TrimSpace(c.Query("target")), From: c.Query("from"), To: c.Query("to")}
	f := app.AuditFilter{CorpID: caller(c).CorpID, Actor: q.Actor, Action: q.Action, TargetType: q.Type, Limit: auditPageSize + 1}
	f.BeforeID, _ = strconv.ParseInt(c.Query("before"), 10, 64)
	if err := s.scopeAudit(c, &f); err != nil {
		return q, f, err
	}
	var bad app.Fields
	f.From = day(&bad, "from", q.From, zone, 0)
	f.Before = day(&bad, "to", q.To, zone, 1)
	bad.Check(q.Target != "" && q.Type == "", "target", "请先选择对象类型")
	if q.Target != "" && q.Type != "" {
		id, err := s.auditTargetID(c.Request.Context(), f.CorpID, q.Type, q.Target)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return q, f, err
		}
		bad.Check(err != nil, "target", "未找到该"+app.AuditTargetLabel(q.Type)+"：请填写编号或名称")
		f.TargetID = id
	}
	return q, f, bad.Err()
}

// scopeAudit limits a store manager to the entries about their store,
// its guides (present or past) and its channels.
func (s *server) scopeAudit(c *gin.Context, f *app.AuditFilter) error {
	own, err := s.scopeStore(c)
	if err != nil || own == nil {
		return err
	}
	ctx, id := c.Request.Context(), strconv.FormatInt(own.ID, 10)
	f.Scoped, f.Within = true, []app.AuditTarget{{Type: "store", IDs: []string{id}}}
	guides := app.AuditTarget{Type: "guide"}
	err = eachPage(func(p app.Page) (int64, error) {
		gs, next, err := s.d.Org.ListGuides(ctx, f.CorpID, app.GuideFilter{Page: p, StoreID: own.ID})
		for _, g := range gs {
			guides.IDs = append(guides.IDs, strconv.FormatInt(g.ID, 10))
		}
		return next, err
	})
	chans := app.AuditTarget{Type: "channel"}
	if err == nil && s.d.Channels != nil {
		err = eachPage(func(p app.Page) (int64, error) {
			cs, next, err := s.d.Channels.ListChannels(ctx, f.CorpID, p)
			for _, ch := range cs {
				if ch.StoreID != nil && *ch.StoreID == own.ID {
					chans.IDs = append(chans.IDs, strconv.FormatInt(ch.ID, 10))
				}
			}
			return next, err
		})
	}
	f.Within = append(f.Within, guides, chans)
	return err
}

// auditChoices fills what the filters offer: the actors and actions the
// entries in scope hold, by name, beside every known action.
func (s *server) auditChoices(ctx context.Context, f app.AuditFilter, v *auditView) error {
	facets, err := s.d.Audit.Facets(ctx, app.AuditFilter{CorpID: f.CorpID, Scoped: f.Scoped, Within: f.Within})
	if err != nil {
		return err
	}
	names, err := s.d.Names.Actors(ctx, f.CorpID, facets.Actors)
	if err != nil {
		return err
	}
	for _, a := range facets.Actors {
		v.Actors = append(v.Actors, [2]string{a, names[a]})
	}
	sortByName(v.Actors)
	v.Groups = app.AuditActionGroups
	var other app.AuditActionGroup
	for _, a := range facets.Actions {
		if l := app.AuditActionLabel(a); !knownAction(a) {
			other.Actions = append(other.Actions, [2]string{a, l})
		}
	}
	if len(other.Actions) > 0 {
		other.Name = "其他"
		v.Groups = append(append([]app.AuditActionGroup{}, v.Groups...), other)
	}
	return nil
}

func knownAction(action string) bool {
	for _, g := range app.AuditActionGroups {
		for _, a := range g.Actions {
			if a[0] == action {
				return true
			}
		}
	}
	return false
}

// auditExportQuery keeps the filter of the page's URL for its export.
func auditExportQuery(raw string) string {
	q, _ := url.ParseQuery(raw)
	q.Del("before")
	return q.Encode()
}
