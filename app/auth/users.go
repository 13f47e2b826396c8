package auth

import (
	"context"
	"crypto/rand"
	"math/big"
	"strconv"

	"golang.org/x/crypto/bcrypt"

	"github.com/siyu-scrm/siyu/app"
)

// ListUsers returns a page of the corp's console users.
func (s *Service) ListUsers(ctx context.Context, corpID int64, p app.Page) ([]app.AdminUser, int64, error) {
	return s.st.ListAdminUsers(ctx, corpID, p)
}

// FindUser returns the corp's console user id.
func (s *Service) FindUser(ctx context.Context, corpID, id int64) (*app.AdminUser, error) {
	return s.st.FindAdminUserByID(ctx, corpID, id)
}

// UpdateUser gives user id a role and enables or disables them. An admin
// cannot disable or demote themselves, so a corp is never left without
// the admin who made the change.
func (s *Service) UpdateUser(ctx context.Context, corpID, id int64, by app.Principal, role string, disabled bool) error {
	var f app.Fields
	checkRole(&f, role)
	self := by.Actor == "user:"+strconv.FormatInt(id, 10)
	f.Check(self && disabled, "disabled", "不能停用自己的账号")
	f.Check(self && role != by.Role, "role", "不能修改自己的角色")
	if err := f.Err(); err != nil {
		return err
	}
	return s.audited(ctx, corpID, "admin.update", "admin_user", func(ctx context.Context) (int64, any, error) {
		u, err := s.st.FindAdminUserByID(ctx, corpID, id)
		if err != nil {
			return 0, nil, err
		}
		detail := map[string]any{"username": u.Username, "before": map[string]any{"role": u.Role, "disabled": u.Disabled},
			"after": map[string]any{"role": role, "disabled": disabled}}
		return id, detail, s.st.UpdateAdminUser(ctx, corpID, id, role, disabled)
	})
}

// ChangeOwnPassword replaces the password of the signed-in user after
// checking the current one; it clears the mark of a password chosen by
// someone else and ends the user's sessions, this one too: they sign in
// again with the new password. again is the new password typed a second
// time; every refusal comes back at once.
func (s *Service) ChangeOwnPassword(ctx context.Context, corpID, id int64, current, next, again string) error {
	u, err := s.st.FindAdminUserByID(ctx, corpID, id)
	if err != nil {
		return err
	}
	var f app.Fields
	f.Check(bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(current)) != nil, "current", "当前密码不正确")
	f.Check(current == next, "password", "新密码不能与当前密码相同")
	f.Check(next != again, "again", "两次输入的新密码不一致")
	hash, err := s.hashPassword(f, next)
	if err != nil {
		return err
	}
	return s.audited(ctx, corpID, "admin.password.own", "admin_user", func(ctx context.Context) (int64, any, error) {
		return id, map[string]any{"username": u.Username}, s.st.SetAdminPassword(ctx, corpID, id, hash, false)
	})
}

// OneTimePassword is a password for someone else to type once: 20
// characters from an alphabet without look-alikes (about 99 bits), in
// groups of five for reading aloud. The user sets their own at the first
// sign-in.
func OneTimePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
	out := make([]byte, 0, 24)
	for i := range 20 {
		if i > 0 && i%5 == 0 {
			out = append(out, '-')
		}
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(alphabet))))
		out = append(out, alphabet[n.Int64()])
	}
	return string(out)
}
