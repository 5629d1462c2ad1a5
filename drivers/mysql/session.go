package mysql

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dbls/dbls/drivers"
)

var _ drivers.Sessioner = (*Conn)(nil)

// Session implements drivers.Sessioner. The status variables are per
// session, so both reads run on one connection.
func (c *Conn) Session(ctx context.Context) (drivers.Session, error) {
	var s drivers.Session
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return s, fmt.Errorf("mysql: session on %s: %w", c.params.Address(), err)
	}
	defer conn.Close()
	var db sql.NullString
	if err := conn.QueryRowContext(ctx, "SELECT VERSION(), CURRENT_USER(), DATABASE()").Scan(&s.ServerVersion, &s.User, &db); err != nil {
		return s, fmt.Errorf("mysql: session on %s: %w", c.params.Address(), err)
	}
	s.Database = db.String
	var name, version, cipher string
	if err := conn.QueryRowContext(ctx, "SHOW SESSION STATUS LIKE 'Ssl_version'").Scan(&name, &version); err != nil && err != sql.ErrNoRows {
		return s, fmt.Errorf("mysql: session on %s: %w", c.params.Address(), err)
	}
	if err := conn.QueryRowContext(ctx, "SHOW SESSION STATUS LIKE 'Ssl_cipher'").Scan(&name, &cipher); err != nil && err != sql.ErrNoRows {
		return s, fmt.Errorf("mysql: session on %s: %w", c.params.Address(), err)
	}
	if version != "" {
		s.TLS = version + " " + cipher
	}
	return s, nil
}
