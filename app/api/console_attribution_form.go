package api

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/attribution"
)

// ruleSlot is one rule of the precedence as the form orders it: its
// place (1…, "" when not used) and what it means.
type ruleSlot struct {
	Key, Label, Hint, Pos string
}

// adderSlot is the slot of 添加导购, which takes the first or the latest
// guide added as the form's Adder says.
const adderSlot = "adder"

// ruleSlots are the rules a precedence may use, in the form's order.
var ruleSlots = []ruleSlot{
	{Key: app.RuleOwner, Label: "专属导购", Hint: "付款时客户的归属导购"},
	{Key: app.RuleShare, Label: "推广导购", Hint: "有效期内客户最后点击的推广链接的导购"},
	{Key: adderSlot, Label: "添加导购", Hint: "客户添加的导购（最早或最近添加，见下）"},
	{Key: app.RulePOSGuide, Label: "收银导购", Hint: "收银系统记录的导购"},
	{Key: app.RuleStore, Label: "购买门店", Hint: "只归下单门店，不归导购"},
}

// rulesForm is the rule set as the form shows it: each value as typed,
// so a refused form comes back as it was sent.
type rulesForm struct {
	Slots                                   []ruleSlot
	Adder, Binding, Note                    string
	ShareDays, ProtectionDays, AcquirerPct  string
	BindingDays, LookbackDays, HalfLifeDays string
	CrossStore                              bool
	From, To                                string // the dry run's period
}

// Positions are the places a rule can take.
func (rulesForm) Positions() []int { return []int{1, 2, 3, 4, 5} }

// formOfRules fills the form from r.
func formOfRules(r app.AttributionRules) rulesForm {
	f := rulesForm{Adder: app.RuleAdderFirst, Binding: r.Binding, Note: "", CrossStore: r.CrossStore,
		ShareDays: strconv.Itoa(r.ShareDays), ProtectionDays: strconv.Itoa(r.ProtectionDays), AcquirerPct: strconv.Itoa(r.AcquirerPct),
		BindingDays: strconv.Itoa(r.BindingDays), LookbackDays: strconv.Itoa(r.LookbackDays), HalfLifeDays: strconv.Itoa(r.HalfLifeDays)}
	f.Slots = make([]ruleSlot, len(ruleSlots))
	copy(f.Slots, ruleSlots)
	for i, rule := range r.Precedence {
		if rule == app.RuleAdderFirst || rule == app.RuleAdderLast {
			f.Adder, rule = rule, adderSlot
		}
		for j := range f.Slots {
			if f.Slots[j].Key == rule {
				f.Slots[j].Pos = strconv.Itoa(i + 1)
			}
		}
	}
	return f
}

// readRulesForm reads the posted form into the rules it asks for, with
// what could not even be read refused by field.
func readRulesForm(c *gin.Context, scope int64) (rulesForm, attribution.RulesInput, app.Fields) {
	f := rulesForm{Adder: c.PostForm("adder"), Binding: c.PostForm("binding"), Note: c.PostForm("note"),
		CrossStore: c.PostForm("cross_store") != "", From: c.PostForm("from"), To: c.PostForm("to"),
		ShareDays: c.PostForm("share_days"), ProtectionDays: c.PostForm("protection_days"), AcquirerPct: c.PostForm("acquirer_pct"),
		BindingDays: c.PostForm("binding_days"), LookbackDays: c.PostForm("lookback_days"), HalfLifeDays: c.PostForm("half_life_days")}
	var bad app.Fields
	in := attribution.RulesInput{Scope: scope, Binding: f.Binding, CrossStore: f.CrossStore, Note: f.Note}
	f.Slots, in.Precedence = readPrecedence(c, f.Adder, &bad)
	number := func(field, typed string, to *int) {
		n, err := strconv.Atoi(strings.TrimSpace(typed))
		bad.Check(err != nil, field, "请填写整数")
		*to = n
	}
	number("share_days", f.ShareDays, &in.ShareDays)
	number("protection_days", f.ProtectionDays, &in.ProtectionDays)
	number("acquirer_pct", f.AcquirerPct, &in.AcquirerPct)
	number("lookback_days", f.LookbackDays, &in.LookbackDays)
	number("half_life_days", f.HalfLifeDays, &in.HalfLifeDays)
	if f.Binding == app.BindingTemporary {
		number("binding_days", f.BindingDays, &in.BindingDays)
	}
	return f, in, bad
}

// readPrecedence orders the slots by the places chosen; two rules in one
// place, or a place out of range, are refused.
func readPrecedence(c *gin.Context, adder string, bad *app.Fields) ([]ruleSlot, []string) {
	slots := make([]ruleSlot, len(ruleSlots))
	at := map[int]string{}
	for i, sl := range ruleSlots {
		sl.Pos = c.PostForm("pos_" + sl.Key)
		slots[i] = sl
		if sl.Pos == "" {
			continue
		}
		n, err := strconv.Atoi(sl.Pos)
		switch {
		case err != nil || n < 1 || n > len(ruleSlots):
			bad.Add("precedence", fmt.Sprintf("“%s”的顺序应为 1 到 %d", sl.Label, len(ruleSlots)))
		case at[n] != "":
			bad.Add("precedence", fmt.Sprintf("“%s”与“%s”都排在第 %d 位，请各选不同的顺序", at[n], sl.Label, n))
		default:
			at[n] = sl.Label
		}
	}
	bad.Check(adder != app.RuleAdderFirst && adder != app.RuleAdderLast, "adder", "请选择最早添加或最近添加的导购")
	var order []int
	for _, sl := range slots {
		if n, err := strconv.Atoi(sl.Pos); err == nil && at[n] == sl.Label {
			order = append(order, n)
		}
	}
	sort.Ints(order)
	var precedence []string
	for _, n := range order {
		precedence = append(precedence, slotRule(at[n], adder))
	}
	return slots, precedence
}

// slotRule is the rule of the slot labelled label.
func slotRule(label, adder string) string {
	for _, sl := range ruleSlots {
		if sl.Label == label && sl.Key == adderSlot {
			return adder
		} else if sl.Label == label {
			return sl.Key
		}
	}
	return ""
}

// rulesErrors joins the form's refusals with the service's, one message
// list per field; a field the form could not read keeps only its own.
func rulesErrors(read app.Fields, checked error) map[string]string {
	all := append(app.Fields{}, read...)
	for _, f := range app.ErrorFields(checked) {
		if !hasField(read, f.Field) {
			all = append(all, f)
		}
	}
	if len(all) == 0 && checked != nil {
		return formErrors(checked)
	}
	return formErrors(all.Err())
}

func hasField(fs app.Fields, name string) bool {
	for _, f := range fs {
		if f.Field == name {
			return true
		}
	}
	return false
}
