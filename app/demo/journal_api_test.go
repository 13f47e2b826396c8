package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/demo"
)

// wecomCall calls a WeCom API of the demo's sandbox as Siyu's client does.
func wecomCall(t *testing.T, d *demo.Demo, path string, body any) map[string]any {
	t.Helper()
	resp, err := http.Get(d.URL() + "/cgi-bin/gettoken?" + url.Values{"corpid": {"demo"}, "corpsecret": {d.Corp().Info().ContactSecret}}.Encode())
	require.NoError(t, err)
	var tok map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&tok))
	resp.Body.Close()
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	resp, err = http.Post(d.URL()+"/cgi-bin/"+path+"?access_token="+tok["access_token"].(string), "application/json", bytes.NewReader(raw))
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	require.EqualValues(t, 0, out["errcode"], out)
	return out
}

// A contact way Siyu made through the API is journaled with the actions,
// so after a restart an add through it replays and the customers added
// after it keep their ids.
func TestJournalKeepsContactWaysSiyuMade(t *testing.T) {
	ctx := context.Background()
	opts := demo.Options{JournalPath: filepath.Join(t.TempDir(), "sandbox.journal")}
	first, err := demo.Start(ctx, opts)
	require.NoError(t, err)
	cw := wecomCall(t, first, "externalcontact/add_contact_way",
		map[string]any{"type": 2, "scene": 2, "user": []string{"guide0101", "guide0102"}, "state": "cqrtest"})
	configID := cw["config_id"].(string)
	_, err = first.Act("customer-adds", []byte(`{"userid":"guide0102","config_id":"`+configID+`"}`))
	require.NoError(t, err)
	wecomCall(t, first, "externalcontact/update_contact_way", map[string]any{"config_id": configID, "user": []string{"guide0101"}})
	_, err = first.Act("customer-adds", []byte(`{"userid":"guide0101","config_id":"`+configID+`"}`))
	require.NoError(t, err)
	_, err = first.Act("customer-adds", []byte(`{"userid":"guide0103","name":"之后的客户"}`))
	require.NoError(t, err)
	want := first.Corp().Snapshot()
	require.NoError(t, first.Close())

	second, err := demo.Start(ctx, opts)
	require.NoError(t, err)
	defer second.Close()
	got := second.Corp().Snapshot()
	assert.Equal(t, want.Customers, got.Customers, "every external_userid names the same person")
	assert.Equal(t, want.Follows, got.Follows)
	assert.Equal(t, want.ContactWays, got.ContactWays, "the contact way, as last updated, with its qr_code")
}
