package migration

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/diff"
)

// Up renders the plan's selected items as a migration: per item a comment
// with its id, then its statements, each ended by ";". Items not selected
// and the plan's notes follow as comments, so that the file says what it
// leaves out.
func Up(p *diff.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- dbls migration: make %s match %s\n", orUnknown(p.Target), orUnknown(p.Source))
	for _, it := range p.Items {
		if it.Selected {
			writeItem(&b, it)
		}
	}
	writeLeftOut(&b, p)
	return b.String()
}

// Down renders the reverse plan limited to what up does (the reverse plan
// compares whole structures, and up may leave items out), and lists what
// cannot be undone: data that up drops, changes with no reverse item, and
// reverse items the dialect cannot write. A nil reverse gives "".
func Down(up, reverse *diff.Plan) (text string, irreversible []string) {
	if reverse == nil {
		return "", nil
	}
	done := map[string]bool{} // objects up changes, by id without kind
	for _, it := range up.Items {
		if it.Selected {
			done[object(it.ID)] = true
		}
	}
	undone := map[string]bool{}
	var items []diff.Item
	for _, it := range reverse.Items {
		if !done[object(it.ID)] {
			continue
		}
		if it.Error != "" {
			irreversible = append(irreversible, fmt.Sprintf("%s: %s", it.ID, it.Error))
			continue
		}
		undone[object(it.ID)] = true
		items = append(items, it)
	}
	for _, it := range up.Items {
		switch {
		case !it.Selected:
		case !undone[object(it.ID)]:
			irreversible = append(irreversible, it.ID+": no reverse change")
		case it.Destructive:
			irreversible = append(irreversible, it.ID+": the down migration restores the structure, not the data")
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- dbls down migration: undo the migration that makes %s match %s\n", orUnknown(up.Target), orUnknown(up.Source))
	for _, s := range irreversible {
		fmt.Fprintf(&b, "-- cannot be undone: %s\n", s)
	}
	for _, it := range items {
		writeItem(&b, it)
	}
	return b.String(), irreversible
}

func writeItem(b *strings.Builder, it diff.Item) {
	fmt.Fprintf(b, "\n-- item: %s\n", it.ID)
	for _, stmt := range it.SQL {
		fmt.Fprintf(b, "%s;\n", stmt)
	}
}

func writeLeftOut(b *strings.Builder, p *diff.Plan) {
	first := true
	for _, it := range p.Items {
		if it.Selected {
			continue
		}
		if first {
			b.WriteString("\n-- left out of this migration:\n")
			first = false
		}
		why := "not selected"
		if it.Error != "" {
			why = it.Error
		} else if it.Destructive {
			why = "destructive, not selected"
		}
		fmt.Fprintf(b, "-- item: %s (%s)\n", it.ID, why)
		for _, stmt := range it.SQL {
			fmt.Fprintf(b, "--   %s;\n", strings.ReplaceAll(stmt, "\n", "\n--   "))
		}
	}
	for _, n := range p.Notes {
		fmt.Fprintf(b, "-- note: %s\n", strings.ReplaceAll(n, "\n", " "))
	}
}

// object is an item id without its kind: "column.add:s.t.c" and
// "column.drop:s.t.c" are about the same object.
func object(id string) string {
	_, o, _ := strings.Cut(id, ":")
	return o
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

// guard is what a migration of an engine must run around the plan's
// statements, as that engine's ddl.Applier does when dbls sync applies
// them.
type guard struct{ note, before, after string }

// guards by driver ID. SQLite: a table rebuild drops and renames tables
// that others reference, which with foreign keys enforced would run their
// ON DELETE actions; the pragma only takes effect outside a transaction.
var guards = map[string]guard{
	"sqlite": {
		note: "-- SQLite: foreign keys are not enforced while tables are rebuilt, as dbls sync does; the pragma\n" +
			"-- only takes effect outside a transaction (golang-migrate: x-no-tx-wrap=true).\n",
		before: "PRAGMA foreign_keys = OFF;\n",
		after:  "\nPRAGMA foreign_key_check;\nPRAGMA foreign_keys = ON;\n",
	},
}

// wrap puts the guard around a migration's text, after its first line.
func (g guard) wrap(text string) string {
	if g.before == "" || text == "" {
		return text
	}
	first, rest, _ := strings.Cut(text, "\n")
	return first + "\n" + g.note + g.before + rest + g.after
}
