package kv

import (
	"time"

	"github.com/redis/go-redis/v9"
)

// clusterReload is how stale the cluster client's map of slots to primaries
// may grow. go-redis refreshes it at once on a MOVED reply, but a primary
// that died answers nothing: with go-redis's default of a minute, a third
// of the keyspace kept failing for up to a minute after its replica had
// taken over. Reading the map (CLUSTER SLOTS) once a second costs nothing.
const clusterReload = time.Second

// ClusterConn is asynq's connection option for a Redis Cluster, making the
// one cluster client every part of Siyu shares the settings of: the
// queue's client, server, scheduler and inspector, asynqmon, and Siyu's
// own keys. Reads go to primaries (go-redis's default), so a value read
// right after it was written is that value; replicas only stand by.
type ClusterConn struct {
	Addrs    []string // seed nodes; the client learns the rest
	Username string
	Password string
}

// MakeRedisClient returns a go-redis cluster client; asynq calls it.
func (c ClusterConn) MakeRedisClient() any {
	return redis.NewClusterClient(c.Options())
}

// Options are the go-redis options MakeRedisClient uses.
func (c ClusterConn) Options() *redis.ClusterOptions {
	return &redis.ClusterOptions{Addrs: c.Addrs, Username: c.Username, Password: c.Password,
		ClusterStateReloadInterval: clusterReload}
}
