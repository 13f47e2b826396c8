package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// A guide's share link redirects whoever opens it and logs each opening
// as a touch for the guide.
func TestShareLinkAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newConsole(t, d)
		olga := c.login(t, "wwa", "olga")
		base := "/api/v1/corps/wwa"
		require.Equal(t, http.StatusCreated, send(c.h, "POST", base+"/stores", `{"code":"S1","name":"徐汇店"}`, olga...).Code)
		w := send(c.h, "POST", base+"/guides", `{"userid":"g1","name":"王芳","store_code":"S1"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())

		w = send(c.h, "POST", base+"/share-links", `{"userid":"g1","target":"ftp://x"}`, olga...)
		assert.Equal(t, http.StatusBadRequest, w.Code)
		w = send(c.h, "POST", base+"/share-links", `{"userid":"g1","target":"https://shop.example.com/p/9","title":"新品"}`, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		link := decode[map[string]any](t, w)
		for range 2 {
			w = send(c.h, "GET", fmt.Sprint(link["path"]), "")
			require.Equal(t, http.StatusFound, w.Code)
			assert.Equal(t, "https://shop.example.com/p/9", w.Header().Get("Location"))
		}
		w = send(c.h, "GET", "/s/unknown1", "")
		assert.Equal(t, http.StatusNotFound, w.Code)
		assert.Contains(t, w.Header().Get("Content-Type"), "text/html")
		assert.Contains(t, w.Body.String(), "这个链接不存在或已失效")
		w = send(c.h, "GET", base+"/touches?kind=share_click&userid=g1", "", olga...)
		require.Equal(t, http.StatusOK, w.Code)
		assert.Len(t, decode[map[string][]map[string]any](t, w)["items"], 2)
	})
}
