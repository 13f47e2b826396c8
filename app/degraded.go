package app

// Degraded is a dependency that still serves, with part of it down: a
// Redis Cluster primary whose slots fail until its replica takes over, a
// Galera node out of the cluster while the others take every write. A
// readiness probe reports it by name but keeps the instance in rotation:
// every instance shares the same dependency, so failing them all would
// turn a partial outage into a whole one (callbacks are still stored and
// acknowledged while a third of the queues wait for a replica).
type Degraded struct {
	Err error // the parts that are down, each named
}

// Error names the parts that are down.
func (d Degraded) Error() string { return "degraded: " + d.Err.Error() }

// Unwrap returns the parts' errors.
func (d Degraded) Unwrap() error { return d.Err }
