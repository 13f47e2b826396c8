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
	"encoding/json"
	"fmt"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
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

// Service is the console's authentication.
type Service struct {
	db    *db.DB
	cost  int
	ttl   time.Duration
	now   func() time.Time
	dummy []byte // a hash compared against when the user does not exist
}

// New returns a Service on d.
func New(d *db.DB, o Options) *Service {
	if o.BcryptCost == 0 {
		o.BcryptCost = bcrypt.DefaultCost
	}
	if o.SessionTTL == 0 {
		o.SessionTTL = 12 * time.Hour
	}
	dummy, _ := bcrypt.GenerateFromPassword([]byte("siyu-no-such-user"), o.BcryptCost)
	return &Service{db: d, cost: o.BcryptCost, ttl: o.SessionTTL, dummy: dummy,
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
func (s *Service) audited(ctx context.Context, corpID int64, action, target string, fn func(st *db.AdminStore) (int64, any, error)) error {
	return s.db.InTx(ctx, func(tx *db.DB) error {
		id, detail, err := fn(db.NewAdminStore(tx))
		if err != nil {
			return err
		}
		js, _ := json.Marshal(detail)
		return db.NewAuditStore(tx).RecordAudit(ctx, &app.AuditEntry{CorpID: corpID, Actor: app.Actor(ctx),
			Action: action, TargetType: target, TargetID: fmt.Sprint(id), Detail: string(js)})
	})
}
