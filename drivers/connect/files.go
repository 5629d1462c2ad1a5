package connect

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// expandHome turns a leading ~/ into the home directory, as users write
// key and certificate paths in config files.
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}

// defaultDropTimeout bounds dropping a scratch database after a load.
const defaultDropTimeout = 30 * time.Second
