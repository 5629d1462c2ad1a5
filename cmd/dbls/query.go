package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin/export"
)

func newQueryCmd(a *app) *cobra.Command {
	var (
		limit, page int
		format      string
		file        string
	)
	cmd := &cobra.Command{
		Use:   "query CONN [SQL]",
		Short: "Run SQL and print the result",
		Long: `Run SQL on CONN and print the result, one page at a time. The SQL is sent as
written: paging never rewrites it. The SQL comes from the argument, from
--file, or from standard input when it is "-". A script of several
statements runs whole where the driver allows it; its last result is shown.

Formats: table (default), csv, json, markdown. --limit 0 prints every row.
Ctrl-C cancels the statement on the server.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			w, err := export.Lookup(a.plugins, format)
			if err != nil {
				return err
			}
			sql, err := readSQL(cmd.InOrStdin(), args[1:], file)
			if err != nil {
				return err
			}
			if limit < 0 || page < 1 {
				return fmt.Errorf("--limit must be ≥ 0 and --page ≥ 1")
			}
			conn, p, done, err := openConn(cmd, args[0])
			if err != nil {
				return err
			}
			defer done()
			q, ok := conn.(drivers.Querier)
			if !ok {
				return fmt.Errorf("driver %s cannot run queries: %w", p.Driver, drivers.ErrUnsupported)
			}
			res, err := q.Query(cmd.Context(), drivers.Request{SQL: sql, Limit: limit, Page: page})
			if err != nil {
				return err
			}
			if err := w(cmd.OutOrStdout(), res); err != nil {
				return err
			}
			if res.HasMore && format != "table" {
				fmt.Fprintf(cmd.ErrOrStderr(), "dbls: page %d holds %d rows; more exist (--page %d, or --limit 0 for all)\n",
					res.Page, len(res.Rows), res.Page+1)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 100, "rows per page (0: all)")
	cmd.Flags().IntVar(&page, "page", 1, "page to show, from 1")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, csv, json or markdown")
	cmd.Flags().StringVarP(&file, "file", "f", "", "read the SQL from this file")
	return cmd
}

func readSQL(stdin io.Reader, args []string, file string) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", fmt.Errorf("give the SQL either as an argument or with --file, not both")
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("read SQL: %w", err)
		}
		return string(b), nil
	case len(args) == 0:
		return "", fmt.Errorf("no SQL given (an argument, --file F, or - for standard input)")
	case args[0] == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", fmt.Errorf("read SQL from standard input: %w", err)
		}
		return string(b), nil
	}
	return args[0], nil
}
