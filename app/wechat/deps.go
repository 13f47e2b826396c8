package wechat

import (
	"context"

	"github.com/siyu-scrm/siyu/app"
)

// Apps keeps the corps' 公众号 (app/db's WeChatStore); wechat is their
// only writer.
type Apps interface {
	CreateWeChatApp(ctx context.Context, a *app.WeChatApp) error
	UpdateWeChatApp(ctx context.Context, a *app.WeChatApp) error
	FindWeChatApp(ctx context.Context, corpID, id int64) (*app.WeChatApp, error)
	FindWeChatAppByAppID(ctx context.Context, appid string) (*app.WeChatApp, error)
	ListWeChatApps(ctx context.Context, corpID int64, p app.Page) ([]app.WeChatApp, int64, error)
}

// Codes keeps the accounts' parametric QR codes (app/db's WeChatStore).
type Codes interface {
	LockWeChatApp(ctx context.Context, corpID, id int64) error
	CountPermanentQRCodes(ctx context.Context, appID int64) (int64, error)
	CreateQRCode(ctx context.Context, q *app.WeChatQRCode) error
	FinishQRCode(ctx context.Context, q *app.WeChatQRCode) error
	DeleteQRCode(ctx context.Context, corpID, id int64) error
	FindQRCode(ctx context.Context, corpID, id int64) (*app.WeChatQRCode, error)
	FindQRCodeByScene(ctx context.Context, appID int64, scene string) (*app.WeChatQRCode, error)
	ListQRCodes(ctx context.Context, corpID, appID int64, p app.Page) ([]app.WeChatQRCode, int64, error)
}

// Members makes followers members of the account's brand (the members
// capability; the composition root adapts its Upsert).
type Members interface {
	// Follower upserts the member holding openID (and unionID, when known)
	// among brand's members ("" for the corp's shared pool), so a record
	// with the same unionid merges with it, and returns its id.
	Follower(ctx context.Context, corpID int64, brand, openID, unionID string) (int64, error)
}

// Touches appends to the touch ledger (app/touch).
type Touches interface {
	Record(ctx context.Context, ts ...app.Touch) error
}

// Org reads the stores, guides and brands codes and accounts name
// (app/db's OrgStore).
type Org interface {
	FindStore(ctx context.Context, corpID, id int64) (*app.Store, error)
	FindGuideByUserID(ctx context.Context, corpID int64, userID string) (*app.Guide, error)
	FindBrand(ctx context.Context, corpID, id int64) (*app.Brand, error)
	FindBrandByName(ctx context.Context, corpID int64, name string) (*app.Brand, error)
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}
