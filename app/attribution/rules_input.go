package attribution

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// RulesInput is a rule set as an operator saves it.
type RulesInput struct {
	Scope          int64    `json:"scope"`
	Precedence     []string `json:"precedence"`
	ShareDays      int      `json:"share_days"`
	ProtectionDays int      `json:"protection_days"`
	AcquirerPct    int      `json:"acquirer_pct"`
	Binding        string   `json:"binding"`
	BindingDays    int      `json:"binding_days"`
	CrossStore     bool     `json:"cross_store"`
	LookbackDays   int      `json:"lookback_days"`
	HalfLifeDays   int      `json:"half_life_days"`
	Note           string   `json:"note"`
}

// ruleNames are the precedence entries a rule set may order.
var ruleNames = []string{app.RuleOwner, app.RuleShare, app.RuleAdderFirst, app.RuleAdderLast, app.RulePOSGuide, app.RuleStore}

// check validates in, every field at once, into the rules it saves.
func (in RulesInput) check(corpID int64) (*app.AttributionRules, error) {
	var f app.Fields
	seen := map[string]bool{}
	for _, r := range in.Precedence {
		f.Check(!slices.Contains(ruleNames, r), "precedence", "未知的归属规则“"+r+"”")
		f.Check(seen[r], "precedence", "归属规则“"+r+"”重复")
		seen[r] = true
	}
	f.Check(len(in.Precedence) == 0, "precedence", "至少要有一条归属规则")
	f.Check(seen[app.RuleAdderFirst] && seen[app.RuleAdderLast], "precedence", "最早添加导购与最近添加导购只能选一个")
	days := func(field string, v, lo, hi int) {
		f.Check(v < lo || v > hi, field, "应为 "+itoa(lo)+" 到 "+itoa(hi)+" 的整数")
	}
	days("share_days", in.ShareDays, 1, 365)
	days("protection_days", in.ProtectionDays, 0, 3650)
	days("acquirer_pct", in.AcquirerPct, 0, 100)
	days("lookback_days", in.LookbackDays, 1, 365)
	days("half_life_days", in.HalfLifeDays, 1, 365)
	f.Check(in.Binding != app.BindingPermanent && in.Binding != app.BindingTemporary, "binding", "绑定方式应为 permanent（永久）或 temporary（临时）")
	if in.Binding == app.BindingTemporary {
		days("binding_days", in.BindingDays, 1, 3650)
	}
	note := strings.TrimSpace(in.Note)
	f.Check(utf8.RuneCountInString(note) > 255, "note", "备注不能超过 255 个字")
	return &app.AttributionRules{CorpID: corpID, Scope: in.Scope, Precedence: in.Precedence, ShareDays: in.ShareDays,
		ProtectionDays: in.ProtectionDays, AcquirerPct: in.AcquirerPct, Binding: in.Binding, BindingDays: in.BindingDays,
		CrossStore: in.CrossStore, LookbackDays: in.LookbackDays, HalfLifeDays: in.HalfLifeDays, Note: note}, f.Err()
}

// DefaultInput is the default rule set as input, what a brand's settings
// page starts from.
func DefaultInput(scope int64) RulesInput {
	r := app.DefaultAttributionRules(0, scope)
	return RulesInput{Scope: scope, Precedence: r.Precedence, ShareDays: r.ShareDays, ProtectionDays: r.ProtectionDays,
		AcquirerPct: r.AcquirerPct, Binding: r.Binding, BindingDays: r.BindingDays, CrossStore: r.CrossStore,
		LookbackDays: r.LookbackDays, HalfLifeDays: r.HalfLifeDays}
}

// Validate checks in as a save would, every field at once, saving
// nothing: a form adds the refusals of what it could not even read.
func (in RulesInput) Validate() error {
	_, err := in.check(0)
	return err
}
