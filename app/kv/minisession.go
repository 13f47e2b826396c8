package kv

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/siyu-scrm/siyu/app"
)

// MiniSessions keeps mini-program consumers' sessions in Redis, where
// every instance reads them, each expiring with its session. A key holds
// the token's hash, never the token.
type MiniSessions struct {
	r   redis.UniversalClient
	now func() time.Time
}

// NewMiniSessions returns the session store on r.
func NewMiniSessions(r *Redis) *MiniSessions { return &MiniSessions{r: r.Client, now: time.Now} }

func miniSessionKey(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "siyu:mini:session:" + hex.EncodeToString(sum[:])
}

// SaveSession stores s under token until s.ExpiresAt.
func (m *MiniSessions) SaveSession(ctx context.Context, token string, s app.MiniSession) error {
	ttl := s.ExpiresAt.Sub(m.now())
	if ttl <= 0 {
		return app.Errorf(app.EUNAUTHORIZED, "登录已过期，请重新登录")
	}
	b, err := json.Marshal(s)
	if err != nil {
		return app.Wrap(app.EINTERNAL, err, "")
	}
	if err := m.r.Set(ctx, miniSessionKey(token), b, ttl).Err(); err != nil {
		return app.Wrap(app.EUNAVAILABLE, err, "会话服务暂时不可用，请稍后再试")
	}
	return nil
}

// Session returns the session of token; unauthorized when none is live.
func (m *MiniSessions) Session(ctx context.Context, token string) (*app.MiniSession, error) {
	b, err := m.r.Get(ctx, miniSessionKey(token)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, app.Errorf(app.EUNAUTHORIZED, "登录已失效，请重新登录")
	} else if err != nil {
		return nil, app.Wrap(app.EUNAVAILABLE, err, "会话服务暂时不可用，请稍后再试")
	}
	var s app.MiniSession
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, app.Wrap(app.EINTERNAL, err, "")
	}
	return &s, nil
}

// DropSession ends the session of token, on every instance at once.
func (m *MiniSessions) DropSession(ctx context.Context, token string) error {
	if err := m.r.Del(ctx, miniSessionKey(token)).Err(); err != nil {
		return app.Wrap(app.EUNAVAILABLE, err, "会话服务暂时不可用，请稍后再试")
	}
	return nil
}
