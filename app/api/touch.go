package api

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/touch"
)

// Touches is the touch ledger the API serves (app/touch).
type Touches interface {
	List(ctx context.Context, corpID int64, f app.TouchFilter) ([]app.Touch, int64, error)
	CreateShareLink(ctx context.Context, corpID int64, in touch.ShareInput) (*app.ShareLink, error)
	ShareLinks(ctx context.Context, corpID int64, userID string, p app.Page) ([]app.ShareLink, int64, error)
	Click(ctx context.Context, code, source string, memberID *int64, externalUserID string) (string, error)
}

// SharePath is where share links are opened: /s/<code>.
const SharePath = "/s"

// touchRoutes serves the ledger and share links: reads to every role,
// new links to operators.
func (s *server) touchRoutes(c *gin.RouterGroup) {
	c.GET("/touches", s.listTouches)
	c.GET("/share-links", func(c *gin.Context) {
		list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.ShareLink, int64, error) {
			return s.d.Touches.ShareLinks(ctx, corpID, c.Query("userid"), p)
		}, toShareLink)
	})
	c.POST("/share-links", s.allow(app.RoleOperator), s.createShareLink)
}

// listTouches pages the ledger, narrowed by ?kind=, ?external_userid=,
// ?userid= and ?member_id=.
func (s *server) listTouches(c *gin.Context) {
	memberID, err := queryInt(c, "member_id")
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	list(s, c, func(ctx context.Context, corpID int64, p app.Page) ([]app.Touch, int64, error) {
		return s.d.Touches.List(ctx, corpID, app.TouchFilter{Page: p, Kind: c.Query("kind"), ExternalUserID: c.Query("external_userid"),
			UserID: c.Query("userid"), MemberID: memberID})
	}, toTouch)
}

// createShareLink makes a guide's trackable link; 201 with its URL.
func (s *server) createShareLink(c *gin.Context) {
	var in touch.ShareInput
	err := bindJSON(c, &in)
	var l *app.ShareLink
	if err == nil {
		l, err = s.d.Touches.CreateShareLink(c.Request.Context(), c.GetInt64(corpKey), in)
	}
	if err != nil {
		Error(c, s.d.Log, err)
		return
	}
	c.JSON(http.StatusCreated, toShareLink(*l))
}

// openShareLink logs the opening of a share link and redirects to its
// target; the request id makes the opening count once.
func (s *server) openShareLink(c *gin.Context) {
	target, err := s.d.Touches.Click(c.Request.Context(), c.Param("code"), app.RequestID(c.Request.Context()), nil, "")
	if err != nil {
		s.shareError(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Redirect(http.StatusFound, target)
}

// shareError answers a share link that cannot be opened with a page in
// Chinese: the person who tapped it is a consumer in WeChat, not a client
// reading JSON.
func (s *server) shareError(c *gin.Context, err error) {
	s.logIfInternal(c, err)
	title, msg := "出错了", "链接暂时无法打开，请稍后再试。"
	if app.ErrorCode(err) == app.ENOTFOUND {
		title, msg = "链接不存在", "这个链接不存在或已失效，请向导购索取新的链接。"
	}
	c.HTML(StatusOf(app.ErrorCode(err)), "share_message.html", gin.H{"Title": title, "Message": msg, "RequestID": app.RequestID(c.Request.Context())})
}

// touchJSON is one touch.
type touchJSON struct {
	ID             int64     `json:"id"`
	Kind           string    `json:"kind"`
	SourceID       string    `json:"source_id"`
	ExternalUserID string    `json:"external_userid"`
	MemberID       *int64    `json:"member_id"`
	UserID         string    `json:"userid"`
	StoreID        *int64    `json:"store_id"`
	ChannelID      *int64    `json:"channel_id"`
	State          string    `json:"state"`
	SelfReported   bool      `json:"self_reported"`
	Detail         string    `json:"detail"`
	At             time.Time `json:"at"`
}

func toTouch(t app.Touch) touchJSON {
	return touchJSON{ID: t.ID, Kind: t.Kind, SourceID: t.SourceID, ExternalUserID: t.ExternalUserID, MemberID: t.MemberID,
		UserID: t.UserID, StoreID: t.StoreID, ChannelID: t.ChannelID, State: t.State, SelfReported: t.SelfReported, Detail: t.Detail, At: t.At}
}

// shareLinkJSON is one share link, with the path that opens it.
type shareLinkJSON struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Path      string    `json:"path"`
	UserID    string    `json:"userid"`
	StoreID   *int64    `json:"store_id"`
	Target    string    `json:"target"`
	Title     string    `json:"title"`
	Clicks    int64     `json:"clicks"`
	CreatedAt time.Time `json:"created_at"`
}

func toShareLink(l app.ShareLink) shareLinkJSON {
	return shareLinkJSON{ID: l.ID, Code: l.Code, Path: SharePath + "/" + l.Code, UserID: l.UserID, StoreID: l.StoreID,
		Target: l.Target, Title: l.Title, Clicks: l.Clicks, CreatedAt: l.CreatedAt}
}
