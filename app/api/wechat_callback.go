package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app/inbox"
)

// WeChatReceiver is the inbox capability the 公众号's callback routes call.
type WeChatReceiver interface {
	VerifyWeChat(ctx context.Context, appid string, p inbox.WeChatParams) (string, error)
	ReceiveWeChat(ctx context.Context, appid string, p inbox.WeChatParams, body []byte) error
	Refuse()
}

// WeChatCallbackPath is where a 公众号 delivers its events, named by appid.
const WeChatCallbackPath = "/wechat/callback/:app"

func (s *server) wechatCallbackRoutes(r gin.IRouter) {
	r.GET(WeChatCallbackPath, s.verifyWeChatURL)
	r.POST(WeChatCallbackPath, s.receiveWeChat)
}

func wechatParams(c *gin.Context) inbox.WeChatParams {
	return inbox.WeChatParams{Signature: c.Query("signature"), Timestamp: c.Query("timestamp"), Nonce: c.Query("nonce"),
		EchoStr: c.Query("echostr"), EncryptType: c.Query("encrypt_type"), MsgSignature: c.Query("msg_signature")}
}

// verifyWeChatURL answers the 公众平台's server check with the echostr
// and nothing else, byte for byte.
func (s *server) verifyWeChatURL(c *gin.Context) {
	echo, err := s.d.WeChatCallbacks.VerifyWeChat(c.Request.Context(), c.Param("app"), wechatParams(c))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(echo))
}

// receiveWeChat answers "success" only once the event is durable (a
// duplicate too); anything else makes WeChat deliver it again.
func (s *server) receiveWeChat(c *gin.Context) {
	body, ok := s.callbackBody(c, s.d.WeChatCallbacks.Refuse)
	if !ok {
		return
	}
	if err := s.d.WeChatCallbacks.ReceiveWeChat(c.Request.Context(), c.Param("app"), wechatParams(c), body); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte("success"))
}
