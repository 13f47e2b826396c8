// Package corpcheck checks a corp's WeCom setup from end to end, the way
// an administrator would ask "is everything connected?": the 客户联系
// secret gets a token and reads, the self-built app's secret and agent id
// belong together, WeCom's callbacks reach Siyu with the right keys, and
// WeCom accepts calls from this server's address (企业可信IP). Each part
// that fails says how to fix it; what WeCom's errcodes mean stays in
// package wecom. Every check run is recorded in the audit trail.
package corpcheck

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/wecom"
)

// Corps finds a corp with its credentials (app/db's CorpStore).
type Corps interface {
	FindCorpByID(ctx context.Context, id int64) (*app.Corp, error)
}

// Clients builds a WeCom client for a corp's credentials as stored now,
// not a cached one (wecom.Registry's ClientFor).
type Clients interface {
	ClientFor(corp *app.Corp, agent bool) (*wecom.Client, error)
}

// Callbacks tells when a corp's callbacks last arrived (app/kv's
// CallbackLog, which the callback receiver writes).
type Callbacks interface {
	CallbacksSeen(ctx context.Context, corpID int64) (app.CallbacksSeen, error)
}

// Auditor records each check run (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what the checks are built from.
type Deps struct {
	Corps     Corps
	Clients   Clients
	Callbacks Callbacks
	Audit     Auditor
}

// Service runs connectivity checks.
type Service struct{ d Deps }

// New returns a Service on d.
func New(d Deps) *Service { return &Service{d: d} }

var _ app.ConnectivityChecker = (*Service)(nil)

// checkTimeout bounds one run: the page waits for it, and a WeCom that
// does not answer is itself the finding.
const checkTimeout = 20 * time.Second

// CheckConnectivity checks every part of corpID's setup and records the
// run in the audit trail. The WeCom calls of the two secrets run side by
// side; the trusted-IP finding is read from their answers.
func (s *Service) CheckConnectivity(ctx context.Context, corpID int64) ([]app.ConnectivityCheck, error) {
	corp, err := s.d.Corps.FindCorpByID(ctx, corpID)
	if err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	var contact, agent probe
	var wg sync.WaitGroup
	wg.Go(func() { contact = s.contact(cctx, corp) })
	wg.Go(func() { agent = s.agent(cctx, corp) })
	wg.Wait()
	checks := []app.ConnectivityCheck{contact.check, agent.check, s.callback(ctx, corp), trustedIP(contact, agent)}
	for i := range checks {
		checks[i].Hint = strings.ReplaceAll(checks[i].Hint, "<企业ID>", corp.CorpID)
	}
	return checks, s.record(ctx, corpID, checks)
}

// record writes the run's outcome per part, with WeCom's errcodes.
func (s *Service) record(ctx context.Context, corpID int64, checks []app.ConnectivityCheck) error {
	detail := map[string]any{}
	for _, c := range checks {
		out := map[string]any{"status": c.Status}
		if c.ErrCode != 0 {
			out["errcode"] = c.ErrCode
		}
		detail[c.Key] = out
	}
	return s.d.Audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: "corp.check", TargetType: "corp", TargetID: corpID, Detail: detail})
}
