package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/go-sql-driver/mysql"
)

// readCommitted adds to a MySQL DSN the session variable that puts every
// connection at READ COMMITTED (see InTx for why). Setting it once per
// connection, rather than per transaction, saves each transaction a round
// trip. MySQL 8 knows the variable as transaction_isolation, MariaDB 10.x
// only as tx_isolation, so the server is asked which it has.
func readCommitted(ctx context.Context, dsn string) (string, error) {
	probe, err := sql.Open("mysql", dsn)
	if err != nil {
		return "", err
	}
	return readCommittedOn(ctx, probe, dsn)
}

// readCommittedOn is readCommitted asking the server through probe, which
// it closes.
func readCommittedOn(ctx context.Context, probe *sql.DB, dsn string) (string, error) {
	defer probe.Close()
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	name := "transaction_isolation"
	var level string
	err := probe.QueryRowContext(ctx, "SELECT @@transaction_isolation").Scan(&level)
	var me *mysql.MySQLError
	if errors.As(err, &me) && me.Number == 1193 { // unknown system variable
		name, err = "tx_isolation", nil
	}
	if err != nil {
		return "", fmt.Errorf("open mysql database: %w", err)
	}
	c, err := mysql.ParseDSN(dsn)
	if err != nil {
		return "", err
	}
	c.Params[name] = "'READ-COMMITTED'"
	return c.FormatDSN(), nil
}
