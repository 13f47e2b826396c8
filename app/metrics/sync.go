package metrics

import "github.com/prometheus/client_golang/prometheus"

// SyncProgress counts full-sync pages and the items they carried, by
// phase, so a dashboard shows a long sync moving. It satisfies
// directory.Progress.
type SyncProgress struct {
	pages, items, drift *prometheus.CounterVec
}

// NewSyncProgress registers siyu_wecom_sync_pages_total,
// siyu_wecom_sync_items_total and siyu_wecom_sync_drift_total on reg.
func NewSyncProgress(reg prometheus.Registerer) *SyncProgress {
	p := &SyncProgress{
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "siyu_wecom_sync_pages_total", Help: "Full-sync pages written, by phase."}, []string{"phase"}),
		items: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "siyu_wecom_sync_items_total", Help: "Items (members, customer pairs, groups, tag groups) read by full syncs, by phase."}, []string{"phase"}),
		drift: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "siyu_wecom_sync_drift_total", Help: "What full syncs repaired: relations ended and groups dismissed that Siyu still held, by kind. Steady growth means callbacks are being lost."}, []string{"kind"}),
	}
	reg.MustRegister(p.pages, p.items, p.drift)
	return p
}

// SyncPage counts one page of phase carrying items.
func (p *SyncProgress) SyncPage(phase string, items int) {
	p.pages.WithLabelValues(phase).Inc()
	p.items.WithLabelValues(phase).Add(float64(items))
}

// SyncDrift counts n repairs of kind made by a full sync's sweep.
func (p *SyncProgress) SyncDrift(kind string, n int) {
	p.drift.WithLabelValues(kind).Add(float64(n))
}
