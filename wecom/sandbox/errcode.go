package sandbox

import (
	"fmt"
	"strconv"
)

// apiError is a WeCom errcode answer; the HTTP status stays 200.
type apiError struct {
	code int
	msg  string
}

// Error makes apiError an error (handlers return it as one).
func (e *apiError) Error() string { return fmt.Sprintf("errcode %d: %s", e.code, e.msg) }

// errText is WeCom's own wording for code (global error code list, doc
// 90313), as a switch so the table is not a package variable.
func errText(code int) string {
	switch code {
	case -1:
		return "system busy"
	case 40001:
		return "invalid credential"
	case 40003:
		return "invalid userid"
	case 40013:
		return "invalid corpid"
	case 40014:
		return "invalid access_token"
	case 40029:
		return "invalid code"
	case 40050:
		return "invalid chatid"
	case 40056:
		return "invalid agentid"
	case 40058:
		return "invalid parameter"
	case 40068:
		return "invalid tagid"
	case 40071:
		return "tag name already exists"
	case 40096:
		return "invalid external_userid"
	case 40100:
		return "user is in transfer"
	case 40125:
		return "invalid appsecret"
	case 40126:
		return "tag count exceeds limit"
	case 40128:
		return "customer transferred too often"
	case 40129:
		return "customer is being transferred"
	case 40131:
		return "handover user is not a follower"
	case 40163:
		return "code been used"
	case 41001:
		return "access_token missing"
	case 41002:
		return "corpid missing"
	case 41004:
		return "corpsecret missing"
	case 41008:
		return "missing code"
	case 41011:
		return "agentid missing"
	case 41035:
		return "external_userid missing"
	case 41037:
		return "contact way type missing"
	case 41038:
		return "contact way scene missing"
	case 41039:
		return "invalid contact way type"
	case 41040:
		return "invalid contact way scene"
	case 41041:
		return "too many users for contact way"
	case 41042:
		return "invalid contact way style"
	case 41043:
		return "config_id missing"
	case 41044:
		return "invalid config_id"
	case 41045:
		return "contact way count exceeds limit"
	case 41046:
		return "msgid missing"
	case 41047:
		return "invalid msgid"
	case 41048:
		return "no customer to send to"
	case 41049:
		return "welcome_code missing"
	case 41050:
		return "invalid welcome_code"
	case 41051:
		return "customer and member have already chatted"
	case 41063:
		return "mass message is being dispatched"
	case 41064:
		return "too many attachments"
	case 41093:
		return "mass message was cancelled"
	case 41094:
		return "remind frequency exceeds limit"
	case 42001:
		return "access_token expired"
	case 43001:
		return "require GET method"
	case 43002:
		return "require POST method"
	case 44004:
		return "empty content"
	case 45002:
		return "content size out of limit"
	case 45009:
		return "api freq out of limit"
	case 45033:
		return "api concurrent out of limit"
	case 47001:
		return "data format error"
	case 48002:
		return "api forbidden"
	case 60011:
		return "no privilege to access/modify contact/party/agent"
	case 60020:
		return "not allow to access from your ip"
	case 60111:
		return "userid not found"
	case 301002:
		return "not allow to operate another agent with this accesstoken"
	case 90500:
		return "group owner has not resigned"
	case 90502:
		return "group owner has resigned"
	case 90504:
		return "new owner already owns the group"
	case 81013:
		return "user & party & tag all invalid"
	case 82001:
		return "all touser & toparty & totag invalid"
	case 81017:
		return "request count exceeds limit"
	case 84061:
		return "not external contact"
	case 600018:
		return "invalid time range"
	default:
		return "error"
	}
}

// fail builds the answer WeCom gives for code, with its help link.
func fail(code int) error {
	return failf(code, "%s", errText(code))
}

// failf is fail with a specific message, as WeCom adds hints for some codes.
func failf(code int, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &apiError{code: code, msg: msg + ", hint: [sandbox], more info at " +
		"https://open.work.weixin.qq.com/devtool/query?e=" + strconv.Itoa(code)}
}
