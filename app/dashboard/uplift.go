package dashboard

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
)

var (
	upliftGuideColumns = []Column{{Key: "treated", Label: "导购关联客户", Kind: Count}, {Key: "control", Label: "对照客户", Kind: Count},
		{Key: "strata", Label: "匹配分层", Kind: Count}, {Key: "treated_mean", Label: "人均年消费（关联）", Kind: Money},
		{Key: "control_mean", Label: "人均年消费（对照）", Kind: Money}}
	upliftHoldoutColumns = []Column{{Key: "treated", Label: "处理组", Kind: Count}, {Key: "control", Label: "留出对照组", Kind: Count}}
)

// UpliftPage is 提升效果: uplift as app/uplift measured it, each with
// its 95% confidence interval — guide-linked customers against matched
// unlinked ones, and mass sends and journeys against their holdouts.
type UpliftPage struct {
	Guide, MassSends, Journeys Table
	Empty                      bool // nothing measured yet
	Computed                   time.Time
	// Methods say how each kind is measured, as app/uplift measures it.
	Methods []Method
}

// Method is how one kind of uplift is measured: a title and its lines.
type Method struct {
	Title string
	Lines []string
}

// methodTitles name the kinds of uplift above their method.
var methodTitles = []struct{ kind, title string }{{app.UpliftGuide, "导购关联 vs 未关联"},
	{app.UpliftMassSend, "群发 vs 留出组"}, {app.UpliftJourney, "客户旅程 vs 留出组"}}

// methods are the method texts of every kind, none without a source.
func (s *Service) methods() []Method {
	if s.d.Method == nil {
		return nil
	}
	var out []Method
	for _, m := range methodTitles {
		if text := s.d.Method(m.kind); text != "" {
			out = append(out, Method{Title: m.title, Lines: strings.Split(strings.TrimSpace(text), "\n")})
		}
	}
	return out
}

// Uplift builds 提升效果 for sc, periods shown as days in zone; with no
// uplift reader nothing has been measured.
func (s *Service) Uplift(ctx context.Context, sc Scope, zone *time.Location) (*UpliftPage, error) {
	out := &UpliftPage{Empty: true, Methods: s.methods(),
		Guide: Table{Key: "uplift-guide", Title: "导购关联客户 vs 未关联客户", Heads: []string{"期间", "人均年消费提升"}, Columns: upliftGuideColumns},
		MassSends: Table{Key: "uplift-masssend", Title: "群发：处理组 vs 留出组", Heads: []string{"群发", "期间", "转化率差", "人均收入差"},
			Columns: upliftHoldoutColumns},
		Journeys: Table{Key: "uplift-journey", Title: "客户旅程：处理组 vs 留出组", Heads: []string{"旅程", "期间", "转化率差", "人均收入差"},
			Columns: upliftHoldoutColumns}}
	if s.d.Uplifts == nil {
		return out, nil
	}
	for _, kind := range []string{app.UpliftGuide, app.UpliftMassSend, app.UpliftJourney} {
		rs, err := s.d.Uplifts.Uplifts(ctx, sc.CorpID, kind, sc.StoreID)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if err := s.addUplift(ctx, out, r, zone); err != nil {
				return nil, err
			}
		}
	}
	for _, t := range []*Table{&out.Guide, &out.MassSends, &out.Journeys} {
		t.Count = len(t.Rows)
	}
	return out, nil
}

func (s *Service) addUplift(ctx context.Context, out *UpliftPage, r app.UpliftResult, zone *time.Location) error {
	out.Empty = false
	if r.ComputedAt.After(out.Computed) {
		out.Computed = r.ComputedAt
	}
	last := r.To.In(zone)
	if r.Kind == app.UpliftGuide {
		last = last.AddDate(0, 0, -1) // the months compared end before To
	}
	span := r.From.In(zone).Format(time.DateOnly) + " 至 " + last.Format(time.DateOnly)
	if r.Kind == app.UpliftGuide {
		out.Guide.Rows = append(out.Guide.Rows, Row{Labels: []string{span, RelativeText(r.Spend)}, Cells: []Cell{Of(float64(r.Treated)),
			Of(float64(r.Control)), Of(float64(r.Strata)), Of(float64(r.TreatedMeanCents)), Of(float64(r.ControlMeanCents))}})
		return nil
	}
	name, err := s.subjectName(ctx, r)
	if err != nil {
		return err
	}
	row := Row{Labels: []string{name, span, PointsText(r.Conversion), MoneyText(r.Revenue)}, Cells: []Cell{Of(float64(r.Treated)), Of(float64(r.Control))}}
	if r.Kind == app.UpliftMassSend {
		out.MassSends.Rows = append(out.MassSends.Rows, row)
	} else {
		out.Journeys.Rows = append(out.Journeys.Rows, row)
	}
	return nil
}

// subjectName names the mass send or journey r measured.
func (s *Service) subjectName(ctx context.Context, r app.UpliftResult) (string, error) {
	var name string
	var err error
	switch {
	case r.Kind == app.UpliftMassSend && s.d.MassSends != nil:
		var m *app.MassSend
		if m, err = s.d.MassSends.Get(ctx, r.CorpID, r.SubjectID); err == nil {
			name = m.Name
		}
	case r.Kind == app.UpliftJourney && s.d.Journeys != nil:
		var j *app.Journey
		if j, err = s.d.Journeys.Find(ctx, r.CorpID, r.SubjectID); err == nil {
			name = j.Name
		}
	}
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return "", err
	}
	if name == "" {
		return map[string]string{app.UpliftMassSend: "已删除的群发", app.UpliftJourney: "已删除的旅程"}[r.Kind], nil
	}
	return name, nil
}

// NoEstimate is shown for an estimate the data could not give (too few
// customers to compare, no control spend), rather than a measured 0.
const NoEstimate = "数据不足，无法估计"

// RelativeText shows a relative estimate: "+30.0% (95% CI 12.1%–47.9%)".
func RelativeText(e app.Estimate) string {
	if !e.Valid {
		return NoEstimate
	}
	return fmt.Sprintf("%+.1f%% (95%% CI %.1f%%–%.1f%%)", 100*e.Value, 100*e.Low, 100*e.High)
}

// PointsText shows a difference of shares in percentage points.
func PointsText(e app.Estimate) string {
	if !e.Valid {
		return NoEstimate
	}
	return fmt.Sprintf("%+.1f 个百分点 (95%% CI %.1f–%.1f)", 100*e.Value, 100*e.Low, 100*e.High)
}

// MoneyText shows a difference in cents as yuan.
func MoneyText(e app.Estimate) string {
	if !e.Valid {
		return NoEstimate
	}
	return fmt.Sprintf("%+.2f 元 (95%% CI %.2f–%.2f)", e.Value/100, e.Low/100, e.High/100)
}
