package kv_test

import (
	"testing"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/kv"
)

// Production deployments reach Redis three ways; each must become the
// matching asynq option so the queue, the monitor and Siyu's own keys all
// talk to the same servers.
func TestConnOptByMode(t *testing.T) {
	tests := []struct {
		name string
		cfg  config.Redis
		want asynq.RedisConnOpt
	}{
		{"standalone", config.Redis{Mode: config.RedisStandalone, Addr: "r:6379", Password: "p", DB: 3},
			asynq.RedisClientOpt{Addr: "r:6379", Password: "p", DB: 3}},
		{"sentinel", config.Redis{Mode: config.RedisSentinel, Addrs: []string{"s1:26379", "s2:26379"}, MasterName: "mymaster", Password: "p", DB: 1},
			asynq.RedisFailoverClientOpt{MasterName: "mymaster", SentinelAddrs: []string{"s1:26379", "s2:26379"}, Password: "p", DB: 1}},
		{"cluster", config.Redis{Mode: config.RedisCluster, Addrs: []string{"c1:7000", "c2:7000"}, Password: "p"},
			kv.ClusterConn{Addrs: []string{"c1:7000", "c2:7000"}, Password: "p"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := kv.ConnOpt(tt.cfg)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	_, err := kv.ConnOpt(config.Redis{Mode: "memcached"})
	assert.Error(t, err)
}
