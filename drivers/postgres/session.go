package postgres

import (
	"context"
	"fmt"

	"github.com/dbls/dbls/drivers"
)

var _ drivers.Sessioner = (*Conn)(nil)

// Session implements drivers.Sessioner.
func (c *Conn) Session(ctx context.Context) (drivers.Session, error) {
	var s drivers.Session
	var ssl bool
	var version, cipher *string
	err := c.pool.QueryRow(ctx, `SELECT current_setting('server_version'), current_user, current_database(),
			coalesce(s.ssl, false), s.version, s.cipher
		FROM (SELECT 1) one LEFT JOIN pg_stat_ssl s ON s.pid = pg_backend_pid()`).
		Scan(&s.ServerVersion, &s.User, &s.Database, &ssl, &version, &cipher)
	if err != nil {
		return s, fmt.Errorf("postgres: session on %s: %w", c.params.Address(), err)
	}
	if ssl && version != nil && cipher != nil {
		s.TLS = *version + " " + *cipher
	}
	return s, nil
}
