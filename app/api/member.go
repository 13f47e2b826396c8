package api

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/member"
)

// Members is the members capability the API serves (app/member).
type Members interface {
	Upsert(ctx context.Context, corpID int64, in member.Input) (*member.Result, error)
	UpsertBatch(ctx context.Context, corpID int64, ins []member.Input) ([]member.Result, error)
	Find(ctx context.Context, corpID, id int64) (*app.Member, error)
	Lookup(ctx context.Context, corpID int64, brand, kind, value string) (*app.Member, error)
	Keys(ctx context.Context, corpID int64, m *app.Member) ([]app.MemberIdentity, error)
	Merges(ctx context.Context, corpID, id int64) ([]app.MemberMerge, error)
	RevealPhone(ctx context.Context, corpID, id int64) (string, error)
	Import(ctx context.Context, corpID int64, name string, r io.Reader) (*app.ImportReport, error)
}

// MemberMerger decides possible matches and merges or splits members.
type MemberMerger interface {
	Reviews(ctx context.Context, corpID int64, status string, p app.Page) ([]app.MemberReview, int64, error)
	MergeReviewed(ctx context.Context, corpID, reviewID int64, keepOther bool) (*app.MemberMerge, error)
	Dismiss(ctx context.Context, corpID, reviewID int64) error
	Merge(ctx context.Context, corpID, survivorID, mergedID int64) (*app.MemberMerge, error)
	Split(ctx context.Context, corpID, mergeID int64) error
}

// memberRoutes serves members: reads to every role, upserts, imports,
// merges and splits to operators, the clear phone number to admins only.
func (s *server) memberRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	c.GET("/members/lookup", s.lookupMember)
	c.GET("/members/:id", s.getMember)
	c.GET("/members/:id/phone", s.allow(app.RoleAdmin), s.revealPhone)
	w.POST("/members", s.upsertMember)
	w.POST("/members/batch", s.upsertMembers)
	w.POST("/members/import", func(c *gin.Context) { s.importFile(c, s.d.Members.Import) })
	c.GET("/member-reviews", s.listMemberReviews)
	w.POST("/member-reviews/:id/merge", s.mergeReviewed)
	w.POST("/member-reviews/:id/dismiss", s.dismissReview)
	w.POST("/members/:id/merge", s.mergeMembers)
	w.POST("/member-merges/:id/split", s.splitMembers)
}

// upsertMember creates or updates one member: 201 when created.
func (s *server) upsertMember(c *gin.Context) {
	var in member.Input
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	err := bindJSON(c, &in)
	var res *member.Result
	if err == nil {
		res, err = s.d.Members.Upsert(ctx, corpID, in)
	}
	var m *app.Member
	if err == nil {
		m, err = s.d.Members.Find(ctx, corpID, res.MemberID)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	status := http.StatusOK
	if res.Outcome == member.Created {
		status = http.StatusCreated
	}
	c.JSON(status, gin.H{"result": res, "member": toMember(*m)})
}

// upsertMembers upserts a batch of up to 1,000, all or nothing.
func (s *server) upsertMembers(c *gin.Context) {
	var body struct {
		Members []member.Input `json:"members"`
	}
	err := bindJSON(c, &body)
	var res []member.Result
	if err == nil {
		res, err = s.d.Members.UpsertBatch(c.Request.Context(), c.GetInt64(corpKey), body.Members)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	counts := map[string]int{member.Created: 0, member.Updated: 0, member.Unchanged: 0}
	for _, r := range res {
		counts[r.Outcome]++
	}
	c.JSON(http.StatusOK, gin.H{"results": res, "counts": counts})
}

// getMember answers a member with its keys (the phone masked) and merges.
func (s *server) getMember(c *gin.Context) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	id, err := idParam(c)
	var m *app.Member
	if err == nil {
		m, err = s.d.Members.Find(ctx, corpID, id)
	}
	s.answerMember(c, m, err)
}

// lookupMember finds a member by ?kind= and ?value= (and ?brand=).
func (s *server) lookupMember(c *gin.Context) {
	m, err := s.d.Members.Lookup(c.Request.Context(), c.GetInt64(corpKey), c.Query("brand"), c.Query("kind"), c.Query("value"))
	s.answerMember(c, m, err)
}

// answerMember renders m, or err; a store manager reads their store's
// members only.
func (s *server) answerMember(c *gin.Context, m *app.Member, err error) {
	ctx, corpID := c.Request.Context(), c.GetInt64(corpKey)
	var keys []app.MemberIdentity
	var merges []app.MemberMerge
	if err == nil {
		err = s.mayReadMember(c, m)
	}
	if err == nil {
		keys, err = s.d.Members.Keys(ctx, corpID, m)
	}
	if err == nil {
		merges, err = s.d.Members.Merges(ctx, corpID, m.ID)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toMemberDetail(*m, keys, merges))
}

// revealPhone answers the clear number to an admin; the view is audited.
func (s *server) revealPhone(c *gin.Context) {
	id, err := idParam(c)
	var phone string
	if err == nil {
		phone, err = s.d.Members.RevealPhone(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"phone": phone})
}
