package db

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/go-sql-driver/mysql"
	"github.com/siyu-scrm/siyu/app"
)

// domainError turns storage errors into domain codes so callers and the API
// never see gorm types: a missing row is not_found, a unique clash conflict,
// anything else stays internal with its cause kept for the log.
func domainError(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return app.Errorf(app.ENOTFOUND, "%s不存在", what)
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return app.Wrap(app.ECONFLICT, err, what+"已存在")
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return app.Wrap(app.EINVALID, err, what+"引用的记录不存在")
	}
	return app.Wrap(app.EINTERNAL, err, "")
}

// expectedErrors keeps the statements whose failure is an outcome the
// caller expects and turns into a domain code (a duplicate key is "already
// there", 409) out of the error log; any other error is logged as before,
// and every error still reaches the caller. Below Info it also spares the
// statements it will not log the rendering of their SQL, which gorm's slog
// logger does for every statement before deciding (2% of a worker's CPU).
type expectedErrors struct {
	logger.Interface
	level logger.LogLevel
	slow  time.Duration
}

// LogMode keeps the wrapper on the logger at another level.
func (l expectedErrors) LogMode(level logger.LogLevel) logger.Interface {
	return expectedErrors{Interface: l.Interface.LogMode(level), level: level, slow: l.slow}
}

// Trace logs the statement as the wrapped logger would, but a duplicate
// key as no error (it is still logged if slow).
func (l expectedErrors) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if duplicateKey(err) {
		err = nil
	}
	quiet := err == nil || errors.Is(err, gorm.ErrRecordNotFound)
	if l.level < logger.Info && quiet && time.Since(begin) <= l.slow {
		return
	}
	l.Interface.Trace(ctx, begin, fc, err)
}

// duplicateKey recognises a unique-key clash on either dialect, translated
// or not.
func duplicateKey(err error) bool {
	var me *mysql.MySQLError
	return err != nil && (errors.Is(err, gorm.ErrDuplicatedKey) || errors.As(err, &me) && me.Number == 1062 ||
		strings.Contains(err.Error(), "UNIQUE constraint failed"))
}
