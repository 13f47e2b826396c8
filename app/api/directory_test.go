package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/api"
	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/metrics"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/templates"
)

const apiToken = "test-token-0123456789"

// readAPI is the read API on a real database holding corp "wwread" with
// three customers of guide1, one of whom deleted guide1.
func readAPI(t *testing.T, token string) *gin.Engine {
	ctx := context.Background()
	d := testkit.MigratedDB(t, config.DriverSQLite)
	corps := db.NewCorpStore(d, testkit.Box(t))
	for _, id := range []string{"wwread", "wwother"} {
		require.NoError(t, corps.CreateCorp(ctx, &app.Corp{CorpID: id, Name: "读取测试"}))
	}
	corp, err := corps.FindCorpByCorpID(ctx, "wwread")
	require.NoError(t, err)
	s := db.NewDirectoryStore(d)
	now := time.Now().UTC()
	for i := range 3 {
		ext := fmt.Sprintf("wm%d", i)
		require.NoError(t, s.UpsertCustomers(ctx, []app.Customer{{CorpID: corp.ID, ExternalUserID: ext, Name: "客户" + ext, SyncedAt: &now}}))
		require.NoError(t, s.UpsertFollows(ctx, []app.Follow{{CorpID: corp.ID, UserID: "guide1", ExternalUserID: ext, AddTime: &now,
			State: "store01", TagIDs: []string{"et1"}, SyncedAt: &now}}))
	}
	require.NoError(t, s.DeleteFollow(ctx, corp.ID, "guide1", "wm1", app.FollowDeletedByCustomer, now.Add(time.Second)))
	pages, err := templates.Parse()
	require.NoError(t, err)
	return api.New(api.Deps{Log: testkit.Logger(t), Metrics: metrics.New(), Pages: pages,
		Directory: s, Corps: corps, APIToken: token})
}

func TestReadAPINeedsToken(t *testing.T) {
	h := readAPI(t, apiToken)
	for _, tc := range []struct {
		name   string
		header []string
		status int
	}{
		{"no header", nil, http.StatusUnauthorized},
		{"wrong token", []string{"Authorization", "Bearer wrong-token-0123456789"}, http.StatusUnauthorized},
		{"token as basic auth", []string{"Authorization", "Basic " + apiToken}, http.StatusUnauthorized},
		{"right token", []string{"Authorization", "Bearer " + apiToken}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := do(h, "GET", "/api/v1/corps/wwread/customers", tc.header...)
			assert.Equal(t, tc.status, w.Code, w.Body.String())
			if tc.status == http.StatusUnauthorized {
				assert.Equal(t, app.EUNAUTHORIZED, decodeError(t, w).Code)
				assert.Contains(t, w.Header().Get("WWW-Authenticate"), "Bearer")
			}
		})
	}

	closed := readAPI(t, "")
	w := do(closed, "GET", "/api/v1/corps/wwread/customers", "Authorization", "Bearer ")
	assert.Equal(t, http.StatusUnauthorized, w.Code, "no token configured: closed to everyone")
	assert.Contains(t, decodeError(t, w).Message, "security.api_token")
}

// get calls the API with the token and decodes a list answer.
func get(t *testing.T, h http.Handler, path string, items any) int64 {
	t.Helper()
	w := do(h, "GET", path, "Authorization", "Bearer "+apiToken)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var body struct {
		Items json.RawMessage `json:"items"`
		Next  int64           `json:"next"`
	}
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &body))
	require.NoError(t, json.Unmarshal(body.Items, items))
	return body.Next
}

type follow struct {
	UserID    string   `json:"userid"`
	State     string   `json:"state"`
	TagIDs    []string `json:"tag_ids"`
	Active    bool     `json:"active"`
	DeletedBy string   `json:"deleted_by"`
}

func TestReadAPILists(t *testing.T) {
	h := readAPI(t, apiToken)
	var customers []struct {
		ExternalUserID string   `json:"external_userid"`
		Follows        []follow `json:"follows"`
	}
	next := get(t, h, "/api/v1/corps/wwread/customers?limit=2", &customers)
	require.Len(t, customers, 2)
	assert.NotZero(t, next, "a further page")
	assert.Equal(t, []follow{{UserID: "guide1", State: "store01", TagIDs: []string{"et1"}, Active: true}}, customers[0].Follows)
	assert.Empty(t, customers[1].Follows, "wm1 deleted guide1: no current relation")
	assert.Zero(t, get(t, h, fmt.Sprintf("/api/v1/corps/wwread/customers?after=%d", next), &customers))
	require.Len(t, customers, 1)
	assert.Equal(t, "wm2", customers[0].ExternalUserID)

	var fs []follow
	get(t, h, "/api/v1/corps/wwread/follows?external_userid=wm1", &fs)
	assert.Equal(t, []follow{{UserID: "guide1", State: "store01", TagIDs: []string{}, DeletedBy: app.FollowDeletedByCustomer}}, fs)
	get(t, h, "/api/v1/corps/wwread/follows?active=1", &fs)
	assert.Len(t, fs, 2)
	get(t, h, "/api/v1/corps/wwother/follows", &fs)
	assert.Empty(t, fs, "scoped to the corp named")

	var groups, tags, runs []map[string]any
	get(t, h, "/api/v1/corps/wwread/groups", &groups)
	get(t, h, "/api/v1/corps/wwread/tags", &tags)
	get(t, h, "/api/v1/corps/wwread/sync-runs", &runs)
	assert.NotNil(t, groups, "empty lists are [] not null")
	var corps []map[string]string
	get(t, h, "/api/v1/corps", &corps)
	assert.Len(t, corps, 2)

	w := do(h, "GET", "/api/v1/corps/wwnobody/customers", "Authorization", "Bearer "+apiToken)
	assert.Equal(t, http.StatusNotFound, w.Code)
	w = do(h, "GET", "/api/v1/corps/wwread/customers?after=x", "Authorization", "Bearer "+apiToken)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Equal(t, app.EINVALID, decodeError(t, w).Code)
}

// A query value outside its allowed set is refused with the field named,
// not answered with an empty (or unfiltered) page.
func TestUnknownQueryValuesAreRefused(t *testing.T) {
	h := readAPI(t, apiToken)
	w := do(h, "GET", "/api/v1/corps/wwread/follows?active=yes", "Authorization", "Bearer "+apiToken)
	assert.Equal(t, http.StatusBadRequest, w.Code, w.Body.String())
	assert.Equal(t, "active", decodeError(t, w).Fields[0].Field)
}
