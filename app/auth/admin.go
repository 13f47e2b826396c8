package auth

import (
	"context"
	"regexp"

	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
	"github.com/siyu-scrm/siyu/app/db"
)

var username = regexp.MustCompile(`^[A-Za-z0-9_.@-]{1,64}$`)

// bcrypt reads at most 72 bytes; a longer password would be cut silently.
const (
	minPassword = 10
	maxPassword = 72
)

// checkPassword refuses a password too short to resist guessing or too
// long for bcrypt.
func checkPassword(f *app.Fields, password string) {
	f.Check(len(password) < minPassword || len(password) > maxPassword, "password", "密码长度应为10到72个字节")
}

// CreateAdmin adds a console user of u.CorpID with password, hashed.
func (s *Service) CreateAdmin(ctx context.Context, u *app.AdminUser, password string) error {
	var f app.Fields
	f.Check(!username.MatchString(u.Username), "username", "用户名应为1-64位字母、数字或 _ - . @")
	f.Check(!app.ValidRole(u.Role), "role", "角色应为 admin、operator 或 store_manager")
	checkPassword(&f, password)
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return app.Wrap(app.EINTERNAL, err, "")
	}
	u.PasswordHash = string(hash)
	return s.audited(ctx, u.CorpID, "admin.create", "admin_user", func(st *db.AdminStore) (int64, any, error) {
		err := st.CreateAdminUser(ctx, u)
		return u.ID, map[string]any{"username": u.Username, "role": u.Role}, err
	})
}

// SetAdminPassword replaces the password of the corp's user username.
func (s *Service) SetAdminPassword(ctx context.Context, corpID int64, name, password string) error {
	var f app.Fields
	checkPassword(&f, password)
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return app.Wrap(app.EINTERNAL, err, "")
	}
	return s.audited(ctx, corpID, "admin.password", "admin_user", func(st *db.AdminStore) (int64, any, error) {
		u, err := st.FindAdminUser(ctx, corpID, name)
		if err != nil {
			return 0, nil, err
		}
		return u.ID, map[string]any{"username": name}, st.SetAdminPassword(ctx, corpID, u.ID, string(hash))
	})
}
