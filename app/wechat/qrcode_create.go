package wechat

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// sceneAttempts bounds the draws on a scene the account already uses.
const sceneAttempts = 5

// CreateQRCode validates in, reserves the code's row (a permanent one
// counted against the account's cap under the account's lock) and asks
// WeChat for it. WeChat refusing drops the row; an answer that never came
// leaves it failed — WeChat may have made the code, and a permanent one
// is never given back, so it keeps counting.
func (s *Service) CreateQRCode(ctx context.Context, corpID int64, in QRInput) (*app.WeChatQRCode, error) {
	q, err := s.check(ctx, corpID, in)
	if err != nil {
		return nil, err
	}
	if err := s.reserve(ctx, q); err != nil {
		return nil, err
	}
	acc, err := s.Accounts.Client(ctx, corpID, q.AppID)
	if err != nil { // WeChat was never asked
		return nil, s.drop(ctx, q, err)
	}
	sent := s.now()
	got, err := acc.CreateQRCode(ctx, qrRequest(q, sent))
	if err != nil {
		return nil, s.unmade(ctx, q, err)
	}
	q.Ticket, q.URL, q.Status = got.Ticket, got.URL, app.WeChatQRActive
	if !q.Permanent && got.ExpireSeconds > 0 { // the code lives as long as WeChat says
		at := sent.Add(time.Duration(got.ExpireSeconds) * time.Second)
		q.ExpiresAt = &at
	}
	return q, s.Tx.InTx(ctx, func(ctx context.Context) error {
		if err := s.Codes.FinishQRCode(ctx, q); err != nil {
			return err
		}
		return s.audit(ctx, corpID, "wechat_qrcode.create", "wechat_qrcode", q.ID, map[string]any{"kind": q.Kind,
			"store_id": q.StoreID, "userid": q.UserID, "campaign": q.Campaign, "permanent": q.Permanent})
	})
}

// reserve inserts q as creating under a fresh scene. A permanent code is
// counted first, in the same transaction and under the account's row
// lock, so codes created at once cannot pass the cap together.
func (s *Service) reserve(ctx context.Context, q *app.WeChatQRCode) error {
	q.Status = app.WeChatQRCreating
	return s.Tx.InTx(ctx, func(ctx context.Context) error {
		if q.Permanent {
			if err := s.underCap(ctx, q); err != nil {
				return err
			}
		}
		var err error
		for range sceneAttempts {
			q.ID, q.Scene = 0, sceneCode()
			if err = s.Codes.CreateQRCode(ctx, q); app.ErrorCode(err) != app.ECONFLICT {
				return err
			}
		}
		return err
	})
}

// underCap refuses a permanent code beyond the account's cap.
func (s *Service) underCap(ctx context.Context, q *app.WeChatQRCode) error {
	if err := s.Codes.LockWeChatApp(ctx, q.CorpID, q.AppID); err != nil {
		return err
	}
	n, err := s.Codes.CountPermanentQRCodes(ctx, q.AppID)
	if err != nil || n < int64(s.opts.PermanentCap) {
		return err
	}
	return app.Errorf(app.ECONFLICT, "该公众号的永久二维码已达上限（%d 个）：微信每个公众号最多 10 万个永久二维码，且不可回收；请改用临时二维码", s.opts.PermanentCap)
}

// unmade settles a code WeChat did not confirm: dropped when WeChat
// refused it (nothing exists there), failed when the answer was lost.
func (s *Service) unmade(ctx context.Context, q *app.WeChatQRCode, cause error) error {
	if wecom.Refused(cause) {
		return s.drop(ctx, q, cause)
	}
	q.Status = app.WeChatQRFailed
	if err := s.Codes.FinishQRCode(context.WithoutCancel(ctx), q); err != nil {
		return fmt.Errorf("%w (and its row could not be marked failed: %v)", cause, err)
	}
	return app.Wrap(app.EUNAVAILABLE, cause, "微信未确认二维码是否创建成功，已记为失败（永久二维码仍计入上限），请重新创建")
}

// drop removes the row of a code WeChat surely did not make and returns
// why it was not made.
func (s *Service) drop(ctx context.Context, q *app.WeChatQRCode, cause error) error {
	if err := s.Codes.DeleteQRCode(context.WithoutCancel(ctx), q.CorpID, q.ID); err != nil {
		return fmt.Errorf("%w (and its row could not be dropped: %v)", cause, err)
	}
	return cause
}

// qrRequest asks WeChat for q; a temporary code lives until its expiry.
func qrRequest(q *app.WeChatQRCode, now time.Time) wecom.OAQRRequest {
	r := wecom.OAQRRequest{Scene: q.Scene, Permanent: q.Permanent}
	if q.ExpiresAt != nil {
		r.ExpireSeconds = int64(q.ExpiresAt.Sub(now) / time.Second)
	}
	return r
}

// sceneCode draws a code's scene: "q" and 16 base32 letters (80 random
// bits), short and saying nothing of whom it credits.
func sceneCode() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "q" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
}

// QRCode returns the corp's code id.
func (s *Service) QRCode(ctx context.Context, corpID, id int64) (*app.WeChatQRCode, error) {
	return s.Codes.FindQRCode(ctx, corpID, id)
}

// ListQRCodes pages the corp's codes, of one account when appID is set.
func (s *Service) ListQRCodes(ctx context.Context, corpID, appID int64, p app.Page) ([]app.WeChatQRCode, int64, error) {
	return s.Codes.ListQRCodes(ctx, corpID, appID, p)
}
