package db

import (
	"errors"

	"gorm.io/gorm"

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
