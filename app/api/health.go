package api

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Check is one dependency /readyz probes, such as the database or Redis.
type Check struct {
	Name string
	Ping func(ctx context.Context) error
}

// healthz answers as long as the process can serve HTTP at all.
func healthz(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) }

// readyz probes every dependency in parallel and answers 503 naming each
// failing part, so an orchestrator stops routing and an operator sees why.
// A dependency only partly down (app.Degraded: a Redis primary, a Galera
// node) is named under "degraded" with 200: every instance sees the same
// dependency, and taking them all out of rotation would stop the
// callbacks the rest of it still serves.
func readyz(checks []Check) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
		defer cancel()
		results := make(map[string]error, len(checks))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, chk := range checks {
			wg.Go(func() {
				err := chk.Ping(ctx)
				mu.Lock()
				results[chk.Name] = err
				mu.Unlock()
			})
		}
		wg.Wait()
		status, code, shown := readiness(results)
		c.JSON(code, gin.H{"status": status, "checks": shown})
	}
}

// readiness is the probe's status, HTTP code and each check's result
// ("ok" or its error): "unavailable" when any check fails outright,
// "degraded" when some are only degraded, else "ok".
func readiness(results map[string]error) (string, int, map[string]string) {
	status, code := "ok", http.StatusOK
	shown := make(map[string]string, len(results))
	for name, err := range results {
		switch {
		case err == nil:
			shown[name] = "ok"
			continue
		case errors.As(err, new(app.Degraded)):
			if code == http.StatusOK {
				status = "degraded"
			}
		default:
			status, code = "unavailable", http.StatusServiceUnavailable
		}
		shown[name] = err.Error()
	}
	return status, code, shown
}
