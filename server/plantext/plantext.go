// Package plantext writes a diff plan for people: one label per item in the
// user's language, and the whole plan as commented SQL. `dbls diff`/`dbls
// sync` print it and the editor's migration preview document is it, so a
// user reads one format everywhere and can paste an item's id from either
// into `dbls sync --item` or the editor's lenses.
//
// The diff engine hands over data (kinds, names, SQL); every phrase comes
// from the i18n catalog, registered here.
package plantext

import (
	"fmt"
	"io"
	"strings"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/server/i18n"
)

// Item is what the printer needs of a plan item, so that the CLI (from a
// diff.Plan) and the server (from its reply to the editor) share it.
type Item struct {
	ID          string
	Label       string
	Changes     []string
	SQL         []string
	Destructive bool
	Selected    bool
	Error       string
	// Hazards are the item's hazard classes (diff.Item.Hazards); NullRows
	// the NULLs a column made NOT NULL holds.
	Hazards  []string
	NullRows int64
}

// Markers of the format; the editor's lenses read them back (see Parse).
const (
	ItemPrefix = "-- item: "
	Checked    = "-- [x] "
	Unchecked  = "-- [ ] "
)

// Label describes a plan item for people, in lang.
func Label(it diff.Item, lang string) string {
	key := "plan.kind." + string(it.Kind)
	format := i18n.T(lang, key)
	if format == key {
		return string(it.Kind) + " " + it.ID
	}
	obj := it.Object
	if obj == "" {
		obj = i18n.T(lang, "plan.unnamed")
	}
	table := it.Table
	if it.Schema != "" && table != "" {
		table = it.Schema + "." + table
	}
	if strings.HasPrefix(string(it.Kind), "view.") {
		obj = it.Schema + "." + it.Object
	}
	return fmt.Sprintf(format, obj, table, it.Schema)
}

// Items turns a plan's items into the printer's, labelled in lang.
func Items(p *diff.Plan, lang string) []Item {
	out := make([]Item, 0, len(p.Items))
	for _, it := range p.Items {
		out = append(out, Item{ID: it.ID, Label: Label(it, lang), Changes: it.Changes, SQL: it.SQL,
			Destructive: it.Destructive, Selected: it.Selected, Error: it.Error, Hazards: it.Hazards, NullRows: it.NullRows})
	}
	return out
}

// Write prints the items and notes as commented SQL: per item a line with
// [x] or [ ], its label, what changes and its flags; a line with its id;
// its SQL, commented out when the item is not selected. With nothing to
// print it says there are no differences.
func Write(w io.Writer, items []Item, notes []string, lang string) error {
	var b strings.Builder
	if len(items)+len(notes) == 0 {
		fmt.Fprintf(&b, "-- %s\n", i18n.T(lang, "plan.none"))
	}
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n")
		}
		writeItem(&b, it, lang)
	}
	if len(items) > 0 && len(notes) > 0 {
		b.WriteString("\n")
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "-- %s\n", i18n.T(lang, "plan.note", n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeItem(b *strings.Builder, it Item, lang string) {
	mark := Checked
	var flags []string
	if it.Destructive {
		flags = append(flags, i18n.T(lang, "plan.destructive"))
	}
	if !it.Selected {
		mark = Unchecked
		flags = append(flags, i18n.T(lang, "plan.notSelected"))
	}
	line := mark + it.Label
	if len(it.Changes) > 0 {
		line += " (" + strings.Join(it.Changes, ", ") + ")"
	}
	if len(flags) > 0 {
		line += " — " + strings.Join(flags, ", ")
	}
	b.WriteString(line + "\n")
	b.WriteString(ItemPrefix + it.ID + "\n")
	writeHazards(b, it, lang)
	if it.Error != "" {
		fmt.Fprintf(b, "-- %s\n", i18n.T(lang, "plan.noSQL", it.Error))
	}
	for _, stmt := range it.SQL {
		if it.Selected {
			fmt.Fprintf(b, "%s;\n", stmt)
		} else {
			fmt.Fprintf(b, "-- %s;\n", strings.ReplaceAll(stmt, "\n", "\n-- "))
		}
	}
}

// Mark is one item of a printed plan as it reads now.
type Mark struct {
	ID      string
	Line    uint32 // zero-based line of the [x]/[ ] mark
	Checked bool
}

// Parse reads the item marks back from a printed plan that a person may
// have edited, so that their own [x]/[ ] marks decide what is applied.
func Parse(text string) []Mark {
	var out []Mark
	var markLine uint32
	checked, haveMark := false, false
	for n, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		switch {
		case strings.HasPrefix(l, Checked), strings.HasPrefix(l, "-- [X] "):
			markLine, checked, haveMark = uint32(n), true, true
		case strings.HasPrefix(l, Unchecked):
			markLine, checked, haveMark = uint32(n), false, true
		case strings.HasPrefix(l, ItemPrefix) && haveMark:
			out = append(out, Mark{ID: strings.TrimSpace(strings.TrimPrefix(l, ItemPrefix)), Line: markLine, Checked: checked})
			haveMark = false
		}
	}
	return out
}
