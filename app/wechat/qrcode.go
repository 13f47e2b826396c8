package wechat

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/siyu-scrm/siyu/app"
)

// QRInput is a parametric QR code an operator asks for: of which account,
// for whom (a store, a guide, or a campaign of a store or of none), and
// how long it lives. Permanent defaults to true for stores and campaigns
// (a printed code must keep working) and to false for guides (one code
// per person would spend the account's 100,000 permanent codes);
// ExpireDays is a temporary code's life, 1 to 30 (30 when zero).
type QRInput struct {
	AppID      int64  `json:"app_id"`
	Kind       string `json:"kind"`
	StoreID    *int64 `json:"store_id"`
	UserID     string `json:"userid"`
	Campaign   string `json:"campaign"`
	Permanent  *bool  `json:"permanent"`
	ExpireDays int    `json:"expire_days"`
}

// check validates in for corpID, naming every field at fault at once,
// and returns the code to create (without its scene).
func (s *Service) check(ctx context.Context, corpID int64, in QRInput) (*app.WeChatQRCode, error) {
	var f app.Fields
	q := &app.WeChatQRCode{CorpID: corpID, AppID: in.AppID, Kind: in.Kind, StoreID: in.StoreID,
		UserID: strings.TrimSpace(in.UserID), Campaign: strings.TrimSpace(in.Campaign), CreatedBy: app.Actor(ctx)}
	if err := s.checkCodeApp(ctx, &f, corpID, in.AppID); err != nil {
		return nil, err
	}
	if err := s.checkWhom(ctx, &f, q); err != nil {
		return nil, err
	}
	q.Permanent = in.Kind != app.WeChatQRGuide
	if in.Permanent != nil {
		q.Permanent = *in.Permanent
	}
	switch days := in.ExpireDays; {
	case q.Permanent && days != 0:
		f.Add("expire_days", "永久二维码没有有效期")
	case days < 0 || days > app.WeChatTemporaryQRMaxDays:
		f.Add("expire_days", fmt.Sprintf("临时二维码的有效期应为 1 到 %d 天", app.WeChatTemporaryQRMaxDays))
	case !q.Permanent && days == 0:
		in.ExpireDays = s.opts.GuideDays
	}
	if !q.Permanent {
		at := s.now().Add(time.Duration(in.ExpireDays) * 24 * time.Hour)
		q.ExpiresAt = &at
	}
	return q, f.Err()
}

// checkCodeApp checks the code's account belongs to the corp.
func (s *Service) checkCodeApp(ctx context.Context, f *app.Fields, corpID, appID int64) error {
	_, err := s.Apps.FindWeChatApp(ctx, corpID, appID)
	if app.ErrorCode(err) == app.ENOTFOUND {
		f.Add("app_id", "公众号不存在")
		return nil
	}
	return err
}

// checkWhom checks whom the code is for, as its kind wants: a store that
// is open; an active guide (whose store the code is listed under); a
// campaign's name, with an optional store.
func (s *Service) checkWhom(ctx context.Context, f *app.Fields, q *app.WeChatQRCode) error {
	switch q.Kind {
	case app.WeChatQRStore:
		f.Check(q.StoreID == nil, "store_id", "门店二维码需要指定门店")
		f.Check(q.UserID != "", "userid", "门店二维码不指定导购")
		f.Check(q.Campaign != "", "campaign", "门店二维码不属于活动")
	case app.WeChatQRGuide:
		f.Check(q.UserID == "", "userid", "导购二维码需要指定导购")
		f.Check(q.StoreID != nil, "store_id", "导购二维码记在导购所在的门店，不另指定门店")
		f.Check(q.Campaign != "", "campaign", "导购二维码不属于活动")
	case app.WeChatQRCampaign:
		f.Check(q.Campaign == "" || utf8.RuneCountInString(q.Campaign) > 64, "campaign", "活动名称不能为空且不超过 64 个字符")
		f.Check(q.UserID != "", "userid", "活动二维码不指定导购")
	default:
		f.Add("kind", "二维码类型应为 store（门店）、guide（导购）或 campaign（活动）")
		return nil
	}
	if q.Kind == app.WeChatQRGuide && q.UserID != "" {
		return s.checkGuide(ctx, f, q)
	}
	if q.StoreID != nil {
		return s.checkStore(ctx, f, q.CorpID, *q.StoreID)
	}
	return nil
}

func (s *Service) checkGuide(ctx context.Context, f *app.Fields, q *app.WeChatQRCode) error {
	g, err := s.Org.FindGuideByUserID(ctx, q.CorpID, q.UserID)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		f.Add("userid", "导购“"+q.UserID+"”不存在")
	case err != nil:
		return err
	case g.Status != app.GuideActive:
		f.Add("userid", "导购“"+q.UserID+"”已离职")
	default:
		q.StoreID = &g.StoreID
	}
	return nil
}

func (s *Service) checkStore(ctx context.Context, f *app.Fields, corpID, id int64) error {
	st, err := s.Org.FindStore(ctx, corpID, id)
	switch {
	case app.ErrorCode(err) == app.ENOTFOUND:
		f.Add("store_id", "门店不存在")
	case err != nil:
		return err
	case st.Status != app.StoreOpen:
		f.Add("store_id", "门店“"+st.Name+"”已关闭")
	}
	return nil
}
