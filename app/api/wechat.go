package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/wechat"
)

// WeChat is the 公众号 capability the API serves (app/wechat).
type WeChat interface {
	RegisterApp(ctx context.Context, a *app.WeChatApp, brand string) error
	App(ctx context.Context, corpID, id int64) (*app.WeChatApp, error)
	ListApps(ctx context.Context, corpID int64, p app.Page) ([]app.WeChatApp, int64, error)
	CreateQRCode(ctx context.Context, corpID int64, in wechat.QRInput) (*app.WeChatQRCode, error)
	QRCode(ctx context.Context, corpID, id int64) (*app.WeChatQRCode, error)
	ListQRCodes(ctx context.Context, corpID, appID int64, p app.Page) ([]app.WeChatQRCode, int64, error)
	QRImage(ctx context.Context, corpID, id int64) ([]byte, error)
}

// wechatRoutes serves the corp's 公众号 and their parametric QR codes:
// reads to every role, new ones to operators and admins.
func (s *server) wechatRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	oa := s.d.WeChat
	c.GET("/wechat-apps", func(c *gin.Context) { list(s, c, oa.ListApps, toWeChatApp) })
	c.GET("/wechat-apps/:id", func(c *gin.Context) { getOne(s, c, oa.App, toWeChatApp) })
	w.POST("/wechat-apps", s.registerWeChatApp)
	c.GET("/wechat-qrcodes", s.listWeChatQRCodes)
	c.GET("/wechat-qrcodes/:id", func(c *gin.Context) { getOne(s, c, oa.QRCode, toWeChatQR) })
	c.GET("/wechat-qrcodes/:id/qr.png", s.wechatQRImage)
	w.POST("/wechat-qrcodes", s.createWeChatQRCode)
}

func (s *server) registerWeChatApp(c *gin.Context) {
	var in wechatAppInput
	err := bindJSON(c, &in)
	a := &app.WeChatApp{CorpID: c.GetInt64(corpKey), AppID: in.AppID, Name: in.Name, Mode: in.Mode, Token: in.Token,
		EncodingAESKey: in.EncodingAESKey, AppSecret: in.AppSecret}
	if err == nil {
		err = s.d.WeChat.RegisterApp(c.Request.Context(), a, in.Brand)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toWeChatApp(*a))
}

// listWeChatQRCodes pages the corp's codes, one account's with ?app_id=.
func (s *server) listWeChatQRCodes(c *gin.Context) {
	appID, err := queryInt(c, "app_id")
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.WeChatQRCode, int64, error) {
		return s.d.WeChat.ListQRCodes(ctx, corpID, appID, p)
	}, toWeChatQR)
}

func (s *server) createWeChatQRCode(c *gin.Context) {
	var in wechat.QRInput
	err := bindJSON(c, &in)
	var q *app.WeChatQRCode
	if err == nil {
		q, err = s.d.WeChat.CreateQRCode(c.Request.Context(), c.GetInt64(corpKey), in)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toWeChatQR(*q))
}

// wechatQRImage answers the code's image as a PNG download.
func (s *server) wechatQRImage(c *gin.Context) {
	id, err := idParam(c)
	var png []byte
	if err == nil {
		png, err = s.d.WeChat.QRImage(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="wechat-qrcode-`+c.Param("id")+`.png"`)
	c.Header("Cache-Control", "private, max-age=300")
	c.Data(http.StatusOK, "image/png", png)
}
