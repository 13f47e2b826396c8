package metrics

import (
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
)

// Instance names one Siyu process among the many a scaled-out deployment
// runs, so a dashboard tells apart the api, worker and scheduler
// instances whose figures it sums.
type Instance struct {
	Roles   []string
	Version string
	Host    string
	PID     int
}

// RegisterInstance registers siyu_instance_info on reg: always 1, its
// labels naming the process (roles comma-separated, version, host, pid).
func RegisterInstance(reg prometheus.Registerer, in Instance) {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "siyu_instance_info", Help: "This Siyu process: its roles, version, host and pid (always 1).",
	}, []string{"roles", "version", "host", "pid"})
	g.WithLabelValues(strings.Join(in.Roles, ","), in.Version, in.Host, strconv.Itoa(in.PID)).Set(1)
	reg.MustRegister(g)
}
