package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/dbls/dbls/drivers"
)

// connect opens the connection a command line names: a URL, or a connection
// name (names arrive with the config and saved-connection store).
func connect(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error) {
	if drivers.IsURL(arg) {
		return drivers.Open(ctx, arg)
	}
	msg := fmt.Sprintf("no connection named %q; give a URL such as postgres://user@host/db, mysql://user@host/db or sqlite:file.db", arg)
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		msg += fmt.Sprintf(" (for the file, use sqlite:%s)", arg)
	}
	return nil, drivers.Params{}, fmt.Errorf("%s (registered drivers: %s)", msg, strings.Join(drivers.IDs(), ", "))
}
