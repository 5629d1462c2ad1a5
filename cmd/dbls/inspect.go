package main

import (
	"fmt"
	"io"
	"maps"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

func newInspectCmd(a *app) *cobra.Command {
	var (
		asJSON  bool
		schemas []string
	)
	cmd := &cobra.Command{
		Use:   "inspect CONN",
		Short: "Read a database's whole catalog (the snapshot)",
		Long: `Read every schema, table, column, key, index, constraint, view, routine and
trigger of CONN. With --json, print the snapshot in its stable JSON form
(docs/snapshot-json.md), which the language server can also load as a
connection ("snapshot:FILE.json").`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			conn, _, done, err := openConn(cmd, args[0])
			if err != nil {
				return err
			}
			defer done()
			// Reading a catalog makes garbage faster than snapshot data (the
			// MySQL driver boxes every value it returns: 600 MB for the
			// columns of 100,000 tables, against a 580 MB snapshot); with
			// the default GOGC the heap would reach 1.6 times the snapshot.
			// This costs about 1 s of CPU at 100,000 tables.
			defer debug.SetGCPercent(debug.SetGCPercent(50))
			snap, err := conn.Snapshot(cmd.Context(), drivers.Filter{Schemas: schemas})
			if err != nil {
				return err
			}
			// Metadata hooks (row estimates, …) enrich what the catalog says.
			if err := a.plugins.Enrich(cmd.Context(), conn, snap); err != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "dbls: warning:", err)
			}
			if asJSON {
				// The snapshot is ours: normalized in place (hooks may have
				// touched it) and written without a copy.
				snap.Normalize()
				// Writing it makes garbage as large as the JSON (hundreds of
				// MB at 100,000 tables) while the snapshot stays live; with
				// the default GOGC the heap would double before collecting.
				defer debug.SetGCPercent(debug.SetGCPercent(20))
				return schema.EncodeNormal(cmd.OutOrStdout(), snap)
			}
			return printSnapshot(cmd.OutOrStdout(), snap)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the snapshot as JSON")
	cmd.Flags().StringSliceVar(&schemas, "schema", nil, "only these schemas (repeatable or comma-separated)")
	return cmd
}

// printSnapshot renders a snapshot for people: one block per table.
func printSnapshot(w io.Writer, s *schema.Snapshot) error {
	fmt.Fprintf(w, "%s %s  %s\n", s.Driver, s.ServerVersion, s.Database)
	for _, sc := range s.Schemas {
		fmt.Fprintf(w, "\nschema %s: %s, %s, %s, %s\n", sc.Name, count(len(sc.Tables), "table"),
			count(len(sc.Views), "view"), count(len(sc.Routines), "routine"), count(len(sc.Triggers), "trigger"))
		for _, t := range sc.Tables {
			printTable(w, t)
		}
		for _, v := range sc.Views {
			kind := "view"
			if v.Materialized {
				kind = "materialized view"
			}
			fmt.Fprintf(w, "\n  %s %s (%s)\n    AS %s\n", kind, v.Name, columnNames(v.Columns), oneLine(v.Definition))
		}
		for _, r := range sc.Routines {
			ret := ""
			if r.Returns != "" {
				ret = " → " + r.Returns
			}
			fmt.Fprintf(w, "\n  %s %s%s\n", r.Kind, r.Signature(), ret)
		}
		for _, tr := range sc.Triggers {
			fmt.Fprintf(w, "\n  trigger %s %s %s ON %s\n", tr.Name, tr.Timing, strings.Join(tr.Events, " OR "), tr.Table)
		}
	}
	return nil
}

func printTable(w io.Writer, t schema.Table) {
	fmt.Fprintf(w, "\n  table %s", t.Name)
	for _, k := range slices.Sorted(maps.Keys(t.Options)) {
		fmt.Fprintf(w, "  [%s=%s]", k, t.Options[k])
	}
	if t.Comment != "" {
		fmt.Fprintf(w, "  -- %s", oneLine(t.Comment))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range t.Columns {
		fmt.Fprintf(tw, "    %s\t%s\t%s\n", c.Name, c.Type, columnNotes(t, c))
	}
	tw.Flush()
	if t.PrimaryKey != nil {
		fmt.Fprintf(w, "    primary key (%s)\n", strings.Join(t.PrimaryKey.Columns, ", "))
	}
	for _, u := range t.Uniques {
		fmt.Fprintf(w, "    unique %s(%s)\n", nameOrEmpty(u.Name), strings.Join(u.Columns, ", "))
	}
	for _, ix := range t.Indexes {
		fmt.Fprintf(w, "    %s %s (%s)%s\n", indexKind(ix), ix.Name, indexParts(ix), where(ix.Where))
	}
	for _, fk := range t.ForeignKeys {
		fmt.Fprintf(w, "    foreign key %s(%s) → %s(%s) on delete %s\n", nameOrEmpty(fk.Name),
			strings.Join(fk.Columns, ", "), fk.RefTable, strings.Join(fk.RefColumns, ", "), strings.ToLower(fk.OnDelete))
	}
	for _, ck := range t.Checks {
		fmt.Fprintf(w, "    check %s(%s)\n", nameOrEmpty(ck.Name), oneLine(ck.Expr))
	}
}

func columnNotes(t schema.Table, c schema.Column) string {
	var notes []string
	if !c.Nullable {
		notes = append(notes, "not null")
	}
	if c.Default != nil {
		notes = append(notes, "default "+*c.Default)
	}
	if c.OnUpdate != "" {
		notes = append(notes, "on update "+c.OnUpdate)
	}
	if c.AutoIncrement {
		notes = append(notes, "auto increment")
	}
	if c.Identity != "" {
		notes = append(notes, "identity "+c.Identity)
	}
	if c.Generated != nil {
		g := "generated as (" + c.Generated.Expr + ")"
		if c.Generated.Stored {
			g += " stored"
		}
		notes = append(notes, g)
	}
	if c.Collation != "" {
		notes = append(notes, "collate "+c.Collation)
	}
	if c.Comment != "" {
		notes = append(notes, "-- "+oneLine(c.Comment))
	}
	return strings.Join(notes, ", ")
}

func indexKind(ix schema.Index) string {
	k := "index"
	if ix.Unique {
		k = "unique index"
	}
	if ix.Method != "" {
		k += " using " + ix.Method
	}
	return k
}

func indexParts(ix schema.Index) string {
	parts := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		parts[i] = c.Name
		if c.Expr != "" {
			parts[i] = c.Expr
		}
		if c.Length > 0 {
			parts[i] += fmt.Sprintf("(%d)", c.Length)
		}
		if c.Desc {
			parts[i] += " desc"
		}
	}
	return strings.Join(parts, ", ")
}

func where(w string) string {
	if w == "" {
		return ""
	}
	return " where " + oneLine(w)
}

func nameOrEmpty(n string) string {
	if n == "" {
		return ""
	}
	return n + " "
}

func columnNames(cols []schema.Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
