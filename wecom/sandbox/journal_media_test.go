package sandbox_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/wecom/sandbox"
)

// upload posts a file to media/upload_attachment and returns the answer.
func (j *journaled) upload(t *testing.T, data []byte) reply {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("media", "海报.png")
	require.NoError(t, err)
	_, _ = fw.Write(data)
	require.NoError(t, mw.Close())
	q := url.Values{"access_token": {j.tok}, "media_type": {"image"}, "attachment_type": {"1"}}
	resp, err := http.Post(j.base+"/cgi-bin/media/upload_attachment?"+q.Encode(), mw.FormDataContentType(), &body)
	require.NoError(t, err)
	return decode(t, resp)
}

// Uploads are not journaled (their files would fill it), so they draw no
// id from the corp's sequence, and a replayed mass send naming one is
// applied as it was live: a replay rebuilds the same sends and the same
// later ids, join ways included.
func TestReplayAfterUploads(t *testing.T) {
	j := newJournaled(t)
	up := j.upload(t, []byte("\x89PNG\r\n\x1a\nposter"))
	require.Equal(t, 0, up.code(), up)
	media := up["media_id"].(string)
	ext := j.act(t, "customer-adds", `{"userid":"guide0101"}`)["external_userid"].(string)
	j.api(t, "add_msg_template", 0, map[string]any{"external_userid": []string{ext}, "sender": "guide0101", "text": map[string]any{"content": "新品"},
		"attachments": []map[string]any{{"msgtype": "image", "image": map[string]any{"media_id": media}}}})
	chat := j.corp.Snapshot().Groups[0].ChatID
	jw := j.api(t, "groupchat/add_join_way", 0, map[string]any{"scene": 2, "chat_id_list": []string{chat}, "state": "fis:1"})
	cw := j.api(t, "add_contact_way", 0, map[string]any{"type": 1, "scene": 2, "user": []string{"guide0101"}})

	again := sandbox.New(sandbox.Options{})
	t.Cleanup(func() { again.Close() })
	c2, err := again.AddCorp(sandbox.NewCorpConfig("demo"))
	require.NoError(t, err)
	require.NoError(t, c2.SeedDemo())
	require.Empty(t, c2.Replay(j.fired))
	want, got := j.corp.Snapshot(), c2.Snapshot()
	assert.Equal(t, want.MassSends, got.MassSends, "the send and its media, as live")
	assert.Equal(t, []string{media}, got.MassSends[len(got.MassSends)-1].MediaIDs)
	assert.Equal(t, want.ContactWays, got.ContactWays, "%s drew the id it drew live", cw["config_id"])
	_, err = c2.JoinByJoinWay(jw["config_id"].(string), ext)
	assert.NoError(t, err, "the join way was replayed")
}
