package api_test

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
	"github.com/siyu-scrm/siyu/app/testkit"
)

// pngFile is a small file that sniffs as PNG.
var pngFile = "\x89PNG\r\n\x1a\n" + strings.Repeat("\x07", 200)

// postFile posts fields and a file (field file) as multipart with hdr.
func postFile(h http.Handler, path string, fields map[string]string, field, name, content string, hdr ...string) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if field != "" {
		fw, _ := mw.CreateFormFile(field, name)
		_, _ = fw.Write([]byte(content))
	}
	_ = mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// Materials through the API: an operator uploads an image (it reaches
// WeCom at once), a file that is not what its kind says is refused with
// every reason in Chinese, an analyst lists but cannot upload.
func TestMaterialAPI(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		login := func(user string) []string {
			w := send(c.h, "POST", "/api/v1/login", `{"corp_id":"`+c.corp.CorpID+`","username":"`+user+`","password":"`+consolePassword+`"}`)
			require.Equal(t, http.StatusOK, w.Code, w.Body.String())
			var in struct{ Token string }
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &in))
			return []string{"Authorization", "Bearer " + in.Token}
		}
		olga, ann := login("olga"), login("ann")
		base := "/api/v1/corps/" + c.corp.CorpID + "/materials"
		w := postFile(c.h, base, map[string]string{"kind": "image", "name": "双十二海报"}, "file", "poster.png", pngFile, olga...)
		require.Equal(t, http.StatusCreated, w.Code, w.Body.String())
		made := decode[struct {
			ID         int64
			Name, Kind string
			Size       int64
			UploadedAt *string `json:"uploaded_at"`
		}](t, w)
		assert.Equal(t, "双十二海报", made.Name)
		assert.EqualValues(t, len(pngFile), made.Size)
		assert.NotNil(t, made.UploadedAt, "uploaded to WeCom when kept")
		assert.Len(t, c.sc.CallsTo("media/upload_attachment"), 1)

		w = postFile(c.h, base, map[string]string{"kind": "video", "name": " "}, "file", "a.mp4", "plain text", olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "视频须为 MP4 格式")
		w = postFile(c.h, base, map[string]string{"kind": "image"}, "", "", "", olga...)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "请以表单字段 file 上传")
		w = postFile(c.h, base, map[string]string{"kind": "image"}, "file", "p.png", pngFile, ann...)
		assert.Equal(t, http.StatusForbidden, w.Code)

		list := decode[struct {
			Items []struct{ Name string }
			Total int64
		}](t, send(c.h, "GET", base, "", ann...))
		assert.EqualValues(t, 1, list.Total)
		require.Len(t, list.Items, 1)
		assert.Equal(t, "双十二海报", list.Items[0].Name)
	})
}

// The 群发 form uploads a new material with the send and attaches it; a
// send refused for another reason comes back with the kept material
// ticked, so nothing is uploaded twice.
func TestConsoleMassSendMaterial(t *testing.T) {
	testkit.EachDB(t, func(t *testing.T, d *db.DB) {
		c := newChain(t, d)
		olga := c.signIn(t, "olga")
		fields := map[string]string{"_csrf": olga.csrf, "name": "", "kind": "list", "list": "wmA", "text": "新品到店", "when": "now", "holdout": "0"}
		w := postFile(c.h, "/console/mass-sends/new", fields, "material_file", "新品海报.png", pngFile, "Cookie", olga.cookie)
		require.Equal(t, http.StatusBadRequest, w.Code)
		assert.Contains(t, w.Body.String(), "请填写群发名称")
		assert.Regexp(t, `name="materials" value="\d+" checked> 新品海报.png（图片，1 KB）`, w.Body.String())
		mats, _, err := c.g.Materials.List(t.Context(), c.corp.ID, app.Page{})
		require.NoError(t, err)
		require.Len(t, mats, 1)

		fields["name"] = "新品群发"
		fields["materials"] = itoa(mats[0].ID)
		w = postFile(c.h, "/console/mass-sends/new", fields, "", "", "", "Cookie", olga.cookie)
		require.Equal(t, http.StatusSeeOther, w.Code, w.Body.String())
		assert.Contains(t, olga.get(t, w.Header().Get("Location"), http.StatusOK), "新品海报.png（图片，1 KB）", "the preview names the material")
		sends, _, err := c.g.MassSends.List(t.Context(), c.corp.ID, app.MassSendFilter{Page: app.Page{Limit: 10}})
		require.NoError(t, err)
		require.Len(t, sends, 1)
		assert.Contains(t, sends[0].Attachments, `"material_id":`+itoa(mats[0].ID))
		assert.Len(t, c.sc.CallsTo("media/upload_attachment"), 1, "kept once, uploaded once")
		assert.Contains(t, olga.get(t, "/console/audit", http.StatusOK), "上传素材", "the upload is audited")
	})
}
