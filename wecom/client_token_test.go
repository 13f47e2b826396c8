package wecom_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/kv"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/wecom"
)

func TestTokenSharedAcrossClients(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		seedCustomers(t, corp, "guide1", 1)
		clients := []*wecom.Client{newClient(t, r, corp), newClient(t, r, corp), newClient(t, r, corp)}
		var wg sync.WaitGroup
		for i := range 30 {
			wg.Go(func() {
				_, err := clients[i%3].FollowUsers(context.Background())
				assert.NoError(t, err)
			})
		}
		wg.Wait()
		assert.Len(t, corp.CallsTo("gettoken"), 1, "three processes, one gettoken")
		assert.Len(t, corp.CallsTo("externalcontact/get_follow_user_list"), 30)
	})
}

func TestTokenExpiryAndRevocationMidRun(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		ctx := context.Background()
		corp := newCorp(t)
		ids := seedCustomers(t, corp, "guide1", 30)
		c := newClient(t, r, corp)
		for i, id := range ids {
			switch i {
			case 10:
				corp.Advance(2*time.Hour + time.Minute) // past expiry, our Redis copy still alive
			case 20:
				corp.RevokeTokens() // WeCom drops tokens early
			}
			got, err := c.GetCustomer(ctx, id)
			require.NoError(t, err, "call %d", i)
			assert.Equal(t, id, got.Customer.ExternalUserID)
		}
		assert.Len(t, corp.CallsTo("gettoken"), 3, "first fetch, after expiry, after revocation")
		codes := errcodes(corp, "externalcontact/get")
		assert.Len(t, codes, 31, "30 calls, the expired one tried twice")
		assert.Equal(t, 42001, codes[10])
		// A revoked token names no corp, so the sandbox logs its 40014 apart.
		assert.True(t, revokedCallLogged(), "the call with the revoked token was made and refused")
	})
}

func TestTokenBadSecretIsUnauthorized(t *testing.T) {
	testkit.EachRedisAndClusterKeys(t, func(t *testing.T, r *kv.Redis) {
		corp := newCorp(t)
		c, err := wecom.NewClient(r.Client, wecom.Corp{ID: corp.ID(), Secret: "wrong"}, wecom.WithBackoff(fastBackoff()))
		require.NoError(t, err)
		_, err = c.FollowUsers(context.Background())
		assert.Equal(t, app.EUNAUTHORIZED, app.ErrorCode(err))
		assert.Equal(t, 40001, wecom.ErrCode(err))
		assert.NotContains(t, err.Error(), "wrong", "the secret never reaches logs")
		assert.Len(t, corp.CallsTo("gettoken"), 1, "a bad secret is not retried")
	})
}

func revokedCallLogged() bool {
	for _, c := range sb.UnattributedCalls() {
		if c.API == "externalcontact/get" && c.ErrCode == 40014 {
			return true
		}
	}
	return false
}
