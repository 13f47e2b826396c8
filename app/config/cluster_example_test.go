package config_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

// The clustered example loads as it is, naming a Redis Cluster's nodes.
func TestClusterExample(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	example := filepath.Join(filepath.Dir(file), "..", "..", "configs", "cluster.example.yaml")
	c, err := config.Load(example, []string{"SIYU_DATABASE_DSN=u:p@tcp(db:3306)/siyu", "SIYU_SECURITY_SECRET_KEY=k"})
	require.NoError(t, err)
	assert.Equal(t, config.RedisCluster, c.Redis.Mode)
	assert.Len(t, c.Redis.Addrs, 6)
	assert.False(t, c.Sandbox.Demo)
}
