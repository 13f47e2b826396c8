package api

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/inbox"
)

// CallbackReceiver is the inbox capability the callback routes call.
type CallbackReceiver interface {
	VerifyURL(ctx context.Context, corpID string, p inbox.Params) (string, error)
	Receive(ctx context.Context, corpID string, p inbox.Params, body []byte) error
	Refuse()
}

// CallbackPath is where WeCom is told to deliver events for a corp.
const CallbackPath = "/wecom/callback/:corp"

func (s *server) callbackRoutes(r gin.IRouter) {
	r.GET(CallbackPath, s.verifyCallbackURL)
	r.POST(CallbackPath, s.receiveCallback)
}

func callbackParams(c *gin.Context) inbox.Params {
	return inbox.Params{Signature: c.Query("msg_signature"), Timestamp: c.Query("timestamp"),
		Nonce: c.Query("nonce"), EchoStr: c.Query("echostr")}
}

// verifyCallbackURL answers with the decrypted echostr and nothing else:
// no quotes, no newline, as WeCom compares the body byte for byte.
func (s *server) verifyCallbackURL(c *gin.Context) {
	echo, err := s.d.Callbacks.VerifyURL(c.Request.Context(), c.Param("corp"), callbackParams(c))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Data(http.StatusOK, "text/plain; charset=utf-8", []byte(echo))
}

// receiveCallback answers 200 only once the event is durable; a body over
// the cap is refused with 413 before anything is decrypted.
func (s *server) receiveCallback(c *gin.Context) {
	body, ok := s.callbackBody(c, s.d.Callbacks.Refuse)
	if !ok {
		return
	}
	if err := s.d.Callbacks.Receive(c.Request.Context(), c.Param("corp"), callbackParams(c), body); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Status(http.StatusOK)
}

// callbackBody reads a callback's body under the cap, answering the
// error itself when it cannot (413 over the cap, counted by refuse).
func (s *server) callbackBody(c *gin.Context, refuse func()) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, s.d.CallbackMaxBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		refuse()
		Error(c, s.d.Log, app.Errorf(app.ETOOLARGE, "回调内容过大"))
		return nil, false
	case err != nil:
		Error(c, s.d.Log, app.Wrap(app.EINVALID, err, "无法读取回调内容"))
		return nil, false
	}
	return body, true
}
