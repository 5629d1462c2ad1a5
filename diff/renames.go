package diff

import (
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Rename says that a table or column of the source was renamed from a
// name the target still has, so that the plan renames it (rows kept)
// instead of dropping the old one and adding the new. diff never guesses
// renames: they come from the user (a "-- dbls:renamed-from old" hint in
// a source file, or a flag).
type Rename struct {
	// Schema limits the rename to one source schema; empty means any.
	Schema string
	// Table is the source table (its new name); Column, when set, the
	// column's new name: then From is the column's old name, otherwise the
	// table's.
	Table, Column string
	From          string
}

// renamedFrom returns the old name the renames give a source table
// (column == "") or column, or "".
func (d *differ) renamedFrom(table, column string) string {
	for _, r := range d.renames {
		if (r.Schema == "" || r.Schema == d.srcName) && d.e.key("table", r.Table) == d.e.key("table", table) &&
			d.e.key("column", r.Column) == d.e.key("column", column) && (column != "" || r.Column == "") {
			return r.From
		}
	}
	return ""
}

// renamedTable finds the target table a source table was renamed from,
// when the source has no table of that old name itself. It plans the
// rename and returns the target table as it will be after it.
func (d *differ) renamedTable(s *schema.Table, dst map[string]*schema.Table) (*schema.Table, string) {
	from := d.renamedFrom(s.Name, "")
	if from == "" || d.src.Table(from) != nil {
		return nil, ""
	}
	t, ok := dst[d.e.key("table", from)]
	if !ok {
		return nil, ""
	}
	d.add(pending{ch: ddl.RenameTable{Schema: d.dstName, From: t.Name, To: s.Name}, changes: []string{"renamed from " + t.Name},
		source: s.Name, target: t.Name})
	c := *t
	c.Name = s.Name
	return &c, d.e.key("table", from)
}

// renamedColumn finds the target column a source column was renamed from,
// when the source table has no column of that old name. It plans the
// rename and returns the index of the target column.
func (d *differ) renamedColumn(s, t *schema.Table, sc *schema.Column) int {
	from := d.renamedFrom(s.Name, sc.Name)
	if from == "" || s.Column(from) != nil {
		return -1
	}
	for j := range t.Columns {
		if d.e.key("column", t.Columns[j].Name) == d.e.key("column", from) {
			d.add(pending{ch: ddl.RenameColumn{On: d.on(s.Name, s, t), From: t.Columns[j].Name, To: sc.Name},
				object: sc.Name, changes: []string{"renamed from " + t.Columns[j].Name}, source: sc.Name, target: t.Columns[j].Name})
			return j
		}
	}
	return -1
}
