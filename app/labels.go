package app

import "strings"

// ruleLabels name assignment rules for people.
var ruleLabels = map[string]string{
	RuleSticky:      "老客户保持原归属",
	RuleChannelUser: "渠道导购在班且未满额",
	RuleRoundRobin:  "渠道导购轮流分配",
	RuleLeastLoaded: "分给客户最少的导购",
	RuleBackup:      "渠道导购均不可接待，分给备用导购",
	RuleHomeStore:   "回到所属门店",
	RuleAddedGuide:  "分给客户添加的导购",
	RulePool:        "进入公海",
	RuleNearest:     "公海客户就近分配",
	RuleTransfer:    "离职/在职继承",
	RuleManual:      "人工分配",
}

// RuleLabel names an assignment rule in Chinese; an unknown one as it is.
func RuleLabel(rule string) string {
	if l, ok := ruleLabels[rule]; ok {
		return l
	}
	return rule
}

// systemActors name Siyu's own jobs for people.
var systemActors = map[string]string{
	"system:assign":      "系统自动分配",
	"system:transfer":    "系统（转接跟进）",
	"deployment":         "部署令牌",
	"cli:import":         "命令行导入",
	"cli:admin":          "命令行管理（siyu admin）",
	"system:first-start": "系统（首次启动）",
	"cli:wechat":         "命令行登记公众号（siyu wechat）",
	"system:demo":        "系统（演示企业）",
	"system:attribution": "系统（按默认规则开始计算业绩）",
	"system":             "系统",
}

// ActorLabel names who acted, for people, when the actor string alone
// tells it: Siyu's jobs by what they do, anyone else by kind
// ("控制台用户 #7"). Names that need a lookup (a user's username, a
// token's name) are filled by the caller that has them.
func ActorLabel(actor string) string {
	if l, ok := systemActors[actor]; ok {
		return l
	}
	kind, id, _ := strings.Cut(actor, ":")
	switch kind {
	case "user":
		return "控制台用户 #" + id
	case "token":
		return "API 令牌 #" + id
	case "staff":
		return "导购 " + id
	case "system":
		return "系统（" + id + "）"
	}
	return actor
}

// itemStateLabels name transfer item states for people.
var itemStateLabels = map[string]string{
	ItemPending: "待发送", ItemSent: "发送中", ItemWaiting: "等待接替", ItemSucceeded: "已接替", ItemRefused: "客户拒绝",
	ItemLimitExceeded: "接替导购客户已满", ItemFailed: "失败", ItemCancelled: "已取消",
}

// ItemStateLabel names a transfer item state in Chinese.
func ItemStateLabel(state string) string {
	if l, ok := itemStateLabels[state]; ok {
		return l
	}
	return state
}
