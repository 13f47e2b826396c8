package tasks

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/metrics"
)

// Deps is what task handlers are built from; cmd/siyu fills it in.
type Deps struct {
	Log     *slog.Logger
	Metrics *metrics.Metrics
	Inbox   app.InboxService
	Events  EventApplier
	// WeChatEvents hands 公众号 events on to their subscribers; nil
	// handles none.
	WeChatEvents EventApplier
	Enqueuer     *Enqueuer
	Syncer       Syncer
	// Registry fans applied events out to the capabilities subscribed.
	Registry *Registry
	// Refresher reads customers a transfer moved.
	Refresher CustomerRefresher
	// ReadConcurrency bounds how many customers are read at once across
	// every refresh task (DefaultReadConcurrency when zero).
	ReadConcurrency int
	// Pool places pooled customers; nil schedules nothing.
	Pool PassFunc
	// SegmentRefresh refreshes due segments; nil does nothing.
	SegmentRefresh PassFunc
	// AttributionRuns recompute credit under a new rule version and
	// AttributionCatchUp credits new orders; nil does nothing.
	AttributionRuns    AttributionRuns
	AttributionCatchUp PassFunc
	// RFMSweep and RFMNightly recompute members' RFM classes; nil does
	// nothing.
	RFMSweep, RFMNightly PassFunc
	// OrderRelink links recent orders to the members they missed; nil
	// does nothing.
	OrderRelink PassFunc
	// RFMFull recomputes one scope after its settings changed; nil does
	// nothing.
	RFMFull RFMFull
	// Reconcile starts due full syncs; nil schedules none.
	Reconcile ReconcileFunc
	// ChannelMaintain finishes half-created channels and routes channel
	// codes by shifts and caps; nil does nothing.
	ChannelMaintain ChannelMaintainFunc
	// Transfers advances one transfer and TransferFollow all running
	// ones; nil does nothing.
	Transfers      Transfers
	TransferFollow PassFunc
	// RemindSweep sends guides their reminders; nil does nothing.
	RemindSweep PassFunc
	// DigestRun sends store managers their daily digest; nil does nothing.
	DigestRun PassFunc
	// MassSends advances one mass send and MassSendFollow every active
	// one; nil does nothing.
	MassSends      MassSends
	MassSendFollow PassFunc
	// JourneyTick fires every corp's due journey steps; nil does
	// nothing.
	JourneyTick PassFunc
	// GroupSOPTick fires due group SOP steps; nil does nothing.
	GroupSOPTick PassFunc
	// ReferralTick credits referral helps whose hold has passed and
	// grants the tiers reached; nil does nothing.
	ReferralTick PassFunc
	// Stats decides and runs the daily aggregates' recomputes; nil does
	// nothing.
	Stats Stats
	// BehaviorTick starts the corps' nightly pulls of WeCom's chat
	// figures and BehaviorPulls runs one; nil does nothing.
	BehaviorTick  PassFunc
	BehaviorPulls BehaviorPulls
	// UpliftNightly measures every corp's uplift; nil does nothing.
	UpliftNightly PassFunc
	// RelayAfter is how old a pending event must be for the relay to queue
	// it again (DefaultRelayAfter when zero).
	RelayAfter time.Duration
}

// NewServeMux routes every task type to its handler, behind the middleware
// that every task gets: task id in the context, metrics, retry policy.
func NewServeMux(d Deps) *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.Use(withTaskID, observe(d.Metrics), retryPolicy)
	mux.Handle(TypeWeComEvent, handleEvent(d.Inbox, d.Events))
	if d.WeChatEvents != nil {
		mux.Handle(TypeWeChatEvent, handleEvent(d.Inbox, d.WeChatEvents))
	}
	mux.Handle(TypeWeComRelay, handleRelay(d.Inbox, d.Registry, d.Enqueuer, d.RelayAfter, d.Log))
	if d.Registry != nil {
		mux.Handle(TypeEventDelivery, handleDelivery(d.Registry, d.Log))
	}
	mux.Handle(TypeWeComSync, handleSync(d.Syncer, d.Enqueuer))
	if d.Refresher != nil {
		mux.Handle(TypeCustomerRefresh, handleCustomerRefresh(d.Refresher, d.Enqueuer, d.Log, d.ReadConcurrency))
	}
	mux.Handle(TypeAssignPool, handlePass(d.Pool))
	mux.Handle(TypeSegmentRefresh, handlePass(d.SegmentRefresh))
	mux.Handle(TypeAttributionRun, handleAttributionRun(d.AttributionRuns))
	mux.Handle(TypeAttributionCatchUp, handlePass(d.AttributionCatchUp))
	mux.Handle(TypeRFMSweep, handlePass(d.RFMSweep))
	mux.Handle(TypeRFMNightly, handlePass(d.RFMNightly))
	mux.Handle(TypeOrderRelink, handlePass(d.OrderRelink))
	mux.Handle(TypeRFMFull, handleRFMFull(d.RFMFull))
	mux.Handle(TypeWeComReconcile, handleReconcile(d.Reconcile, d.Enqueuer))
	mux.Handle(TypeChannelMaintain, handleChannelMaintain(d.ChannelMaintain))
	mux.Handle(TypeTransferAdvance, handleTransferAdvance(d.Transfers))
	mux.Handle(TypeTransferFollow, handlePass(d.TransferFollow))
	mux.Handle(TypeRemindSweep, handlePass(d.RemindSweep))
	mux.Handle(TypeDigestRun, handlePass(d.DigestRun))
	mux.Handle(TypeMassSendAdvance, handleMassSendAdvance(d.MassSends))
	mux.Handle(TypeMassSendFollow, handlePass(d.MassSendFollow))
	mux.Handle(TypeJourneyTick, handlePass(d.JourneyTick))
	mux.Handle(TypeGroupSOPTick, handlePass(d.GroupSOPTick))
	mux.Handle(TypeReferralTick, handlePass(d.ReferralTick))
	mux.Handle(TypeStatsTick, handleStatsTick(d.Stats, d.Enqueuer))
	mux.Handle(TypeStatsDays, handleStatsDays(d.Stats))
	mux.Handle(TypeBehaviorTick, handlePass(d.BehaviorTick))
	mux.Handle(TypeBehaviorPull, handleBehaviorPull(d.BehaviorPulls))
	mux.Handle(TypeUpliftNightly, handlePass(d.UpliftNightly))
	return mux
}

// withTaskID puts the task id where the request id goes, so logs and audit
// entries written by a task can be traced to it.
func withTaskID(next asynq.Handler) asynq.Handler {
	return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
		if id, ok := asynq.GetTaskID(ctx); ok {
			ctx = app.WithRequestID(ctx, "task:"+id)
		}
		return next.ProcessTask(ctx, t)
	})
}

// retryPolicy decides from the error code whether a failure can heal: bad
// input and missing records never will, so they are not retried.
func retryPolicy(next asynq.Handler) asynq.Handler {
	return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
		err := next.ProcessTask(ctx, t)
		if err == nil || errors.Is(err, asynq.SkipRetry) || !permanent(err) {
			return err
		}
		return fmt.Errorf("%w: %w", err, asynq.SkipRetry)
	})
}

// permanent reports an error no retry can heal.
func permanent(err error) bool {
	switch app.ErrorCode(err) {
	case app.EINVALID, app.ENOTFOUND, app.EFORBIDDEN, app.EUNAUTHORIZED, app.ECONFLICT, app.EOUTOFSTOCK:
		return true
	}
	return errors.Is(err, asynq.SkipRetry)
}

// lastAttempt reports whether err ends the task for good: it cannot heal,
// or the task has used its retries.
func lastAttempt(ctx context.Context, err error) bool {
	if app.ErrorCode(err) == app.ERATELIMITED { // retried without counting
		return false
	}
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, _ := asynq.GetMaxRetry(ctx)
	return permanent(err) || retried >= maxRetry
}

// observe counts outcomes and times every handler run.
func observe(m *metrics.Metrics) asynq.MiddlewareFunc {
	return func(next asynq.Handler) asynq.Handler {
		return asynq.HandlerFunc(func(ctx context.Context, t *asynq.Task) error {
			start := time.Now()
			err := next.ProcessTask(ctx, t)
			m.TaskDuration.WithLabelValues(t.Type()).Observe(time.Since(start).Seconds())
			m.TaskOutcomes.WithLabelValues(t.Type(), outcome(ctx, err)).Inc()
			return err
		})
	}
}

func outcome(ctx context.Context, err error) string {
	if err == nil {
		return metrics.OutcomeSuccess
	}
	retried, _ := asynq.GetRetryCount(ctx)
	maxRetry, _ := asynq.GetMaxRetry(ctx)
	if errors.Is(err, asynq.SkipRetry) || retried >= maxRetry {
		return metrics.OutcomeDropped
	}
	return metrics.OutcomeRetry
}

// DecodeError marks a payload that cannot be decoded: retrying the same
// bytes cannot help.
func DecodeError(t *asynq.Task, err error) error {
	return fmt.Errorf("decode %s payload: %w: %w", t.Type(), err, asynq.SkipRetry)
}
