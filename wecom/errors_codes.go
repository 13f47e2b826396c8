package wecom

import (
	"fmt"

	"github.com/siyu-scrm/siyu/app"
)

// classify maps a WeCom or WeChat errcode to a domain code and a message a
// user can act on. Unknown codes are internal: they are shown as "internal
// error" and logged with the errcode, never blamed on the caller.
func classify(errcode int) (code, message string) {
	if code, message = classifyAccess(errcode); code != "" {
		return code, message
	}
	if code, message = classifyContact(errcode); code != "" {
		return code, message
	}
	if code, message = classifyMessage(errcode); code != "" {
		return code, message
	}
	if code, message = classifyMini(errcode); code != "" {
		return code, message
	}
	return app.EINTERNAL, fmt.Sprintf("企业微信返回错误（%d）", errcode)
}

// classifyAccess covers credentials, permissions, limits and availability.
func classifyAccess(errcode int) (string, string) {
	switch errcode {
	case -1:
		return app.EUNAVAILABLE, "企业微信系统繁忙，请稍后再试"
	case 40001:
		return app.EUNAUTHORIZED, "企业微信 Secret 不正确，请检查配置"
	case 40013:
		return app.EUNAUTHORIZED, "企业 ID（CorpID）不正确，请检查配置"
	case 40014, 42001, 41001:
		return app.EUNAUTHORIZED, "企业微信访问凭证无效，请稍后重试"
	case 48002:
		return app.EFORBIDDEN, "应用没有调用该企业微信接口的权限"
	case 60011:
		return app.EFORBIDDEN, "应用无权读取该成员（成员不在应用的可见范围内）"
	case 60020:
		return app.EFORBIDDEN, "服务器 IP 不在企业微信的可信 IP 列表中"
	case 301002:
		return app.EFORBIDDEN, "应用 Secret 与 AgentId 不属于同一个应用"
	case 40056, 41011:
		return app.EINVALID, "AgentId 不合法或缺失"
	case 84074:
		return app.EFORBIDDEN, "应用没有客户联系权限，请在企业微信管理后台配置"
	case 40098:
		return app.EFORBIDDEN, "成员尚未实名认证"
	case 45009, 45033:
		return app.ERATELIMITED, "企业微信接口调用过于频繁，请稍后再试"
	case 81017:
		return app.EINVALID, "请求的数量超过企业微信的限制"
	case 40058: // 不合法的参数: the request itself is wrong, so retrying cannot help
		return app.EINVALID, "请求参数不合法"
	case 600018: // get_user_behavior_data's times: seconds wanted, within its span
		return app.EINVALID, "统计时间范围不合法"
	case 60111:
		return app.ENOTFOUND, "企业成员不存在"
	}
	return "", ""
}

// classifyContact covers customers, tags, contact ways and transfers.
func classifyContact(errcode int) (string, string) {
	switch errcode {
	case 84061:
		return app.ENOTFOUND, "该成员与客户之间没有好友关系"
	case 40096, 41035:
		return app.ENOTFOUND, "客户不存在或客户 ID 不合法"
	case 40050:
		// groupchat/get answers this for a dismissed group as well as a
		// mistyped id: either way the group is not there.
		return app.ENOTFOUND, "客户群不存在"
	case 40099:
		return app.ECONFLICT, "外部联系人数量已达上限"
	case 40126:
		return app.ECONFLICT, "企业客户标签数量已达上限"
	case 40071:
		return app.ECONFLICT, "标签或标签组名称已存在"
	case 40068:
		return app.ENOTFOUND, "标签或标签组不存在"
	case 41045:
		return app.ECONFLICT, "通过接口创建的「联系我」数量已达上限"
	case 41037, 41038, 41039, 41040, 41041, 41042, 41043:
		return app.EINVALID, "「联系我」配置不合法"
	case 41044:
		return app.ENOTFOUND, "「联系我」配置不存在"
	case 90501:
		return app.EINVALID, "所选的群不是客户群，不能用于加入群聊"
	case 40128:
		return app.ECONFLICT, "客户转接过于频繁（90 天内每位客户最多转接 2 次）"
	case 40100, 40129:
		return app.ECONFLICT, "客户正在转接中"
	case 40131:
		return app.EINVALID, "原跟进成员不是该客户的跟进人"
	}
	return "", ""
}

// classifyMessage covers welcome messages and mass sends.
func classifyMessage(errcode int) (string, string) {
	switch errcode {
	case 41049, 41050:
		return app.EINVALID, "欢迎语 code 无效或已过期"
	case 41051:
		return app.ECONFLICT, "客户已与成员开始聊天，不能再发送欢迎语"
	case 41096:
		return app.ECONFLICT, "欢迎语正在发送中"
	case 41046, 41047:
		return app.ENOTFOUND, "群发消息不存在"
	case 41048:
		return app.EINVALID, "没有可发送的客户"
	case 41063:
		return app.ECONFLICT, "群发消息正在派发中"
	case 41064:
		return app.EINVALID, "附件数量超过限制"
	case 40007:
		return app.EINVALID, "素材已失效（企业微信只保留 3 天），请重新上传"
	case 40004, 40005:
		return app.EINVALID, "企业微信不接受这种文件类型"
	case 40006:
		return app.EINVALID, "文件大小超出企业微信的限制"
	case 41093:
		return app.ECONFLICT, "群发任务已取消"
	case 41094:
		return app.ECONFLICT, "群发提醒次数已达上限（24 小时内最多 3 次）"
	}
	return "", ""
}

// classifyMini covers mini-program login and linking.
func classifyMini(errcode int) (string, string) {
	switch errcode {
	case 40029, 40163:
		return app.EINVALID, "小程序登录 code 无效或已使用"
	case 40125:
		return app.EUNAUTHORIZED, "小程序 AppSecret 不正确，请检查配置"
	case 40226:
		return app.EFORBIDDEN, "该用户被微信判定为高风险，无法登录"
	case 45011:
		return app.ERATELIMITED, "小程序登录过于频繁，请稍后再试"
	case 90206, 90207:
		return app.EINVALID, "小程序未关联到企业或 AppID 不合法"
	}
	return "", ""
}
