package app

import "context"

// PanelViewer is the member signed in to the WeCom side panel (侧边栏): a
// guide or a store manager, known by the userid WeCom's OAuth gave.
type PanelViewer struct {
	CorpID    int64  // Siyu's corp id
	WeComCorp string // the corp's WeCom corp id
	UserID    string // the member's WeCom userid
}

// PanelAccess decides whether a viewer may open a customer's page. Each
// rule admits on its own grounds (the guide follows the customer; the
// store manager's store owns them); a viewer no rule admits gets 403.
type PanelAccess interface {
	MayView(ctx context.Context, v PanelViewer, externalUserID string) (bool, error)
}
