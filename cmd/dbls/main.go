// Command dbls is the database language server and schema-sync tool: the
// CLI subcommands, and `dbls serve`, the language server for editors. Each
// command builds a session (configuration, store, resolver, plugin host) and
// calls the parts below it: drivers through drivers/connect, diff/compare,
// and the server; it holds no logic of its own that an editor would lack.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/spf13/cobra"

	_ "github.com/dbls/dbls/drivers/all"               // built-in drivers register themselves
	_ "github.com/dbls/dbls/server/plugin/explain"     // built-in assist
	_ "github.com/dbls/dbls/server/plugin/rowestimate" // built-in metadata hook
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// exitError carries a specific exit status through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the exit status; tests call it
// directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{}
	root := newRoot(a)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	a.closePlugins()
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "dbls:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// newRoot is the command line of run a, whose plugin host it sets up
// before any command runs.
func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "dbls",
		Short: "Database language server and schema-sync tool",
		Long: `dbls knows your databases: it reads their whole catalog, runs queries,
and (as "dbls serve") gives editors completion, hover and diagnostics.

Connections are URLs:
  postgres://user:pass@host:5432/db?sslmode=require
  mysql://user:pass@host:3306/db        mariadb://…
  sqlite:relative/file.db               sqlite:///abs/file.db`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	addGlobalFlags(root)
	// External drivers join the registry before any command runs, so that
	// inspect, query, diff and serve reach them alike.
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) { a.plugins = loadPlugins(cmd) }
	root.AddCommand(newDriversCmd(), newInspectCmd(a), newQueryCmd(a), newConnCmd(), newDiffCmd(), newSyncCmd(), newServeCmd(a), newCommandCmd(a),
		newPluginsCmd(a), newPluginCmd())
	return root
}
