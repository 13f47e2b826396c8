package api

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
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
func readyz(checks []Check) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
		defer cancel()
		results := make(map[string]string, len(checks))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, chk := range checks {
			wg.Go(func() {
				res := "ok"
				if err := chk.Ping(ctx); err != nil {
					res = err.Error()
				}
				mu.Lock()
				results[chk.Name] = res
				mu.Unlock()
			})
		}
		wg.Wait()
		status, code := "ok", http.StatusOK
		for _, r := range results {
			if r != "ok" {
				status, code = "unavailable", http.StatusServiceUnavailable
			}
		}
		c.JSON(code, gin.H{"status": status, "checks": results})
	}
}
