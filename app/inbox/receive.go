package inbox

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// VerifyURL answers WeCom's URL verification: the decrypted echostr.
func (r *Receiver) VerifyURL(ctx context.Context, corpID string, p Params) (string, error) {
	corp, c, err := r.corps.get(ctx, corpID)
	if err != nil {
		return "", err
	}
	echo, err := r.openEcho(c, p)
	r.saw(corp.ID, app.CallbackVerified, err)
	return echo, err
}

func (r *Receiver) openEcho(c *wecom.Crypter, p Params) (string, error) {
	if err := r.checkTimestamp(p.Timestamp); err != nil {
		return "", err
	}
	plain, err := c.OpenEcho(p.Signature, p.Timestamp, p.Nonce, p.EchoStr)
	if err != nil {
		return "", openError(err)
	}
	return string(plain), nil
}

// saw remembers a callback of a known corp, as kind or, when its
// signature, time or content was refused, as refused: the connectivity
// check tells a URL WeCom cannot reach from one whose keys do not match.
func (r *Receiver) saw(corpID int64, kind string, err error) {
	if r.seen == nil {
		return
	}
	if err != nil {
		kind = app.CallbackRefused
	}
	r.seen.CallbackSeen(corpID, kind)
}

// Receive verifies, decrypts and parses one delivery and stores it. A nil
// error means the event is durable (or was already) and may be answered
// 200; an unavailable error means nothing holds it and WeCom must retry.
func (r *Receiver) Receive(ctx context.Context, corpID string, p Params, body []byte) error {
	e, err := r.open(ctx, corpID, p, body)
	if err != nil {
		r.inc(OutcomeRejected)
		return err
	}
	return r.persist(ctx, e)
}

// Refuse counts a delivery refused before it reached the receiver (a body
// over the size cap), so every refusal is in the rejected count.
func (r *Receiver) Refuse() { r.inc(OutcomeRejected) }

func (r *Receiver) open(ctx context.Context, corpID string, p Params, body []byte) (*app.InboxEvent, error) {
	corp, c, err := r.corps.get(ctx, corpID)
	if err != nil {
		return nil, err
	}
	plain, err := r.openBody(c, p, body)
	r.saw(corp.ID, app.CallbackEvent, err)
	if err != nil {
		return nil, err
	}
	ev, err := wecom.ParseEvent(plain)
	if err != nil {
		return nil, app.Wrap(app.EINVALID, err, "回调内容无法解析")
	}
	if ev.Head().CorpID != corp.CorpID {
		return nil, app.Errorf(app.EINVALID, "回调企业与地址不符")
	}
	status := app.InboxPending
	if _, unknown := ev.(wecom.Unknown); unknown {
		status = app.InboxIgnored
	}
	return &app.InboxEvent{CorpID: corp.ID, DedupeKey: wecom.DedupeKey(ev), Kind: ev.Kind(), Payload: string(plain),
		EventTime: ev.Head().Time(), Status: status, ReceivedAt: time.Now().UTC()}, nil
}

func (r *Receiver) openBody(c *wecom.Crypter, p Params, body []byte) ([]byte, error) {
	if err := r.checkTimestamp(p.Timestamp); err != nil {
		return nil, err
	}
	plain, err := c.OpenCallback(p.Signature, p.Timestamp, p.Nonce, body)
	if err != nil {
		return nil, openError(err)
	}
	return plain, nil
}

// persist makes e durable: the inbox row first, then the queue. Unknown
// events are stored as ignored and not queued.
func (r *Receiver) persist(ctx context.Context, e *app.InboxEvent) error {
	created, dbErr := r.store.SaveEvent(ctx, e)
	switch {
	case dbErr == nil && !created:
		r.inc(OutcomeDuplicate)
		return nil
	case dbErr == nil && e.Status == app.InboxIgnored:
		r.inc(OutcomeUnknown) // counted once per event, like stored ones
		return nil
	case dbErr == nil:
		r.inc(OutcomeStored)
		if err := r.queue.EnqueueEvent(ctx, e); err != nil {
			r.log.WarnContext(ctx, "event stored but not queued; the relay will queue it", "event_id", e.ID, "err", err)
		}
		return nil
	}
	if qErr := r.queue.EnqueueEvent(ctx, e); qErr != nil {
		r.inc(OutcomeFailed)
		r.log.ErrorContext(ctx, "callback not stored", "db_err", dbErr, "queue_err", qErr, "kind", e.Kind)
		return app.Wrap(app.EUNAVAILABLE, errors.Join(dbErr, qErr), "暂时无法接收，请稍后重试")
	}
	r.inc(OutcomeQueued)
	r.log.WarnContext(ctx, "database down: event held by the queue only", "kind", e.Kind, "err", dbErr)
	return nil
}

// checkTimestamp refuses a signed request from too far in the past or
// future, so a captured delivery cannot be replayed later.
func (r *Receiver) checkTimestamp(ts string) error {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return app.Errorf(app.EINVALID, "timestamp 参数无效")
	}
	skew := r.now().Sub(time.Unix(sec, 0))
	if skew > r.maxSkew || skew < -r.maxSkew {
		return app.Errorf(app.EUNAUTHORIZED, "请求时间戳超出允许范围")
	}
	return nil
}

func openError(err error) error {
	if errors.Is(err, wecom.ErrSignature) {
		return app.Wrap(app.EUNAUTHORIZED, err, "签名校验失败")
	}
	return app.Wrap(app.EINVALID, err, "回调内容无法解密")
}

func (r *Receiver) inc(outcome string) {
	if r.count != nil {
		r.count.Inc(outcome)
	}
}
