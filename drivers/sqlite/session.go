package sqlite

import (
	"context"
	"fmt"

	"github.com/dbls/dbls/drivers"
)

var _ drivers.Sessioner = (*Conn)(nil)

// Session implements drivers.Sessioner: a local file has no user or TLS.
func (c *Conn) Session(ctx context.Context) (drivers.Session, error) {
	s := drivers.Session{Database: c.path}
	if err := c.db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&s.ServerVersion); err != nil {
		return s, fmt.Errorf("sqlite %s: %w", c.path, err)
	}
	return s, nil
}
