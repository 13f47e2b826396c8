package app

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Console roles, from most to least trusted. An admin manages users and
// tokens; an operator also changes the organisation; a store manager works
// in their own store; an analyst reads the whole corp and changes nothing.
const (
	RoleAdmin        = "admin"
	RoleOperator     = "operator"
	RoleStoreManager = "store_manager"
	RoleAnalyst      = "analyst"
)

var roleRank = map[string]int{RoleAnalyst: 1, RoleStoreManager: 1, RoleOperator: 2, RoleAdmin: 3}

// RoleNames are the roles as people read them.
var RoleNames = map[string]string{RoleAdmin: "管理员", RoleOperator: "运营", RoleStoreManager: "店长", RoleAnalyst: "分析师"}

// ReadOnly reports whether role may change nothing at all.
func ReadOnly(role string) bool { return role == RoleAnalyst }

// ValidRole reports whether role is a console role.
func ValidRole(role string) bool { return roleRank[role] > 0 }

// RoleAtLeast reports whether role may do what min may.
func RoleAtLeast(role, min string) bool { return roleRank[role] > 0 && roleRank[role] >= roleRank[min] }

// AdminUser is a person who signs in to the console of one corp.
type AdminUser struct {
	ID           int64
	CorpID       int64
	Username     string
	PasswordHash string `json:"-"`
	Role         string
	Disabled     bool
	// MustChangePassword is set while the password is one someone else
	// chose (the first admin's one-time password, a reset).
	MustChangePassword bool
	LastLoginAt        *time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// APIToken is a corp's credential for scripts. Only its hash is stored;
// the token itself is shown once, when it is created.
type APIToken struct {
	ID         int64
	CorpID     int64
	Name       string
	Role       string
	TokenHash  string `json:"-"`
	Prefix     string // the token's first characters, to recognise it in lists
	CreatedBy  string
	LastUsedAt *time.Time
	RevokedAt  *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Principal is who a request acts as. CorpID 0 is the deployment's own
// token (security.api_token), which reaches every corp; anyone else
// reaches only their own.
type Principal struct {
	CorpID int64
	Role   string
	Actor  string // for audit records: "user:7", "token:3", "deployment"
	Name   string // username or token name, for display
	// MustChangePassword: a console user signed in with a password
	// someone else chose; the console asks for their own first.
	MustChangePassword bool
}

// UserID is the console user's id, 0 for a token or the deployment.
func (p *Principal) UserID() int64 {
	id, ok := strings.CutPrefix(p.Actor, "user:")
	if !ok {
		return 0
	}
	n, _ := strconv.ParseInt(id, 10, 64)
	return n
}

// CanAccess reports whether p may see corpID's data at all.
func (p *Principal) CanAccess(corpID int64) bool { return p.CorpID == 0 || p.CorpID == corpID }

// SignIn is a session opened by a login: Token is shown to the caller once.
type SignIn struct {
	Token     string
	ExpiresAt time.Time
	User      *AdminUser
}

// Authenticator signs console users in and out and tells who a session or
// API token belongs to.
type Authenticator interface {
	Login(ctx context.Context, corpID int64, username, password string) (*SignIn, error)
	Logout(ctx context.Context, credential string) error
	Authenticate(ctx context.Context, credential string) (*Principal, error)
}

// AdminService manages console users.
type AdminService interface {
	CreateAdmin(ctx context.Context, u *AdminUser, password string) error
	SetAdminPassword(ctx context.Context, corpID int64, username, password string) error
}

// TokenService manages a corp's API tokens; CreateToken returns the token,
// which is never readable again.
type TokenService interface {
	CreateToken(ctx context.Context, t *APIToken) (string, error)
	ListTokens(ctx context.Context, corpID int64, p Page) ([]APIToken, int64, error)
	RevokeToken(ctx context.Context, corpID, id int64) error
}

// TokenTouchEvery is how often a token's last use is written at most, so
// busy scripts do not turn every read into a write.
const TokenTouchEvery = time.Minute
