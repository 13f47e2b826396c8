package db

import "context"

// SessionIsolation reports the isolation level of the connection (or the
// transaction) db runs on.
func (db *DB) SessionIsolation(ctx context.Context) (string, error) {
	var level string
	err := db.with(ctx).Raw("SELECT @@tx_isolation").Scan(&level).Error
	if err != nil {
		err = db.with(ctx).Raw("SELECT @@transaction_isolation").Scan(&level).Error
	}
	return level, err
}
