package kv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// paceScript admits one send to a member when fewer than ARGV[3] were
// admitted in the minute before ARGV[1] (ms) and fewer than ARGV[4] in
// the hour, recording it under member ARGV[2]: a sliding window per
// member, checked and taken in one step so every process shares it.
var paceScript = redis.NewScript(`
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 3600000)
local hour = redis.call('ZCARD', KEYS[1])
local minute = redis.call('ZCOUNT', KEYS[1], '(' .. (now - 60000), '+inf')
if minute >= tonumber(ARGV[3]) or hour >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], 3600000)
return 1`)

// Pace keeps app messages to each member under a count a minute and an
// hour, across every Siyu process sharing the Redis: WeCom silently drops
// a member's messages beyond 30 a minute or 1,000 an hour, so a sender
// asks before each message and holds it back when refused.
type Pace struct {
	r                  *Redis
	perMinute, perHour int
}

// NewPace returns a Pace admitting perMinute messages a minute and
// perHour an hour to each member.
func NewPace(r *Redis, perMinute, perHour int) *Pace {
	return &Pace{r: r, perMinute: perMinute, perHour: perHour}
}

// Take admits one message to member userID of corpID at now, or reports
// false when the member has had their share of the last minute or hour.
func (p *Pace) Take(ctx context.Context, corpID int64, userID string, now time.Time) (bool, error) {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	key := "siyu:pace:" + strconv.FormatInt(corpID, 10) + ":" + userID
	n, err := paceScript.Run(ctx, p.r.Client, []string{key}, now.UnixMilli(),
		strconv.FormatInt(now.UnixMilli(), 10)+"-"+hex.EncodeToString(b), p.perMinute, p.perHour).Int()
	if err != nil {
		return false, fmt.Errorf("pace %s: %w", key, err)
	}
	return n == 1, nil
}
