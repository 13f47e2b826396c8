package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// Panel paths of sending from the panel.
const (
	PanelSharePath = "/panel/api/share-links"
	PanelSendPath  = "/panel/api/sends"
)

// panelShareIn asks for the viewer's link to target, to send to the
// customer.
type panelShareIn struct {
	ExternalUserID string `json:"external_userid"`
	Target         string `json:"target"`
	Title          string `json:"title"`
}

// panelSendIn reports that the viewer's client sent link code.
type panelSendIn struct {
	ExternalUserID string `json:"external_userid"`
	Code           string `json:"code"`
}

// panelShare makes the viewer's trackable link and answers it with the
// address to send (201).
func (s *server) panelShare(c *gin.Context) {
	var in panelShareIn
	err := bindJSON(c, &in)
	var l *app.ShareLink
	if err == nil {
		l, err = s.d.Panel.Service.ShareLink(c.Request.Context(), viewer(c), in.ExternalUserID, in.Target, in.Title)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, gin.H{"code": l.Code, "url": s.d.Panel.Service.PublicURL() + SharePath + "/" + l.Code,
		"target": l.Target, "title": l.Title})
}

// panelSend records, once per link, that the viewer's client sent it
// into the chat (self-reported).
func (s *server) panelSend(c *gin.Context) {
	var in panelSendIn
	err := bindJSON(c, &in)
	if err == nil {
		err = s.d.Panel.Service.RecordSend(c.Request.Context(), viewer(c), in.ExternalUserID, in.Code)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"recorded": true, "self_reported": true})
}
