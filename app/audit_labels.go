package app

import "strings"

// AuditActionGroup is a heading of the audit log's action filter with the
// actions under it, each [action, label].
type AuditActionGroup struct {
	Name    string
	Actions [][2]string
}

// AuditActionGroups are the actions Siyu records, as people read them, in
// the order the audit log's filter offers them.
var AuditActionGroups = []AuditActionGroup{
	{"门店与导购", [][2]string{{"store.create", "新建门店"}, {"store.update", "修改门店"}, {"store.close", "关闭门店"}, {"store.reopen", "门店重新营业"},
		{"guide.create", "新增导购"}, {"guide.update", "修改导购"}, {"guide.leave", "导购离职"}, {"guide.return", "导购复职"},
		{"brand.create", "新建品牌"}, {"brand.update", "修改品牌"}, {"brand.delete", "删除品牌"},
		{"region.create", "新建区域"}, {"region.update", "修改区域"}, {"region.delete", "删除区域"}}},
	{"渠道活码", [][2]string{{"channel.create", "新建渠道活码"}, {"channel.update", "修改渠道活码"}, {"channel.pause", "暂停渠道活码"},
		{"channel.resume", "恢复渠道活码"}, {"channel.delete", "删除渠道活码"}}},
	{"公众号", [][2]string{{"wechat_app.create", "登记公众号"}, {"wechat_app.update", "修改公众号"},
		{"wechat_qrcode.create", "新建公众号二维码"}}},
	{"小程序", [][2]string{{"mini_app.create", "登记小程序"}, {"mini_app.update", "修改小程序"}}},
	{"客户与标签", [][2]string{{"customer.assign", "分配客户"}, {"tag_group.create", "新建标签组"}, {"tag.create", "新增标签"},
		{"tag_group.rename", "重命名标签组"}, {"tag.rename", "重命名标签"}, {"tag_group.delete", "删除标签组"}, {"tag.delete", "删除标签"}}},
	{"会员", [][2]string{{"member.import", "导入会员"}, {"member.merge", "合并会员"}, {"member.split", "撤销合并"},
		{"member.review_dismiss", "忽略待审核合并"}, {"member.phone_view", "查看手机号"}}},
	{"继承/转接与待办", [][2]string{{"transfer.start", "发起继承/转接"}, {"transfer.cancel", "取消继承/转接"}, {"transfer.finish", "继承/转接结束"},
		{"task.create", "创建待办"}, {"task.reassign", "转派待办"}, {"task.complete", "完成待办"}, {"task.cancel", "取消待办"}}},
	{"成员与令牌", [][2]string{{"admin.create", "新增控制台用户"}, {"admin.update", "修改控制台用户"}, {"admin.password", "重置密码"},
		{"admin.password.own", "修改自己的密码"}, {"token.create", "创建 API 令牌"}, {"token.revoke", "吊销 API 令牌"}}},
	{"订单", [][2]string{{"order.import", "导入订单"}}},
	{"群发、旅程与社群SOP", [][2]string{{"material.create", "上传素材"}, {"mass_send.create", "新建群发"}, {"mass_send.start", "确认群发"}, {"mass_send.remind", "提醒导购群发"},
		{"mass_send.cancel", "取消群发"}, {"journey.create", "新建客户旅程"}, {"journey.update", "修改客户旅程"}, {"journey.pause", "暂停客户旅程"},
		{"journey.resume", "恢复客户旅程"}, {"journey.holiday.save", "保存节日日期"}, {"journey.holiday.delete", "删除节日日期"},
		{"group_sop.create", "新建社群SOP"}, {"group_sop.update", "修改社群SOP"}, {"group_sop.pause", "暂停社群SOP"}, {"group_sop.resume", "恢复社群SOP"},
		{"group_tag.create", "新建群标签"}, {"group_tag.rename", "重命名群标签"}, {"group_tag.delete", "删除群标签"},
		{"group_tag.tag", "给客户群打群标签"}, {"group_tag.untag", "移除客户群的群标签"}, {"group_tag.set", "设置客户群的群标签"}}},
	{"奖品", [][2]string{{"reward.create", "新建奖品"}, {"reward.update", "修改奖品"}, {"reward.import_codes", "导入券码"}}},
	{"裂变活动", [][2]string{{"referral.create", "新建裂变活动"}, {"referral.update", "修改裂变活动"}, {"referral.pause", "暂停裂变活动"},
		{"referral.resume", "恢复裂变活动"}, {"referral.end", "结束裂变活动"}, {"referral.help_approve", "审核通过助力"},
		{"referral.help_reject", "审核驳回助力"}, {"referral.blacklist", "加入裂变黑名单"}, {"referral.unblacklist", "移出裂变黑名单"}}},
	{"业绩与会员分析", [][2]string{{"attribution.rules", "保存业绩归属规则"}, {"rfm.settings", "修改 RFM 与生命周期设置"}}},
	{"导出", [][2]string{{"export.customers", "导出客户"}, {"export.stores", "导出门店"}, {"export.guides", "导出导购"},
		{"export.channels", "导出渠道活码"}, {"export.members", "导出会员"}, {"export.transfers", "导出继承/转接"}, {"export.audit", "导出审计日志"},
		{"export.orders", "导出订单"}, {"export.attribution", "导出业绩报表"}}},
}

// auditActionLabels are AuditActionGroups by action.
var auditActionLabels = func() map[string]string {
	out := map[string]string{}
	for _, g := range AuditActionGroups {
		for _, a := range g.Actions {
			out[a[0]] = a[1]
		}
	}
	return out
}()

// AuditActionLabel names an audited action in Chinese; an export of a
// kind not listed is still an export, anything else unknown is shown as
// recorded.
func AuditActionLabel(action string) string {
	if l, ok := auditActionLabels[action]; ok {
		return l
	}
	if kind, ok := strings.CutPrefix(action, "export."); ok {
		return "导出（" + kind + "）"
	}
	return action
}

// AuditTargetTypes are the kinds of object the audit trail names, as
// people read them, in the order the audit log's filter offers them.
var AuditTargetTypes = [][2]string{{"customer", "客户"}, {"store", "门店"}, {"guide", "导购"}, {"channel", "渠道活码"},
	{"member", "会员"}, {"import", "导入"}, {"tag", "标签"}, {"tag_group", "标签组"}, {"brand", "品牌"}, {"region", "区域"}, {"transfer", "继承/转接"}, {"guide_task", "待办"},
	{"order", "订单"}, {"admin_user", "控制台用户"}, {"api_token", "API 令牌"}, {"export", "导出"}, {"wechat_app", "公众号"},
	{"wechat_qrcode", "公众号二维码"}, {"mini_app", "小程序"}, {"attribution_rules", "业绩归属规则"}, {"rfm_settings", "RFM 与生命周期设置"},
	{"mass_send", "群发"}, {"material", "素材"}, {"journey", "客户旅程"}, {"holiday", "节日日期"}, {"group_sop", "社群SOP"}, {"group_tag", "群标签"},
	{"reward", "奖品"}, {"referral_campaign", "裂变活动"}, {"referral_help", "裂变助力"}, {"referral_blacklist", "裂变黑名单"}}

// AuditTargetLabel names a kind of audited object in Chinese.
func AuditTargetLabel(kind string) string {
	for _, t := range AuditTargetTypes {
		if t[0] == kind {
			return t[1]
		}
	}
	return kind
}
