package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// snapshotPageSize is the customers of one page of a snapshot.
const snapshotPageSize = 50

// segmentView is a segment's page: what it is, in words, the snapshots
// kept, and the customers of the one shown.
type segmentView struct {
	Segment     app.Segment
	Period      string
	Rule        string // the rule in words
	CreatedBy   string
	Versions    []versionRow
	Version     int // the snapshot shown
	Customers   []consoleOption
	First, Next string
}

// versionRow is a snapshot kept, with the link that shows it.
type versionRow struct {
	app.SegmentVersion
	URL    string
	Shown  bool
	Latest bool
}

func (s *server) segmentPage(c *gin.Context) {
	ctx, corpID := c.Request.Context(), caller(c).CorpID
	g, err := s.d.Segments.Find(ctx, corpID, pathID(c))
	var v *segmentView
	if err == nil {
		v, err = s.segmentDetail(ctx, corpID, g)
	}
	if err == nil {
		err = s.snapshotPage(c, v)
	}
	if err != nil {
		s.consoleError(c, err)
		return
	}
	s.render(c, http.StatusOK, "console_segment.html", s.view(c, "人群 · "+g.Name, "segments", v))
}

// segmentDetail names what the page says of the segment itself.
func (s *server) segmentDetail(ctx context.Context, corpID int64, g *app.Segment) (*segmentView, error) {
	var rule app.SegmentRule
	if err := json.Unmarshal([]byte(g.Rule), &rule); err != nil {
		return nil, fmt.Errorf("segment %d rule: %w", g.ID, err)
	}
	root := nodeOfRule(rule)
	choices, err := s.segmentChoices(ctx, corpID, root)
	var doers map[string]string
	if err == nil {
		doers, err = s.d.Names.Actors(ctx, corpID, []string{g.CreatedBy})
	}
	var kept []app.SegmentVersion
	if err == nil {
		kept, err = s.d.Segments.Versions(ctx, corpID, g.ID)
	}
	v := &segmentView{Segment: *g, Period: refreshPeriod(g.RefreshHours), Rule: root.describe(choices, false), CreatedBy: doers[g.CreatedBy]}
	for _, k := range kept {
		v.Versions = append(v.Versions, versionRow{SegmentVersion: k, Latest: k.Version == g.Version,
			URL: fmt.Sprintf("/console/segments/%d?version=%d", g.ID, k.Version)})
	}
	return v, err
}

// snapshotPage reads the page of the snapshot the URL asks for (the
// latest by default) and names its customers.
func (s *server) snapshotPage(c *gin.Context, v *segmentView) error {
	v.Version = v.Segment.Version
	if n, err := strconv.Atoi(c.Query("version")); err == nil {
		v.Version = n
	}
	shown := false
	for i := range v.Versions {
		v.Versions[i].Shown = v.Versions[i].Version == v.Version
		shown = shown || v.Versions[i].Shown
	}
	if !shown && v.Version != 0 {
		return app.Errorf(app.ENOTFOUND, "人群的第 %d 版快照已不再保留", v.Version)
	}
	ctx, corpID, after := c.Request.Context(), caller(c).CorpID, c.Query("after")
	ids, err := s.d.Segments.Members(ctx, corpID, v.Segment.ID, v.Version, after, snapshotPageSize)
	var names map[string]string
	if err == nil {
		names, err = s.d.CustomerNames.CustomerNames(ctx, corpID, ids)
	}
	for _, id := range ids {
		v.Customers = append(v.Customers, consoleOption{Value: id, Label: names[id]})
	}
	link := func(to string) string {
		q := url.Values{"version": {strconv.Itoa(v.Version)}}
		if to != "" {
			q.Set("after", to)
		}
		return c.Request.URL.Path + "?" + q.Encode()
	}
	if after != "" {
		v.First = link("")
	}
	if len(ids) == snapshotPageSize {
		v.Next = link(ids[len(ids)-1])
	}
	return err
}
