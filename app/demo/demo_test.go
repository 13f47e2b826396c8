package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/demo"
)

func TestJournalBringsTheSandboxBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opts := demo.Options{JournalPath: filepath.Join(dir, "sandbox.journal"), URLFile: filepath.Join(dir, "sandbox.url")}
	first, err := demo.Start(ctx, opts)
	require.NoError(t, err)
	url, err := os.ReadFile(opts.URLFile)
	require.NoError(t, err)
	assert.Equal(t, first.URL()+"\n", string(url), "act finds the sandbox through the URL file")
	assert.WithinDuration(t, time.Now(), first.Corp().Now(), time.Second, "sandbox time is wall time: Siyu accepts its callbacks")

	out, err := first.Act("customer-adds", []byte(`{"userid":"guide0301","state":"store03"}`))
	require.NoError(t, err)
	ext := out.(map[string]any)["external_userid"].(string)
	_, err = first.Act("customer-deletes", []byte(`{"userid":"guide0101","external_userid":"`+first.Corp().Snapshot().Follows[0].ExternalUserID+`"}`))
	require.NoError(t, err)
	_, err = first.Act("customer-deletes", []byte(`{"userid":"guide0101","external_userid":"wmnobody"}`))
	require.Error(t, err, "a refused action is not journaled")
	want := first.Corp().Snapshot()
	require.NoError(t, first.Close())
	_, err = os.Stat(opts.URLFile)
	assert.True(t, os.IsNotExist(err), "the URL file goes with the sandbox")

	second, err := demo.Start(ctx, opts)
	require.NoError(t, err)
	defer second.Close()
	got := second.Corp().Snapshot()
	assert.Equal(t, want.Customers, got.Customers)
	assert.Equal(t, want.Follows, got.Follows, "seeded the same way, the two actions replayed")
	f, ok := second.Corp().Follow("guide0301", ext)
	require.True(t, ok)
	assert.Equal(t, "store03", f.State)
	assert.WithinDuration(t, time.Now(), second.Corp().Now(), time.Second)
}

func TestJournalOfAnotherCorp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sandbox.journal")
	d, err := demo.Start(context.Background(), demo.Options{JournalPath: path})
	require.NoError(t, err)
	require.NoError(t, d.Close())
	_, err = demo.Start(context.Background(), demo.Options{JournalPath: path, CorpID: "wwother"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `belongs to corp "demo"`)

	require.NoError(t, os.WriteFile(path, []byte("{not json\n"), 0o600))
	_, err = demo.Start(context.Background(), demo.Options{JournalPath: path})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 1")
}
