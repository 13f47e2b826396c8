package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Channels is the channel capability the API serves: channels and the PNG
// of each one's QR code.
type Channels interface {
	app.ChannelService
	QRImage(ctx context.Context, corpID, id int64) ([]byte, error)
	FindChannelByState(ctx context.Context, corpID int64, state string) (*app.Channel, error)
	ValidateChannel(ctx context.Context, c *app.Channel) error
}

// channelRoutes serves the corp's channel codes (渠道活码): reads to every
// role, changes to operators and admins.
func (s *server) channelRoutes(c *gin.RouterGroup) {
	w := c.Group("", s.allow(app.RoleOperator))
	ch := s.d.Channels
	c.GET("/channels", func(c *gin.Context) { list(s, c, ch.ListChannels, toChannel) })
	c.GET("/channels/:id", func(c *gin.Context) { getOne(s, c, ch.FindChannel, toChannel) })
	c.GET("/channels/:id/qr.png", s.channelQR)
	w.POST("/channels", func(c *gin.Context) {
		createOne(s, c, channelJSON{SkipVerify: true, Pick: app.PickRoundRobin}, fromChannel, ch.CreateChannel, toChannel)
	})
	w.PATCH("/channels/:id", func(c *gin.Context) { updateOne(s, c, ch.FindChannel, toChannel, fromChannel, ch.UpdateChannel) })
	w.DELETE("/channels/:id", func(c *gin.Context) { deleteOne(s, c, ch.DeleteChannel) })
	w.POST("/channels/:id/pause", func(c *gin.Context) { s.channelStatus(c, ch.PauseChannel) })
	w.POST("/channels/:id/resume", func(c *gin.Context) { s.channelStatus(c, ch.ResumeChannel) })
}

// channelStatus pauses or resumes a channel and answers it as it is now.
func (s *server) channelStatus(c *gin.Context, change func(ctx context.Context, corpID, id int64) (*app.Channel, error)) {
	id, err := idParam(c)
	var ch *app.Channel
	if err == nil {
		ch, err = change(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toChannel(*ch))
}

// channelQR answers the channel's QR code as a PNG download, named after
// the channel's code.
func (s *server) channelQR(c *gin.Context) {
	id, err := idParam(c)
	var png []byte
	if err == nil {
		png, err = s.d.Channels.QRImage(c.Request.Context(), c.GetInt64(corpKey), id)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="channel-`+c.Param("id")+`.png"`)
	c.Header("Cache-Control", "private, max-age=300")
	c.Data(http.StatusOK, "image/png", png)
}
