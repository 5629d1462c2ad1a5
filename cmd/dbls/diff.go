package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/server/plantext"
)

// diffFlags are shared by diff and sync.
type diffFlags struct {
	schemas          []string
	allowDestructive bool
	dev              string
	lang             string
	asJSON           bool
	online, backfill bool
	hazards          []string
	renames          []string
	timeouts         ddl.Timeouts
}

func (f *diffFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringSliceVar(&f.schemas, "schema", nil, "only these source schemas (repeatable)")
	fl.BoolVar(&f.allowDestructive, "allow-destructive", false, "select items that can lose data (drops, narrowing types)")
	fl.StringVar(&f.dev, "dev", "", "a server of the target's engine where a .sql SOURCE is loaded into a temporary database")
	fl.StringVar(&f.lang, "lang", "", "label language: en or zh-CN (default: from the locale)")
	fl.BoolVar(&f.asJSON, "json", false, "print the plan as JSON")
	fl.BoolVar(&f.online, "online", false, "online-safe DDL where the engine has it (PostgreSQL: CREATE INDEX CONCURRENTLY, constraints NOT VALID then VALIDATE)")
	fl.BoolVar(&f.backfill, "backfill", false, "fill the NULLs of a column made NOT NULL from its new default first")
	fl.StringSliceVar(&f.hazards, "hazards", nil, "apply only if every selected item's hazards are in this list (deletes_data, rewrites_table, access_exclusive_lock, breaks_dependants, index_build, existing_nulls)")
	fl.StringArrayVar(&f.renames, "rename", nil, "a rename to plan instead of drop+add: OLD=NEW (table) or TABLE.OLD=NEW (column; repeatable)")
	fl.DurationVar(&f.timeouts.Lock, "lock-timeout", 0, "PostgreSQL lock_timeout for the apply session (e.g. 5s)")
	fl.DurationVar(&f.timeouts.Statement, "statement-timeout", 0, "PostgreSQL statement_timeout for the apply session")
}

func newDiffCmd() *cobra.Command {
	var f diffFlags
	var m migrationFlags
	var exitCode bool
	cmd := &cobra.Command{
		Use:   "diff SOURCE TARGET",
		Short: "Show the SQL that makes TARGET's structure match SOURCE's",
		Long: `Compare SOURCE with TARGET and print every structural difference with the SQL,
in TARGET's dialect, that resolves it. Nothing is changed.

SOURCE and TARGET are connections (URLs or names). SOURCE may also be a
schema kept as code: a .sql file (loaded into in-memory SQLite for a SQLite
target, or into a temporary database on the --dev server) or a .json
snapshot (dbls inspect --json).

Destructive items (dropping tables or columns, narrowing types) are shown but
not selected unless --allow-destructive. With --exit-code the status is 2
when the structures differ and 0 when they are equal.

SOURCE and TARGET may be of different engines (MySQL/MariaDB, PostgreSQL,
SQLite): the source is translated by the mapping of docs/cross-engine.md, and
what has no mapping is listed as notes.

--format migration --dir DIR writes the selected items as the next migration
of DIR instead of printing them (see docs/usage.md, "Migrations as files").`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := m.check(&f); err != nil {
				return err
			}
			sess, err := newSession(cmd)
			if err != nil {
				return err
			}
			defer sess.Close()
			if m.format == "migration" {
				return sess.writeMigration(cmd, args[0], args[1], f, m)
			}
			cmp, err := sess.plan(cmd.Context(), args[0], args[1], f)
			if err != nil {
				return err
			}
			if err := printPlan(cmd.OutOrStdout(), cmp.Plan, f); err != nil {
				return err
			}
			if exitCode && !cmp.Plan.Empty() {
				return &exitError{code: 2, err: errors.New("the structures differ")}
			}
			return nil
		},
	}
	f.register(cmd)
	m.register(cmd)
	cmd.Flags().BoolVar(&exitCode, "exit-code", false, "exit 2 when the structures differ, 0 when equal")
	return cmd
}

func newSyncCmd() *cobra.Command {
	var f diffFlags
	var dryRun, yes bool
	var items []string
	cmd := &cobra.Command{
		Use:   "sync SOURCE TARGET",
		Short: "Change TARGET's structure to match SOURCE's",
		Long: `Compute the plan that "dbls diff" shows and apply its selected items to TARGET:
in one transaction on PostgreSQL and SQLite (all or nothing), statement by
statement on MySQL/MariaDB (whose DDL commits implicitly, so nothing is rolled
back), stopping at the first failure and reporting exactly which statements
ran. After applying, TARGET is compared again to confirm it converged.

If the connection is lost after a statement or the COMMIT was sent and before
the server answered, sync says the outcome was unknown, reconnects, reads
TARGET again and reports what took effect and what remains.

--item ID (repeatable; ids as "dbls diff --json" shows them) applies exactly
those items, and the items they require (the creation of their table …),
instead of the selected ones; a destructive one needs --allow-destructive.

--dry-run prints the plan and changes nothing. Without --yes, sync asks
before changing anything, and refuses when standard input is not a terminal.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSync(cmd, args[0], args[1], f, items, dryRun, yes)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the plan; change nothing")
	cmd.Flags().BoolVar(&yes, "yes", false, "apply without asking")
	cmd.Flags().StringArrayVar(&items, "item", nil, "apply only this item id (repeatable)")
	return cmd
}

// plan compares source with target through package compare; the
// comparison is closed with the session.
func (s *session) plan(ctx context.Context, source, target string, f diffFlags) (*compare.Comparison, error) {
	args := [][2]string{{"target", target}, {"--dev", f.dev}}
	if !connect.IsSchemaFile(source) {
		args = append(args, [2]string{"source", source})
	}
	for _, a := range args {
		if a[1] == "" {
			continue
		}
		if err := s.check(ctx, a[1]); err != nil {
			return nil, fmt.Errorf("%s: %w", a[0], err)
		}
	}
	var renames []diff.Rename
	for _, r := range f.renames {
		rn, err := compare.ParseRename(r)
		if err != nil {
			return nil, err
		}
		renames = append(renames, rn)
	}
	c, err := compare.Run(ctx, s.resolver, compare.Request{Source: source, Target: target, Dev: f.dev, Renames: renames,
		Schemas: f.schemas, AllowDestructive: f.allowDestructive, Online: f.online, Backfill: f.backfill, Timeouts: f.timeouts})
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, c)
	return c, nil
}

func runSync(cmd *cobra.Command, source, target string, f diffFlags, items []string, dryRun, yes bool) error {
	ctx := cmd.Context()
	sess, err := newSession(cmd)
	if err != nil {
		return err
	}
	defer sess.Close()
	cmp, err := sess.plan(ctx, source, target, f)
	if err != nil {
		return err
	}
	plan := cmp.Plan
	if len(items) > 0 {
		if err := compare.Select(plan, items, f.allowDestructive); err != nil {
			return err
		}
	}
	out := cmd.OutOrStdout()
	if err := printPlan(out, plan, f); err != nil {
		return err
	}
	if cmd.Flags().Changed("hazards") {
		if err := compare.CheckHazards(plan, f.hazards); err != nil {
			return err
		}
	}
	stmts := plan.SQL()
	if dryRun || len(stmts) == 0 {
		return nil
	}
	if !yes {
		if err := confirm(cmd, fmt.Sprintf("Apply %d statement(s) to %s?", len(stmts), target)); err != nil {
			return err
		}
	}
	res, err := cmp.Apply(ctx)
	if err != nil {
		return err
	}
	if res.OutcomeUnknown {
		// The connection was lost at the end, and the re-read target shows
		// every statement took effect (cmp.Apply fails otherwise).
		sent := res.Sent
		if sent == "" {
			sent = "the last statement"
		}
		fmt.Fprintf(out, "-- outcome unknown: the connection to the target was lost after %s was sent, before the server answered\n", sent)
		fmt.Fprintf(out, "-- re-read the target: all %d statement(s) took effect\n", res.Applied)
	} else {
		fmt.Fprintf(out, "-- applied %d statement(s)\n", res.Applied)
	}
	again, err := cmp.Again(ctx)
	if err != nil {
		return fmt.Errorf("re-compare after sync: %w", err)
	}
	if len(items) > 0 {
		// Only the chosen items must be gone; others were left on purpose.
		for _, it := range again.Items {
			if slices.Contains(items, it.ID) {
				return fmt.Errorf("%w: %s remains", diff.ErrNotConverged, it.ID)
			}
		}
	} else if len(again.SQL()) > 0 {
		return fmt.Errorf("%w:\n%s", diff.ErrNotConverged, strings.Join(again.SQL(), ";\n"))
	}
	if !again.Empty() {
		fmt.Fprintf(out, "-- %d difference(s) remain unselected or unsupported (see dbls diff)\n", len(again.Items)+len(again.Notes))
	} else {
		fmt.Fprintln(out, "-- the target now matches the source")
	}
	return nil
}

// confirm asks on the terminal; without one it refuses, so that a script
// never changes a database it was not told to change.
func confirm(cmd *cobra.Command, question string) error {
	in := cmd.InOrStdin()
	f, ok := in.(*os.File)
	if !ok || !isTerminal(f) {
		return errors.New("refusing to change the target without --yes (standard input is not a terminal)")
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "%s [y/N] ", question)
	answer, _ := bufio.NewReader(in).ReadString('\n')
	if a := strings.ToLower(strings.TrimSpace(answer)); a != "y" && a != "yes" {
		return errors.New("nothing changed")
	}
	return nil
}

// isTerminal asks the OS (a character device such as /dev/null is not a
// terminal).
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// printPlan writes the plan as commented SQL (the editor's migration
// preview reads the same), or as JSON.
func printPlan(w io.Writer, plan *diff.Plan, f diffFlags) error {
	if f.asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(plan)
	}
	// Info is printed like notes; it does not make the plan non-empty.
	if err := plantext.Write(w, plantext.Items(plan, f.lang), append(slices.Clip(plan.Notes), plan.Info...), f.lang); err != nil {
		return err
	}
	skipped := 0
	for _, it := range plan.Items {
		if !it.Selected {
			skipped++
		}
	}
	if skipped > 0 {
		fmt.Fprintf(w, "-- %d item(s) not selected; --allow-destructive selects destructive ones\n", skipped)
	}
	return nil
}
