package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/siyu-scrm/siyu/app"
)

// bearerAuth lets a request through only with "Authorization: Bearer
// <token>". With no token configured nobody gets through: the API is
// never open by omission. Both sides are hashed before the constant-time
// comparison, so not even the token's length leaks.
func bearerAuth(log *slog.Logger, token string) gin.HandlerFunc {
	want := sha256.Sum256([]byte(token))
	return func(c *gin.Context) {
		got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if token != "" && ok && subtle.ConstantTimeCompare(sum[:], want[:]) == 1 {
			return
		}
		c.Header("WWW-Authenticate", `Bearer realm="siyu api"`)
		if token == "" {
			Error(c, log, app.Errorf(app.EUNAUTHORIZED, "API 未启用：未配置 security.api_token"))
			return
		}
		Error(c, log, app.Errorf(app.EUNAUTHORIZED, "需要有效的 API 令牌（Authorization: Bearer <token>）"))
	}
}
