package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// transferRoutes serves transfers (在职继承 / 离职继承) of the corp in
// scope. Every console role may start one and read them; the transfer
// service limits a store manager to the guides of their own store.
func (s *server) transferRoutes(c *gin.RouterGroup) {
	c.GET("/transfers", s.listTransfers)
	c.POST("/transfers", s.startTransfer)
	c.GET("/transfers/:id", s.getTransfer)
	c.GET("/transfers/:id/items", s.listTransferItems)
	c.POST("/transfers/:id/cancel", s.cancelTransfer)
}

// cancelTransfer cancels what of a transfer has not gone to WeCom yet,
// once the caller confirms it ({"confirm": true}).
func (s *server) cancelTransfer(c *gin.Context) {
	id, err := idParam(c)
	if err == nil {
		var in struct {
			Confirm bool `json:"confirm"`
		}
		if err = bindJSON(c, &in); err == nil && !in.Confirm {
			err = app.FieldInvalid("confirm", "请确认取消：尚未发往企业微信的客户和客户群将不再转接，留在原导购名下")
		}
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t, err := s.d.Transfers.CancelTransfer(c.Request.Context(), c.GetInt64(corpKey), id, *caller(c))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, toTransfer(*t))
}

func (s *server) startTransfer(c *gin.Context) {
	var in startTransferJSON
	if err := bindJSON(c, &in); err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t, err := s.d.Transfers.StartTransfer(c.Request.Context(), app.StartTransfer{CorpID: c.GetInt64(corpKey), UserID: in.UserID,
		Mode: in.Mode, Rule: in.Rule, ToUserID: in.TakeoverUserID, Message: in.Message, By: *caller(c)})
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toTransfer(*t))
}

func (s *server) listTransfers(c *gin.Context) {
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.Transfer, int64, error) {
		return s.d.Transfers.ListTransfers(ctx, corpID, *caller(c), p)
	}, toTransfer)
}

// getTransfer answers a transfer with its progress and its groups.
func (s *server) getTransfer(c *gin.Context) {
	id, err := idParam(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	t, groups, err := s.d.Transfers.FindTransfer(c.Request.Context(), c.GetInt64(corpKey), id, *caller(c))
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	out := toTransfer(*t)
	out.Groups = mapAll(groups, toTransferGroup)
	c.JSON(http.StatusOK, out)
}

// listTransferItems pages a transfer's customers, narrowed by ?state=.
func (s *server) listTransferItems(c *gin.Context) {
	id, err := idParam(c)
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.TransferItem, int64, error) {
		return s.d.Transfers.ListTransferItems(ctx, corpID, id, *caller(c), app.TransferFilter{Page: p, State: c.Query("state")})
	}, toTransferItem)
}
