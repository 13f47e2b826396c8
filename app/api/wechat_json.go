package api

import (
	"time"

	"github.com/siyu-scrm/siyu/app"
)

// wechatAppInput registers a 公众号: its credentials go in, never out.
type wechatAppInput struct {
	AppID          string `json:"appid"`
	Name           string `json:"name"`
	Brand          string `json:"brand"`
	Mode           string `json:"mode"`
	Token          string `json:"token"`
	EncodingAESKey string `json:"encoding_aes_key"`
	AppSecret      string `json:"app_secret"`
}

// wechatAppJSON is a 公众号 as the API shows it, with the path its server
// configuration must name.
type wechatAppJSON struct {
	ID           int64     `json:"id"`
	AppID        string    `json:"appid"`
	Name         string    `json:"name"`
	BrandID      *int64    `json:"brand_id"`
	Mode         string    `json:"mode"`
	CallbackPath string    `json:"callback_path"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func toWeChatApp(a app.WeChatApp) wechatAppJSON {
	return wechatAppJSON{ID: a.ID, AppID: a.AppID, Name: a.Name, BrandID: a.BrandID, Mode: a.Mode,
		CallbackPath: app.WeChatCallbackPath(a.AppID), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

// wechatQRJSON is a parametric QR code; url is what its image encodes.
type wechatQRJSON struct {
	ID        int64      `json:"id"`
	AppID     int64      `json:"app_id"`
	Kind      string     `json:"kind"`
	StoreID   *int64     `json:"store_id"`
	UserID    string     `json:"userid"`
	Campaign  string     `json:"campaign"`
	Scene     string     `json:"scene"`
	Permanent bool       `json:"permanent"`
	ExpiresAt *time.Time `json:"expires_at"`
	Status    string     `json:"status"`
	URL       string     `json:"url"`
	CreatedAt time.Time  `json:"created_at"`
}

func toWeChatQR(q app.WeChatQRCode) wechatQRJSON {
	return wechatQRJSON{ID: q.ID, AppID: q.AppID, Kind: q.Kind, StoreID: q.StoreID, UserID: q.UserID, Campaign: q.Campaign,
		Scene: q.Scene, Permanent: q.Permanent, ExpiresAt: q.ExpiresAt, Status: q.Status, URL: q.URL, CreatedAt: q.CreatedAt}
}
