package kv_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
)

func embeddedConfig(t *testing.T) config.Redis {
	return config.Redis{
		Mode:             config.RedisEmbedded,
		EmbeddedAddr:     "127.0.0.1:0",
		SnapshotPath:     filepath.Join(t.TempDir(), "redis.snapshot"),
		SnapshotInterval: time.Hour,
	}
}

func open(t *testing.T, cfg config.Redis) *kv.Redis {
	t.Helper()
	r, err := kv.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.NoError(t, err)
	return r
}

// Without the clock ticker miniredis never expires keys, and asynq's unique
// lock would block the same task forever.
func TestEmbeddedUniqueLockExpires(t *testing.T) {
	r := open(t, embeddedConfig(t))
	defer r.Close()
	client := asynq.NewClient(r.Conn)
	defer client.Close()

	enqueue := func() error {
		_, err := client.Enqueue(asynq.NewTask("test:unique", []byte("x")), asynq.Unique(time.Second), asynq.Queue("nobody-serves-this"))
		return err
	}
	require.NoError(t, enqueue())
	require.ErrorIs(t, enqueue(), asynq.ErrDuplicateTask, "lock holds within its TTL")
	require.Eventually(t, func() bool { return enqueue() == nil }, 5*time.Second, 100*time.Millisecond,
		"lock must expire once its TTL has passed on the wall clock")
}

func TestEmbeddedSnapshotKeepsData(t *testing.T) {
	cfg := embeddedConfig(t)
	r := open(t, cfg)
	ctx := context.Background()
	c := r.Client
	binary := string([]byte{0, 1, 2, 0xff, 0xfe, 'x'})
	require.NoError(t, c.Set(ctx, "s", binary, 0).Err())
	require.NoError(t, c.Set(ctx, "ttl", "v", time.Hour).Err())
	require.NoError(t, c.HSet(ctx, "h", "f1", binary, "f2", "二").Err())
	require.NoError(t, c.RPush(ctx, "l", "a", "b", "c").Err())
	require.NoError(t, c.SAdd(ctx, "set", "m1", "m2").Err())
	require.NoError(t, c.ZAdd(ctx, "z", redisZ(1.5, "one"), redisZ(2, "two")).Err())
	require.NoError(t, r.Close())

	r = open(t, cfg)
	defer r.Close()
	c = r.Client
	assert.Equal(t, binary, c.Get(ctx, "s").Val())
	ttl := c.TTL(ctx, "ttl").Val()
	assert.True(t, ttl > 59*time.Minute && ttl <= time.Hour, "ttl kept, got %s", ttl)
	assert.Equal(t, map[string]string{"f1": binary, "f2": "二"}, c.HGetAll(ctx, "h").Val())
	assert.Equal(t, []string{"a", "b", "c"}, c.LRange(ctx, "l", 0, -1).Val())
	assert.ElementsMatch(t, []string{"m1", "m2"}, c.SMembers(ctx, "set").Val())
	assert.Equal(t, 1.5, c.ZScore(ctx, "z", "one").Val())
	assert.Equal(t, int64(2), c.ZCard(ctx, "z").Val())
}

func TestEmbeddedQueuedTaskSurvivesRestart(t *testing.T) {
	cfg := embeddedConfig(t)
	r := open(t, cfg)
	client := asynq.NewClient(r.Conn)
	info, err := client.Enqueue(asynq.NewTask("test:keep", []byte("payload")), asynq.Queue("default"))
	require.NoError(t, err)
	require.NoError(t, client.Close())
	require.NoError(t, r.Close())

	r = open(t, cfg)
	defer r.Close()
	insp := asynq.NewInspector(r.Conn)
	got, err := insp.GetTaskInfo("default", info.ID)
	require.NoError(t, err)
	assert.Equal(t, asynq.TaskStatePending, got.State)
	assert.Equal(t, []byte("payload"), got.Payload)
}

func TestEmbeddedCorruptSnapshotIsReported(t *testing.T) {
	cfg := embeddedConfig(t)
	require.NoError(t, writeFile(cfg.SnapshotPath, "not gob"))
	_, err := kv.Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unreadable")
}
