package api

import (
	"context"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// scopeOption is a brand scope settings are kept for, by name: the
// corp's shared pool (0), or a brand that keeps its customers apart.
type scopeOption struct {
	ID   int64
	Name string
}

// brandScopes lists the scopes a settings page offers, the shared pool
// first; the pool is named by the brands in it.
func (s *server) brandScopes(ctx context.Context, corpID int64) ([]scopeOption, error) {
	var apart []scopeOption
	var shared []string
	err := eachPage(func(p app.Page) (int64, error) {
		bs, next, err := s.d.Org.ListBrands(ctx, corpID, p)
		for _, b := range bs {
			if b.Scope() == 0 {
				shared = append(shared, b.Name)
			} else {
				apart = append(apart, scopeOption{ID: b.ID, Name: b.Name})
			}
		}
		return next, err
	})
	pool := "共享客户池"
	if len(shared) > 0 {
		pool += "（" + strings.Join(shared, "、") + "）"
	}
	return append([]scopeOption{{ID: 0, Name: pool}}, apart...), err
}

// readScope is the scope ?scope= (or the form's) names among scopes;
// one that is not there is not found.
func readScope(c *gin.Context, scopes []scopeOption) (scopeOption, error) {
	raw := c.Query("scope")
	if c.Request.Method != "GET" {
		raw = c.PostForm("scope")
	}
	id, _ := strconv.ParseInt(raw, 10, 64)
	for _, sc := range scopes {
		if sc.ID == id {
			return sc, nil
		}
	}
	return scopeOption{}, app.Errorf(app.ENOTFOUND, "品牌不存在，或与其他品牌共享客户（共用同一套设置）")
}

// formScope is the brand scope a settings form is for; a bad one has
// already been answered with the error page when ok is false.
func (s *server) formScope(c *gin.Context) (sc scopeOption, ok bool) {
	scopes, err := s.brandScopes(c.Request.Context(), caller(c).CorpID)
	if err == nil {
		sc, err = readScope(c, scopes)
	}
	if err != nil {
		s.consoleError(c, err)
		return sc, false
	}
	return sc, true
}
