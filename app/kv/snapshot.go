package kv

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// dumpScript reads every key of the database in one script run. Scripts run
// atomically, so a task moving between asynq's lists is seen in exactly one
// of them: a key-by-key copy could catch it in neither and lose it.
var dumpScript = redis.NewScript(`
local out = {}
for _, k in ipairs(redis.call('KEYS', '*')) do
  local t = redis.call('TYPE', k)['ok']
  local v = {}
  if t == 'string' then v = {redis.call('GET', k)}
  elseif t == 'hash' then v = redis.call('HGETALL', k)
  elseif t == 'list' then v = redis.call('LRANGE', k, 0, -1)
  elseif t == 'set' then v = redis.call('SMEMBERS', k)
  elseif t == 'zset' then v = redis.call('ZRANGE', k, 0, -1, 'WITHSCORES')
  end
  table.insert(out, {k, t, redis.call('PTTL', k), v})
end
return out`)

// entry is one key in a snapshot. Values are kept as Go strings, which gob
// writes byte for byte: asynq stores binary protobuf in hashes.
type entry struct {
	Key    string
	Type   string
	TTL    time.Duration
	Values []string
}

func saveSnapshot(ctx context.Context, c *redis.Client, path string) error {
	raw, err := dumpScript.Run(ctx, c, nil).Slice()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("snapshot: dump: %w", err)
	}
	entries := make([]entry, 0, len(raw))
	for _, r := range raw {
		e, err := toEntry(r)
		if err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		entries = append(entries, e)
	}
	return writeFileAtomic(path, entries)
}

func toEntry(r any) (entry, error) {
	parts, ok := r.([]any)
	if !ok || len(parts) != 4 {
		return entry{}, fmt.Errorf("unexpected dump row %T", r)
	}
	e := entry{Key: fmt.Sprint(parts[0]), Type: fmt.Sprint(parts[1])}
	if ms, ok := parts[2].(int64); ok && ms > 0 {
		e.TTL = time.Duration(ms) * time.Millisecond
	}
	vals, _ := parts[3].([]any)
	for _, v := range vals {
		e.Values = append(e.Values, fmt.Sprint(v))
	}
	return e, nil
}

// writeFileAtomic writes to a temporary file and renames it over path, so a
// crash mid-write leaves the previous snapshot intact.
func writeFileAtomic(path string, entries []entry) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".redis-snapshot-*")
	if err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := gob.NewEncoder(tmp).Encode(entries); err != nil {
		tmp.Close()
		return fmt.Errorf("snapshot: encode: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("snapshot: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}

// restoreSnapshot loads path into db before the server takes clients. A
// missing file is a first start, not an error.
func restoreSnapshot(db *miniredis.RedisDB, path string) (int, error) {
	if path == "" {
		return 0, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("snapshot: %w", err)
	}
	defer f.Close()
	var entries []entry
	if err := gob.NewDecoder(f).Decode(&entries); err != nil {
		return 0, fmt.Errorf("snapshot %s is unreadable (move it away to start empty): %w", path, err)
	}
	for _, e := range entries {
		if err := restoreEntry(db, e); err != nil {
			return 0, fmt.Errorf("snapshot: key %q: %w", e.Key, err)
		}
	}
	return len(entries), nil
}

func restoreEntry(db *miniredis.RedisDB, e entry) error {
	var err error
	switch e.Type {
	case "string":
		if len(e.Values) == 1 {
			err = db.Set(e.Key, e.Values[0])
		}
	case "hash":
		db.HSet(e.Key, e.Values...)
	case "list":
		_, err = db.Push(e.Key, e.Values...)
	case "set":
		_, err = db.SetAdd(e.Key, e.Values...)
	case "zset":
		err = restoreZSet(db, e)
	default:
		return nil // types asynq and Siyu do not use (streams, HLL) are not kept
	}
	if err == nil && e.TTL > 0 {
		db.SetTTL(e.Key, e.TTL)
	}
	return err
}

func restoreZSet(db *miniredis.RedisDB, e entry) error {
	for i := 0; i+1 < len(e.Values); i += 2 {
		score, err := strconv.ParseFloat(e.Values[i+1], 64)
		if err != nil {
			return err
		}
		if _, err := db.ZAdd(e.Key, score, e.Values[i]); err != nil {
			return err
		}
	}
	return nil
}
