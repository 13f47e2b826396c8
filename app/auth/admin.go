package auth

import (
	"context"
	"regexp"

	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
)

var username = regexp.MustCompile(`^[A-Za-z0-9_.@-]{1,64}$`)

// bcrypt reads at most 72 bytes; a longer password would be cut silently.
const (
	minPassword = 10
	maxPassword = 72
)

// checkRole refuses a role that is not a console role.
func checkRole(f *app.Fields, role string) {
	f.Check(!app.ValidRole(role), "role", "角色应为管理员（admin）、运营（operator）、店长（store_manager）或分析师（analyst）")
}

// hashPassword refuses, with the fields refused before it, a password too
// short to resist guessing or too long for bcrypt, and hashes one that is
// neither.
func (s *Service) hashPassword(f app.Fields, password string) (string, error) {
	f.Check(len(password) < minPassword || len(password) > maxPassword, "password", "密码长度应为10到72个字节")
	if err := f.Err(); err != nil {
		return "", err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return "", app.Wrap(app.EINTERNAL, err, "")
	}
	return string(hash), nil
}

// CreateAdmin adds a console user of u.CorpID with password, hashed.
func (s *Service) CreateAdmin(ctx context.Context, u *app.AdminUser, password string) error {
	var f app.Fields
	f.Check(!username.MatchString(u.Username), "username", "用户名应为1-64位字母、数字或 _ - . @")
	checkRole(&f, u.Role)
	hash, err := s.hashPassword(f, password)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	return s.audited(ctx, u.CorpID, "admin.create", "admin_user", func(ctx context.Context) (int64, any, error) {
		err := s.st.CreateAdminUser(ctx, u)
		return u.ID, map[string]any{"username": u.Username, "role": u.Role}, err
	})
}

// SetAdminPassword replaces the password of the corp's user username. It
// is a reset by someone else (an admin, the command line): the user sets
// their own at their next sign-in.
func (s *Service) SetAdminPassword(ctx context.Context, corpID int64, name, password string) error {
	hash, err := s.hashPassword(nil, password)
	if err != nil {
		return err
	}
	return s.audited(ctx, corpID, "admin.password", "admin_user", func(ctx context.Context) (int64, any, error) {
		u, err := s.st.FindAdminUser(ctx, corpID, name)
		if err != nil {
			return 0, nil, err
		}
		return u.ID, map[string]any{"username": name}, s.st.SetAdminPassword(ctx, corpID, u.ID, hash, true)
	})
}
