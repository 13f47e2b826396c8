package kv_test

import (
	"os"

	"github.com/redis/go-redis/v9"
)

func redisZ(score float64, member string) redis.Z { return redis.Z{Score: score, Member: member} }

func writeFile(path, s string) error { return os.WriteFile(path, []byte(s), 0o600) }
