package kv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// unlockScript deletes the lock only if it is still ours, so a holder whose
// lock expired cannot release the next holder's.
var unlockScript = redis.NewScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`)

// Lock takes a lock on key shared by every process, waiting until it is
// free or ctx ends. ttl bounds how long a crashed holder blocks others.
func (r *Redis) Lock(ctx context.Context, key string, ttl time.Duration) (unlock func(), err error) {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b)
	for wait := 5 * time.Millisecond; ; wait = min(wait*2, 200*time.Millisecond) {
		ok, err := r.Client.SetNX(ctx, "siyu:lock:"+key, token, ttl).Result()
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", key, err)
		}
		if ok {
			return func() { unlockScript.Run(context.WithoutCancel(ctx), r.Client, []string{"siyu:lock:" + key}, token) }, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("lock %s: %w", key, ctx.Err())
		case <-time.After(wait):
		}
	}
}
