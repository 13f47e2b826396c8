package main

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/siyu-scrm/siyu/app/config"
	"github.com/siyu-scrm/siyu/app/testkit"
	"github.com/siyu-scrm/siyu/cmd/siyu/root"
	"github.com/siyu-scrm/siyu/tasks"
)

// Every periodic pass the schedule enqueues has its capability wired: a
// nil pass is scheduled every period and silently does nothing (the RFM
// passes once were).
func TestEveryPassIsWired(t *testing.T) {
	t.Parallel()
	d := testkit.MigratedDB(t, config.DriverSQLite)
	r := testkit.OpenRedis(t, testkit.RedisConfig(t, config.RedisEmbedded))
	g := root.New(d, r, root.Options{Log: testkit.Logger(t), Box: testkit.Box(t)})
	defer g.Close()
	deps := reflect.ValueOf(g.TaskDeps(root.Options{}))
	passType := reflect.TypeOf(tasks.PassFunc(nil))
	for i := range deps.NumField() {
		f := deps.Type().Field(i)
		if f.Type == passType {
			assert.False(t, deps.Field(i).IsNil(), "tasks.Deps.%s is not wired", f.Name)
		}
	}
	assert.NotNil(t, g.TaskDeps(root.Options{}).Stats, "the daily aggregates' tick is scheduled")
}
