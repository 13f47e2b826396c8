package app

import (
	"strings"
	"time"
	"unicode/utf8"
)

// WeChatEventPrefix starts the inbox kind of every 公众号 event
// ("wechat:subscribe", "wechat:SCAN", …). 公众号 events share the WeCom
// inbox (one table, one relay, one exactly-once claim) and are told apart
// by this prefix, which routes them to their own task type.
const WeChatEventPrefix = "wechat:"

// Message modes of a 公众号's server configuration (消息加解密方式).
const (
	// WeChatSafeMode (安全模式, or 兼容模式) takes encrypted deliveries only:
	// their msg_signature covers the body.
	WeChatSafeMode = "safe"
	// WeChatPlainMode (明文模式) takes plain deliveries too, whose signature
	// covers only the timestamp and nonce.
	WeChatPlainMode = "plain"
)

// WeChatApp is a 公众号 (WeChat Official Account) of a corp. Its appid
// names it in the callback URL (/wechat/callback/<appid>); its followers
// become members of its brand (BrandID; nil: the corp's shared pool).
type WeChatApp struct {
	ID      int64
	CorpID  int64
	AppID   string
	Name    string
	BrandID *int64
	Mode    string // WeChatSafeMode (the default) or WeChatPlainMode
	// Credentials, sealed at rest by the store and never serialised to
	// clients: the server configuration's Token and EncodingAESKey, and
	// the AppSecret that gets access tokens.
	Token          string `json:"-"`
	EncodingAESKey string `json:"-"`
	AppSecret      string `json:"-"`
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Validate checks every field a person supplies and reports all that are
// wrong at once.
func (a *WeChatApp) Validate() error {
	var f Fields
	a.AppID, a.Name = strings.TrimSpace(a.AppID), strings.TrimSpace(a.Name)
	f.Check(!validAppID(a.AppID), "appid", "AppID 应为 wx 开头的 18 位字母或数字")
	f.Check(a.Name == "" || utf8.RuneCountInString(a.Name) > 64, "name", "名称不能为空且不超过 64 个字符")
	f.Check(len(a.Token) < 3 || len(a.Token) > 32 || !alnum(a.Token), "token", "Token 应为 3 到 32 位字母或数字")
	f.Check(len(a.EncodingAESKey) != 43 || !alnum(a.EncodingAESKey), "encoding_aes_key", "EncodingAESKey 应为 43 位字母或数字")
	f.Check(a.AppSecret == "" || len(a.AppSecret) > 64, "app_secret", "AppSecret 不能为空且不超过 64 个字符")
	if a.Mode == "" {
		a.Mode = WeChatSafeMode
	}
	f.Check(a.Mode != WeChatSafeMode && a.Mode != WeChatPlainMode, "mode", "消息加解密方式应为 safe（安全或兼容模式）或 plain（明文模式）")
	return f.Err()
}

// validAppID reports whether id looks like a 公众号 AppID: "wx" and 16
// letters or digits.
func validAppID(id string) bool {
	return len(id) == 18 && strings.HasPrefix(id, "wx") && alnum(id)
}

func alnum(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// WeChatCallbackPath is where the 公众号 with appid delivers its events;
// the account's server configuration (服务器配置) is set to it.
func WeChatCallbackPath(appid string) string { return "/wechat/callback/" + appid }
