package connect

import (
	"time"

	"github.com/dbls/dbls/drivers/connect/dirs"
)

// expandHome reads a path of a connection's config by dirs.ExpandHome.
// Without a home directory the path stays as written, and opening it says
// what is missing.
func expandHome(p string) string {
	p, _ = dirs.ExpandHome(p)
	return p
}

// defaultDropTimeout bounds dropping a scratch database after a load.
const defaultDropTimeout = 30 * time.Second
