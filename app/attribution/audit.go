package attribution

import (
	"context"
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// current is the scope's rules in force: its latest version, or the
// defaults before any was saved.
func (s *Service) current(ctx context.Context, corpID, scope int64) (*app.AttributionRules, error) {
	cur, err := s.Store.LatestRules(ctx, corpID, scope)
	if app.ErrorCode(err) == app.ENOTFOUND {
		def := app.DefaultAttributionRules(corpID, scope)
		return &def, nil
	}
	return cur, err
}

// recordSave audits the save of r over before, the settings on both
// sides in words, so the audit log reads what changed without codes.
func (s *Service) recordSave(ctx context.Context, before, r *app.AttributionRules) error {
	detail := map[string]any{"before": Words(*before), "after": Words(*r), "版本": fmt.Sprintf("第 %d 版", r.Version)}
	if r.Note != "" {
		detail["备注"] = r.Note
	}
	return s.Audit.Record(ctx, app.AuditChange{CorpID: r.CorpID, Action: "attribution.rules", TargetType: "attribution_rules",
		TargetID: r.ID, Detail: detail})
}
