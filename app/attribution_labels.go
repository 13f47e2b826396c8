package app

// AttributionRuleNames name the precedence rules of 业绩归属 for people:
// pages and the audit trail show these, never the codes.
var AttributionRuleNames = map[string]string{RuleOwner: "专属导购", RuleShare: "推广导购", RuleAdderFirst: "添加导购（最早添加）",
	RuleAdderLast: "添加导购（最近添加）", RulePOSGuide: "收银导购", RuleStore: "购买门店"}

// BindingNames name the binding kinds for people.
var BindingNames = map[string]string{BindingPermanent: "永久绑定", BindingTemporary: "临时绑定"}

// TeamNames name the teams credit is split between, for people.
var TeamNames = map[string]string{TeamStore: "门店", TeamOnline: "线上"}

// CreditModelNames name the credit models for people.
var CreditModelNames = map[string]string{ModelRules: "归属规则", ModelLastTouch: "末次触点", ModelFirst: "首次触点", ModelLinear: "线性",
	ModelPosition: "位置（40/20/40）", ModelTimeDecay: "时间衰减"}

// RunStatusNames name a recompute run's statuses for people.
var RunStatusNames = map[string]string{RunRunning: "正在重新计算", RunDone: "已完成", RunFailed: "失败"}
