package db

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/siyu-scrm/siyu/app"
)

// ping opens a connection to every node at once and checks it serves
// (nodeReady), naming each that does not. Some nodes out is
// app.Degraded: the pool already passes over them, and the cluster takes
// every write on the others. Every node out is an outage.
func (c *galeraConnector) ping(ctx context.Context) error {
	errs := make([]error, len(c.nodes))
	var wg sync.WaitGroup
	for i, n := range c.nodes {
		wg.Go(func() {
			conn, err := n.connect(ctx)
			if err != nil {
				errs[i] = fmt.Errorf("galera node %s: %w", n.addr, err)
				return
			}
			conn.Close()
		})
	}
	wg.Wait()
	down := 0
	for _, err := range errs {
		if err != nil {
			down++
		}
	}
	if down > 0 && down < len(c.nodes) {
		return app.Degraded{Err: errors.Join(errs...)}
	}
	return errors.Join(errs...)
}
