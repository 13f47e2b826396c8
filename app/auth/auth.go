// Package auth authenticates the console: admin users with bcrypt-hashed
// passwords who sign in to sessions, and API tokens for scripts. Sessions
// and tokens are random secrets the caller keeps; Siyu stores only their
// SHA-256, which suffices for a secret of 256 random bits (a slow hash is
// for passwords people choose) and lets a lookup find the row directly.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
)

var (
	_ app.Authenticator = (*Service)(nil)
	_ app.AdminService  = (*Service)(nil)
	_ app.TokenService  = (*Service)(nil)
)

// Prefixes of the two kinds of secret, so a credential is looked up in
// the one table that can hold it, and a leaked one is recognisable.
const (
	SessionPrefix = "sys_"
	TokenPrefix   = "sya_"
)

// Options tune the service; zero values take the defaults.
type Options struct {
	BcryptCost int           // default bcrypt.DefaultCost; tests lower it
	SessionTTL time.Duration // default 12 hours: one working day
}

// Store keeps console users, their sessions and API tokens (app/db's
// AdminStore).
type Store interface {
	Users
	Sessions
	Tokens
}

// Users are the console's people.
type Users interface {
	CreateAdminUser(ctx context.Context, u *app.AdminUser) error
	FindAdminUser(ctx context.Context, corpID int64, username string) (*app.AdminUser, error)
	SetAdminPassword(ctx context.Context, corpID, id int64, hash string, mustChange bool) error
	ListAdminUsers(ctx context.Context, corpID int64, p app.Page) ([]app.AdminUser, int64, error)
	FindAdminUserByID(ctx context.Context, corpID, id int64) (*app.AdminUser, error)
	UpdateAdminUser(ctx context.Context, corpID, id int64, role string, disabled bool) error
}

// Sessions are signed-in users; only a session secret's hash is kept.
type Sessions interface {
	StartSession(ctx context.Context, u *app.AdminUser, hash string, expires time.Time) error
	SessionUser(ctx context.Context, hash string, now time.Time) (*app.AdminUser, error)
	EndSession(ctx context.Context, hash string) error
}

// Tokens are API tokens for scripts; only a token's hash is kept.
type Tokens interface {
	CreateToken(ctx context.Context, t *app.APIToken) error
	ListTokens(ctx context.Context, corpID int64, p app.Page) ([]app.APIToken, int64, error)
	FindToken(ctx context.Context, corpID, id int64) (*app.APIToken, error)
	ActiveToken(ctx context.Context, hash string) (*app.APIToken, error)
	RevokeToken(ctx context.Context, corpID, id int64, at time.Time) error
	TouchToken(ctx context.Context, id int64, at time.Time) error
}

// Auditor records changes in the audit trail (app/audit).
type Auditor interface {
	Record(ctx context.Context, c app.AuditChange) error
}

// Deps are what authentication is built from: it keeps its rows in
// Store, writing changes and their audit records in one transaction of
// Tx.
type Deps struct {
	Tx    app.Transactor
	Store Store
	Audit Auditor
}

// Service is the console's authentication.
type Service struct {
	tx    app.Transactor
	st    Store
	audit Auditor
	cost  int
	ttl   time.Duration
	now   func() time.Time
	dummy []byte // a hash compared against when the user does not exist
}

// New returns a Service on d.
func New(d Deps, o Options) *Service {
	if o.BcryptCost == 0 {
		o.BcryptCost = bcrypt.DefaultCost
	}
	if o.SessionTTL == 0 {
		o.SessionTTL = 12 * time.Hour
	}
	dummy, _ := bcrypt.GenerateFromPassword([]byte("siyu-no-such-user"), o.BcryptCost)
	return &Service{tx: d.Tx, st: d.Store, audit: d.Audit, cost: o.BcryptCost, ttl: o.SessionTTL, dummy: dummy,
		now: func() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }}
}

// newSecret returns a new random credential with prefix, and its hash.
func newSecret(prefix string) (secret, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", app.Wrap(app.EINTERNAL, err, "")
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, hashOf(secret), nil
}

// hashOf is what the database holds of a credential.
func hashOf(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// audited runs fn in a transaction with the audit record of what it did.
func (s *Service) audited(ctx context.Context, corpID int64, action, target string, fn func(ctx context.Context) (int64, any, error)) error {
	return s.tx.InTx(ctx, func(ctx context.Context) error {
		id, detail, err := fn(ctx)
		if err != nil {
			return err
		}
		return s.audit.Record(ctx, app.AuditChange{CorpID: corpID, Action: action, TargetType: target, TargetID: id, Detail: detail})
	})
}
