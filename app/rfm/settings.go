package rfm

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Queue starts a full recompute of a scope in the background (the task
// queue), after its settings change.
type Queue interface {
	EnqueueRFMFull(ctx context.Context, corpID, scope int64) error
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// SettingsInput is a brand's thresholds and stage rules as an operator
// saves them; a threshold of 0 is the brand's median.
type SettingsInput struct {
	Scope         int64 `json:"scope"`
	RecencyDays   int   `json:"recency_days"`
	Frequency     int   `json:"frequency"`
	MonetaryCents int64 `json:"monetary_cents"`
	GrowthOrders  int   `json:"growth_orders"`
	ActiveDays    int   `json:"active_days"`
	ChurnDays     int   `json:"churn_days"`
}

// maxMonetaryCents bounds a spend threshold: ¥100,000,000.
const maxMonetaryCents = 10_000_000_000

// Validate checks in, every field at once, saving nothing.
func (in SettingsInput) Validate() error {
	var f app.Fields
	f.Check(in.RecencyDays < 0 || in.RecencyDays > 3650, "recency_days", "应为 1 到 3650 天，或留空使用中位数")
	f.Check(in.Frequency < 0 || in.Frequency > 10000, "frequency", "应为 1 到 10000 次，或留空使用中位数")
	f.Check(in.MonetaryCents < 0 || in.MonetaryCents > maxMonetaryCents, "monetary_cents", "应为 0.01 到 100000000 元，或留空使用中位数")
	f.Check(in.GrowthOrders < 1 || in.GrowthOrders > 1000, "growth_orders", "应为 1 到 1000 次")
	f.Check(in.ActiveDays < 1 || in.ActiveDays > 3650, "active_days", "应为 1 到 3650 天")
	f.Check(in.ChurnDays < 1 || in.ChurnDays > 3650, "churn_days", "应为 1 到 3650 天")
	f.Check(in.ChurnDays >= 1 && in.ActiveDays >= 1 && in.ChurnDays <= in.ActiveDays, "churn_days", "流失期的天数应大于休眠期")
	return f.Err()
}

// Settings are the scope's settings (the defaults before any are saved),
// with the thresholds the last full computation used.
func (s *Service) Settings(ctx context.Context, corpID, scope int64) (*app.RFMSettings, error) {
	return s.Store.RFMSettings(ctx, corpID, scope)
}

// SaveSettings saves in as the scope's settings, audited in words, and
// queues the full recompute that applies them to every member.
func (s *Service) SaveSettings(ctx context.Context, corpID int64, in SettingsInput) (*app.RFMSettings, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var st *app.RFMSettings
	err := s.Tx.InTx(ctx, func(ctx context.Context) error {
		var err error
		if st, err = s.Store.RFMSettings(ctx, corpID, in.Scope); err != nil {
			return err
		}
		before := *st
		st.RecencyDays, st.Frequency, st.MonetaryCents = in.RecencyDays, in.Frequency, in.MonetaryCents
		st.GrowthOrders, st.ActiveDays, st.ChurnDays = in.GrowthOrders, in.ActiveDays, in.ChurnDays
		if err := s.Store.SaveRFMSettings(ctx, st); err != nil {
			return err
		}
		return s.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "rfm.settings", TargetType: "rfm_settings",
			TargetID: in.Scope, Detail: map[string]any{"before": Words(before), "after": Words(*st)}})
	})
	if err != nil {
		return nil, err
	}
	return st, s.Queue.EnqueueRFMFull(ctx, corpID, in.Scope)
}

// Counts are how many of the scope's members are in each class and
// stage, as last computed.
func (s *Service) Counts(ctx context.Context, corpID, scope int64) (*app.RFMCounts, error) {
	return s.Store.RFMCounts(ctx, corpID, scope)
}
