package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// CorpFinder finds a corp by WeCom corp id and lists them, for the read
// API's corp scope.
type CorpFinder interface {
	FindCorpByCorpID(ctx context.Context, corpID string) (*app.Corp, error)
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
	ListCorps(ctx context.Context) ([]*app.Corp, error)
}

// APIPrefix is where the JSON API lives.
const APIPrefix = "/api/v1"

// directoryRoutes serves the directory read API on c, the routes of the
// corp in scope.
func (s *server) directoryRoutes(c gin.IRouter) {
	c.GET("/customers", s.listCustomers)
	c.GET("/follows", s.listFollows)
	c.GET("/groups", s.listGroups)
	c.GET("/tags", s.listTags)
	c.GET("/sync-runs", s.listSyncRuns)
}

// listBody is every list answer: the items and the cursor to pass as
// ?after= for the next page (absent on the last page).
type listBody struct {
	Items any   `json:"items"`
	Next  int64 `json:"next,omitempty"`
}

// listCorps lists the corps the caller may see: every one for the
// deployment token, their own for anyone else.
func (s *server) listCorps(c *gin.Context) {
	all, err := s.d.Corps.ListCorps(c.Request.Context())
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	var corps []*app.Corp
	for _, k := range all {
		if caller(c).CanAccess(k.ID) {
			corps = append(corps, k)
		}
	}
	type corpJSON struct {
		CorpID   string `json:"corp_id"`
		Name     string `json:"name"`
		Timezone string `json:"timezone"`
	}
	c.JSON(http.StatusOK, listBody{Items: mapAll(corps, func(k *app.Corp) corpJSON { return corpJSON{k.CorpID, k.Name, k.Timezone} })})
}

// corpScope resolves :corp to Siyu's corp id for the handlers after it,
// and refuses a caller of another corp. Such a caller gets 403 whether or
// not the corp exists, so corp ids cannot be probed.
func (s *server) corpScope(c *gin.Context) {
	corp, err := s.d.Corps.FindCorpByCorpID(c.Request.Context(), c.Param("corp"))
	p := caller(c)
	if (err == nil && !p.CanAccess(corp.ID)) || (app.ErrorCode(err) == app.ENOTFOUND && p.CorpID != 0) {
		err = app.Errorf(app.EFORBIDDEN, "无权访问企业 %s 的数据", c.Param("corp"))
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Set(corpKey, corp.ID)
}

const corpKey = "siyu.corp_id"

// pageOf reads ?after= and ?limit=; anything but a number is refused.
func pageOf(c *gin.Context) (app.Page, error) {
	after, err := queryInt(c, "after")
	if err != nil {
		return app.Page{}, err
	}
	limit, err := queryInt(c, "limit")
	return app.Page{After: after, Limit: int(min(limit, app.MaxPageSize))}, err
}

func queryInt(c *gin.Context, key string) (int64, error) {
	v := c.Query(key)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, app.Errorf(app.EINVALID, "参数 %s 应为非负整数", key)
	}
	return n, nil
}

// list runs one paged read for the corp in scope and answers it.
func list[T, U any](s *server, c *gin.Context, read func(ctx context.Context, corpID int64, p app.Page) ([]T, int64, error), conv func(T) U) {
	p, err := pageOf(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	items, next, err := read(c.Request.Context(), c.GetInt64(corpKey), p)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, listBody{Items: mapAll(items, conv), Next: next})
}

func (s *server) listCustomers(c *gin.Context) {
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.CustomerFollows, int64, error) {
		return s.d.Directory.ListCustomers(ctx, corpID, app.CustomerFilter{Page: p, UserID: c.Query("userid")})
	}, toCustomer)
}

func (s *server) listFollows(c *gin.Context) {
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.Follow, int64, error) {
		if a := c.Query("active"); a != "" && a != "0" && a != "1" {
			return nil, 0, app.FieldInvalid("active", "active 应为 1（只看现有关系）或 0")
		}
		return s.d.Directory.ListFollows(ctx, corpID, app.FollowFilter{Page: p, UserID: c.Query("userid"),
			ExternalUserID: c.Query("external_userid"), ActiveOnly: c.Query("active") == "1"})
	}, toFollow)
}

func (s *server) listGroups(c *gin.Context)   { list(s, c, s.d.Directory.ListGroups, toGroup) }
func (s *server) listTags(c *gin.Context)     { list(s, c, s.d.Directory.ListTagGroups, toTagGroup) }
func (s *server) listSyncRuns(c *gin.Context) { list(s, c, s.d.Directory.ListSyncRuns, toSyncRun) }
