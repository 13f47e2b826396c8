package inbox

import (
	"context"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// 公众号 callbacks share the WeCom inbox (wecom_events) rather than a
// sibling table: they need exactly what WeCom's need — a row unique on
// (corp, dedupe key) stored before the answer, the queue-only path when
// the database is down, the relay for what Redis lost, the claim that
// makes a requeued event apply once, and the registry's fan-out — and a
// second table would mean a second copy of each. Their kinds start with
// app.WeChatEventPrefix, which routes them to their own task type, and
// their keys include the appid, so they never meet a WeCom event's.

// WeChatApps finds a 公众号 by appid (app/db's WeChatStore).
type WeChatApps interface {
	FindWeChatAppByAppID(ctx context.Context, appid string) (*app.WeChatApp, error)
}

// WeChatParams are the query parameters WeChat signs a 公众号 callback
// with: signature over token, timestamp and nonce always; in safe mode
// also encrypt_type=aes and msg_signature over the ciphertext.
type WeChatParams struct {
	Signature, Timestamp, Nonce, EchoStr string
	EncryptType, MsgSignature            string
}

// appCrypters loads a 公众号 by appid, with the appid as receive id.
func appCrypters(apps WeChatApps) *crypters[*app.WeChatApp] {
	return newCrypters(func(ctx context.Context, appid string) (*app.WeChatApp, *wecom.Crypter, error) {
		a, err := apps.FindWeChatAppByAppID(ctx, appid)
		if err != nil {
			return nil, nil, err
		}
		c, err := wecom.NewCrypter(a.Token, a.EncodingAESKey, a.AppID)
		if err != nil {
			return nil, nil, app.Wrap(app.ENOTFOUND, err, "该公众号未配置服务器")
		}
		return a, c, nil
	})
}

// VerifyWeChat answers the 公众平台's server check: the echostr as it
// came, once the plain signature holds.
func (r *Receiver) VerifyWeChat(ctx context.Context, appid string, p WeChatParams) (string, error) {
	_, c, err := r.wechatApp(ctx, appid)
	if err != nil {
		return "", err
	}
	if err := r.checkTimestamp(p.Timestamp); err != nil {
		return "", err
	}
	if !c.VerifyPlain(p.Signature, p.Timestamp, p.Nonce) {
		return "", app.Errorf(app.EUNAUTHORIZED, "签名校验失败")
	}
	if p.EchoStr == "" {
		return "", app.Errorf(app.EINVALID, "缺少 echostr 参数")
	}
	return p.EchoStr, nil
}

// ReceiveWeChat verifies, decrypts and parses one 公众号 delivery and
// stores it, as Receive does a WeCom one: nil means it is durable (or was
// already) and WeChat may be answered "success".
func (r *Receiver) ReceiveWeChat(ctx context.Context, appid string, p WeChatParams, body []byte) error {
	e, err := r.openWeChat(ctx, appid, p, body)
	if err != nil {
		r.inc(OutcomeRejected)
		return err
	}
	return r.persist(ctx, e)
}

func (r *Receiver) wechatApp(ctx context.Context, appid string) (*app.WeChatApp, *wecom.Crypter, error) {
	if r.apps == nil {
		return nil, nil, app.Errorf(app.ENOTFOUND, "公众号不存在")
	}
	return r.apps.get(ctx, appid)
}

func (r *Receiver) openWeChat(ctx context.Context, appid string, p WeChatParams, body []byte) (*app.InboxEvent, error) {
	a, c, err := r.wechatApp(ctx, appid)
	if err != nil {
		return nil, err
	}
	plain, err := r.openWeChatBody(a, c, p, body)
	if err != nil {
		return nil, err
	}
	ev, err := wecom.ParseOAEvent(a.AppID, plain)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "回调内容无法解析")
	}
	status := app.InboxPending
	if !ev.Known() {
		status = app.InboxIgnored
	}
	return &app.InboxEvent{CorpID: a.CorpID, DedupeKey: ev.DedupeKey(), Kind: ev.Kind(), Payload: wecom.OAPayload(a.AppID, plain),
		EventTime: ev.Time(), Status: status, ReceivedAt: time.Now().UTC()}, nil
}

// openWeChatBody checks the delivery's time and signature and returns the
// event's XML: decrypted in safe mode; as sent in plain mode, which only
// an account set to 明文模式 accepts (its signature does not cover the
// body, so elsewhere a captured signature could carry a forged event).
func (r *Receiver) openWeChatBody(a *app.WeChatApp, c *wecom.Crypter, p WeChatParams, body []byte) ([]byte, error) {
	if err := r.checkTimestamp(p.Timestamp); err != nil {
		return nil, err
	}
	if p.EncryptType == "aes" {
		plain, err := c.OpenCallback(p.MsgSignature, p.Timestamp, p.Nonce, body)
		if err != nil {
			return nil, openError(err)
		}
		return plain, nil
	}
	switch {
	case p.EncryptType != "" && p.EncryptType != "raw":
		return nil, app.Errorf(app.EINVALID, "不支持的 encrypt_type：%s", p.EncryptType)
	case a.Mode != app.WeChatPlainMode:
		return nil, app.Errorf(app.EUNAUTHORIZED, "该公众号只接收安全模式（加密）的消息")
	case !c.VerifyPlain(p.Signature, p.Timestamp, p.Nonce):
		return nil, app.Errorf(app.EUNAUTHORIZED, "签名校验失败")
	}
	return body, nil
}
