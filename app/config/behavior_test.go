package config_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/siyu-scrm/siyu/app/config"
)

func TestBehaviorSettings(t *testing.T) {
	c, err := config.Load("", nil)
	require.NoError(t, err)
	assert.Equal(t, config.Behavior{PullHour: 10, LookbackDays: 180, RepullDays: 2}, c.Behavior)

	c, err = config.Load("", []string{"SIYU_BEHAVIOR_PULL_HOUR=11", "SIYU_BEHAVIOR_LOOKBACK_DAYS=179"})
	require.NoError(t, err)
	assert.Equal(t, 11, c.Behavior.PullHour)
	assert.Equal(t, 179, c.Behavior.LookbackDays)

	_, err = config.Load("", []string{"SIYU_BEHAVIOR_PULL_HOUR=0", "SIYU_BEHAVIOR_LOOKBACK_DAYS=181", "SIYU_BEHAVIOR_REPULL_DAYS=30"})
	require.Error(t, err)
	for _, key := range []string{"behavior.pull_hour", "behavior.lookback_days", "behavior.repull_days"} {
		assert.Contains(t, err.Error(), key)
	}
}
