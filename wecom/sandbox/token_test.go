package sandbox_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetToken(t *testing.T) {
	c := newCorp(t)
	cfg := c.Config()
	tests := []struct {
		name   string
		q      url.Values
		code   int
		issued bool
	}{
		{"OK contact secret", url.Values{"corpid": {cfg.CorpID}, "corpsecret": {cfg.ContactSecret}}, 0, true},
		{"OK app secret", url.Values{"corpid": {cfg.CorpID}, "corpsecret": {cfg.AppSecret}}, 0, true},
		{"ErrWrongSecret", url.Values{"corpid": {cfg.CorpID}, "corpsecret": {"nope"}}, 40001, false},
		{"ErrMissingSecret", url.Values{"corpid": {cfg.CorpID}}, 41004, false},
		{"ErrUnknownCorp", url.Values{"corpid": {"wwnobody"}, "corpsecret": {"x"}}, 40013, false},
		{"ErrMissingCorp", url.Values{"corpsecret": {"x"}}, 41002, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, "/cgi-bin/gettoken", tt.q)
			assert.Equal(t, tt.code, r.code())
			if tt.issued {
				assert.NotEmpty(t, r["access_token"])
				assert.EqualValues(t, 7200, r["expires_in"])
			}
		})
	}
}

func TestTokenLifetime(t *testing.T) {
	c := newCorp(t)
	tok := token(t, c)
	followList := func(tok string) int {
		return get(t, "/cgi-bin/externalcontact/get_follow_user_list", url.Values{"access_token": {tok}}).code()
	}
	t.Run("SameUntilExpiry", func(t *testing.T) {
		c.Advance(7199 * time.Second)
		assert.Equal(t, tok, token(t, c))
		assert.Equal(t, 0, followList(tok))
	})
	t.Run("ErrExpired", func(t *testing.T) {
		c.Advance(time.Second)
		assert.Equal(t, 42001, followList(tok))
		fresh := token(t, c)
		assert.NotEqual(t, tok, fresh)
		assert.Equal(t, 0, followList(fresh))
	})
	t.Run("ErrRevoked", func(t *testing.T) {
		old := token(t, c)
		c.RevokeTokens()
		assert.Equal(t, 40014, followList(old))
		assert.Equal(t, 0, followList(token(t, c)))
	})
	t.Run("ErrMissing", func(t *testing.T) {
		assert.Equal(t, 41001, followList(""))
	})
}

func TestOtherCorpUnaffectedByAdvance(t *testing.T) {
	a, b := newCorpNamed(t, "a"), newCorpNamed(t, "b")
	before := b.Now()
	a.Advance(time.Hour)
	require.Equal(t, before, b.Now())
	require.Equal(t, before.Add(time.Hour), a.Now())
}
