package api

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/segment"
)

// Segments is the segments capability the API serves (app/segment).
type Segments interface {
	Preview(ctx context.Context, corpID int64, rule app.SegmentRule) (*segment.Preview, error)
	Create(ctx context.Context, corpID int64, in segment.Input) (*app.Segment, error)
	Refresh(ctx context.Context, corpID, id int64) (*app.Segment, error)
	Find(ctx context.Context, corpID, id int64) (*app.Segment, error)
	List(ctx context.Context, corpID int64, p app.Page) ([]app.Segment, int64, error)
	Members(ctx context.Context, corpID, id int64, version int, after string, limit int) ([]string, error)
	Versions(ctx context.Context, corpID, id int64) ([]app.SegmentVersion, error)
}

// segmentRoutes serves segments: reads to every role; previews, saving
// and refreshing to operators.
func (s *server) segmentRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/segment-fields", segmentFields)
	c.GET("/segments", func(c *gin.Context) { list(s, c, s.d.Segments.List, toSegment) })
	c.GET("/segments/:id", func(c *gin.Context) { getOne(s, c, s.d.Segments.Find, toSegment) })
	c.GET("/segments/:id/members", s.segmentMembers)
	w.POST("/segments/preview", s.previewSegment)
	w.POST("/segments", s.createSegment)
	w.POST("/segments/:id/refresh", s.refreshSegment)
}

func (s *server) previewSegment(c *gin.Context) {
	var body struct {
		Rule app.SegmentRule `json:"rule"`
	}
	err := bindJSON(c, &body)
	var p *segment.Preview
	if err == nil {
		p, err = s.d.Segments.Preview(c.Request.Context(), c.GetInt64(corpKey), body.Rule)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (s *server) createSegment(c *gin.Context) {
	var in segment.Input
	err := bindJSON(c, &in)
	var g *app.Segment
	if err == nil {
		g, err = s.d.Segments.Create(c.Request.Context(), c.GetInt64(corpKey), in)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toSegment(*g))
}

func (s *server) refreshSegment(c *gin.Context) {
	id, err := idParam(c)
	var g *app.Segment
	if err == nil {
		g, err = s.d.Segments.Refresh(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toSegment(*g))
}

// segmentMembers pages a snapshot's customers: ?version= (the latest when
// absent), ?after= (the cursor), ?limit=.
func (s *server) segmentMembers(c *gin.Context) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	var g *app.Segment
	if err == nil {
		g, err = s.d.Segments.Find(ctx, corpID, id)
	}
	version, limit := 0, 0
	if err == nil {
		version, err = intQuery(c, "version", g.Version)
	}
	if err == nil {
		limit, err = intQuery(c, "limit", 100)
	}
	var ids []string
	if err == nil {
		ids, err = s.d.Segments.Members(ctx, corpID, id, version, c.Query("after"), limit)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	next := ""
	if len(ids) == app.PageLimit(limit, 100) {
		next = ids[len(ids)-1]
	}
	c.JSON(http.StatusOK, gin.H{"version": version, "items": ids, "next": next})
}

func intQuery(c *gin.Context, name string, def int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, app.FieldInvalid(name, name+" 应为非负整数")
	}
	return n, nil
}

// segmentFieldJSON is one field the segment builder offers.
type segmentFieldJSON struct {
	Name   string            `json:"name"`
	Label  string            `json:"label"`
	Type   string            `json:"type"`
	Values map[string]string `json:"values,omitempty"`
	Cmps   map[string]string `json:"cmps"`
}

// segmentFields lists the fields and comparisons rules may use.
func segmentFields(c *gin.Context) {
	out := make([]segmentFieldJSON, 0, len(app.SegmentFields))
	for name, f := range app.SegmentFields {
		out = append(out, segmentFieldJSON{Name: name, Label: f.Label, Type: f.Type, Values: f.Values, Cmps: app.SegmentCmps[f.Type]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	c.JSON(http.StatusOK, gin.H{"items": out})
}

// segmentJSON is a segment with its latest snapshot.
type segmentJSON struct {
	ID           int64           `json:"id"`
	Name         string          `json:"name"`
	Rule         json.RawMessage `json:"rule"`
	RefreshHours int             `json:"refresh_hours"`
	Version      int             `json:"version"`
	Count        int64           `json:"count"`
	RefreshedAt  *time.Time      `json:"refreshed_at"`
	CreatedBy    string          `json:"created_by"`
	CreatedAt    time.Time       `json:"created_at"`
}

func toSegment(g app.Segment) segmentJSON {
	return segmentJSON{ID: g.ID, Name: g.Name, Rule: json.RawMessage(g.Rule), RefreshHours: g.RefreshHours, Version: g.Version,
		Count: g.Count, RefreshedAt: g.RefreshedAt, CreatedBy: g.CreatedBy, CreatedAt: g.CreatedAt}
}
