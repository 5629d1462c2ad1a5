package main

import (
	"github.com/spf13/cobra"

	"github.com/dbls/dbls/server"
)

func newServeCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the language server on stdin/stdout",
		Long: `serve runs the dbls language server, speaking LSP (JSON-RPC with
Content-Length framing) on stdin and stdout. Editors start it; nothing but
LSP is written to stdout, and logs go to stderr.

Settings come from the user config, the project's .dbls.toml (found from the
first workspace folder, or given with --config) and the editor's
initializationOptions / workspace/didChangeConfiguration, in that order.
Schema snapshots are cached in the store (--store) so that the server
answers at once, even with the database offline.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			stderr := cmd.ErrOrStderr()
			st := openServerStore(cmd)
			if st != nil {
				defer st.Close()
			}
			return server.Serve(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), server.Options{
				Store:         st,
				ProjectConfig: globals.configFile,
				Log:           stderr,
				Version:       version,
				Plugins:       a.plugins,
			})
		},
	}
}
