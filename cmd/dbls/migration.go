package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dbls/dbls/diff/migration"
)

// migrationFlags are dbls diff's --format migration options.
type migrationFlags struct {
	format, dir, name, layout string
}

func (m *migrationFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&m.format, "format", "text", "text, json, or migration (write the plan as the next migration file in --dir)")
	fl.StringVar(&m.dir, "dir", "", "--format migration: the migration directory")
	fl.StringVar(&m.name, "name", "", "--format migration: the migration's name in its file names (default dbls)")
	fl.StringVar(&m.layout, "layout", "", "--format migration: golang-migrate, flyway, atlas or plain (default: detected from the files in --dir)")
}

// check validates the flags before anything is compared.
func (m *migrationFlags) check(f *diffFlags) error {
	switch m.format {
	case "text", "":
	case "json":
		f.asJSON = true
	case "migration":
		if m.dir == "" {
			return errors.New("--format migration needs --dir")
		}
		if _, err := migration.ParseLayout(m.layout); err != nil {
			return err
		}
		return nil
	default:
		return fmt.Errorf("unknown --format %q (text, json or migration)", m.format)
	}
	if m.dir != "" || m.name != "" || m.layout != "" {
		return errors.New("--dir, --name and --layout go with --format migration")
	}
	return nil
}

// writeMigration writes the comparison's plan as the next migration of
// the directory, with the reverse plan as its down migration where the
// layout has one, and says what it wrote.
func (s *session) writeMigration(cmd *cobra.Command, source, target string, f diffFlags, m migrationFlags) error {
	ctx := cmd.Context()
	cmp, err := s.plan(ctx, source, target, f)
	if err != nil {
		return err
	}
	layout, _ := migration.ParseLayout(m.layout)
	down, err := cmp.Reverse(ctx)
	if err != nil {
		return fmt.Errorf("down migration: %w", err)
	}
	res, err := migration.Write(migration.Request{Dir: m.dir, Name: m.name, Layout: layout, Up: cmp.Plan, Down: down, Driver: cmp.TargetDriver})
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	if res.Statements == 0 {
		fmt.Fprintf(out, "-- nothing to migrate: the plan selects no change (%d item(s) not selected); no file written\n", len(cmp.Plan.Items))
		return nil
	}
	fmt.Fprintf(out, "-- wrote %s migration %s (%d statement(s)):\n", res.Layout, res.Version, res.Statements)
	for _, p := range res.Files {
		fmt.Fprintf(out, "%s\n", p)
	}
	if len(res.Irreversible) > 0 {
		fmt.Fprintf(out, "-- the down migration cannot undo:\n-- %s\n", strings.Join(res.Irreversible, "\n-- "))
	}
	return nil
}
