package diff

import (
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// keyDependents keeps foreign keys valid while the key they reference is
// replaced. A foreign key needs a key of the table it references:
// PostgreSQL records a dependency on the unique index it chose and refuses
// to drop it; InnoDB refuses to drop the last index leading with the
// referenced columns. When the plan drops such a key (a primary key moved
// to another column, a unique key changed) and keeps the foreign key, the
// foreign key is dropped before the key and added back after the new keys
// exist: a replacement, not destructive. Engines whose foreign keys are
// part of the table (SQLite) need no index and are left alone.
func keyDependents(e engine, ps []pending, src, dst []*schema.Schema) []pending {
	if e.inline {
		return ps
	}
	type droppedKey struct {
		cols   []string
		unique bool
	}
	dropped := map[string][]droppedKey{} // schema, table key → keys the plan drops
	gone := map[string]bool{}            // schema, table key, key name: dropped keys by name
	handled := map[string]bool{}         // schema, table key, fk name key: already dropped or added
	goneTables := map[string]bool{}
	tableKey := func(sc, table string) string { return sc + "\x00" + e.key("table", table) }
	drop := func(c ddl.On, name string, k droppedKey) {
		dropped[tableKey(c.Schema, c.Table)] = append(dropped[tableKey(c.Schema, c.Table)], k)
		gone[tableKey(c.Schema, c.Table)+"\x00"+name] = true
	}
	for _, p := range ps {
		switch c := p.ch.(type) {
		case ddl.DropPrimaryKey:
			drop(c.On, "\x00pk", droppedKey{c.PrimaryKey.Columns, true})
		case ddl.DropUnique:
			drop(c.On, e.key("constraint", c.Unique.Name), droppedKey{c.Unique.Columns, true})
		case ddl.DropIndex:
			drop(c.On, e.key("index", c.Index.Name), droppedKey{indexColumns(c.Index), c.Index.Unique})
		case ddl.DropForeignKey:
			handled[tableKey(c.Schema, c.Table)+"\x00"+e.key("constraint", c.ForeignKey.Name)] = true
		case ddl.AddForeignKey:
			handled[tableKey(c.Schema, c.Table)+"\x00"+e.key("constraint", c.ForeignKey.Name)] = true
		case ddl.DropTable:
			goneTables[tableKey(c.Schema, c.Table.Name)] = true
		case ddl.RebuildTable:
			goneTables[tableKey(c.Schema, c.Table)] = true
		}
	}
	// kept reports whether the referenced table keeps another key leading
	// with ref: then a plain index going away leaves the foreign key served
	// (a unique key may be the very one PostgreSQL recorded, so its drop
	// always counts).
	kept := func(refSchema, table string, ref []string) bool {
		var rt *schema.Table
		for _, s := range dst {
			if s.Name == refSchema {
				rt = findTable(e, s, table)
			}
		}
		if rt == nil {
			return false
		}
		k := tableKey(refSchema, table) + "\x00"
		if rt.PrimaryKey != nil && !gone[k+"\x00pk"] && leads(e, rt.PrimaryKey.Columns, ref) {
			return true
		}
		for _, u := range rt.Uniques {
			if !gone[k+e.key("constraint", u.Name)] && leads(e, u.Columns, ref) {
				return true
			}
		}
		for _, ix := range rt.Indexes {
			if !gone[k+e.key("index", ix.Name)] && leads(e, indexColumns(ix), ref) {
				return true
			}
		}
		return false
	}
	needs := func(refSchema string, fk *schema.ForeignKey) bool {
		for _, d := range dropped[tableKey(refSchema, fk.RefTable)] {
			if leads(e, d.cols, fk.RefColumns) && (d.unique || !kept(refSchema, fk.RefTable, fk.RefColumns)) {
				return true
			}
		}
		return false
	}
	if len(dropped) == 0 {
		return ps
	}
	for i, sc := range dst {
		for ti := range sc.Tables {
			tb := &sc.Tables[ti]
			if goneTables[tableKey(sc.Name, tb.Name)] {
				continue
			}
			for fi := range tb.ForeignKeys {
				fk := &tb.ForeignKeys[fi]
				refSchema := fk.RefSchema
				if refSchema == "" {
					refSchema = sc.Name
				}
				if fk.Name == "" || handled[tableKey(sc.Name, tb.Name)+"\x00"+e.key("constraint", fk.Name)] || !needs(refSchema, fk) {
					continue
				}
				on := ddl.On{Schema: sc.Name, Table: tb.Name, Desired: findTable(e, src[i], tb.Name), Current: tb}
				if on.Desired == nil {
					on.Desired = tb
				}
				why := []string{"references a key that is replaced"}
				ps = append(ps,
					pending{ch: ddl.DropForeignKey{On: on, ForeignKey: *fk}, object: fk.Name, changes: why, target: fk},
					pending{ch: ddl.AddForeignKey{On: on, ForeignKey: *fk}, object: fk.Name, changes: why, source: fk, target: fk})
			}
		}
	}
	return ps
}

// leads reports whether a key on cols serves a foreign key referencing
// ref: its leading columns are ref's.
func leads(e engine, cols, ref []string) bool {
	return len(ref) > 0 && len(cols) >= len(ref) && equalKeys(e, cols[:len(ref)], ref)
}

// indexColumns lists an index's plain columns up to its first expression.
func indexColumns(ix schema.Index) []string {
	var out []string
	for _, c := range ix.Columns {
		if c.Name == "" {
			break
		}
		out = append(out, c.Name)
	}
	return out
}

func findTable(e engine, sc *schema.Schema, name string) *schema.Table {
	if sc == nil {
		return nil
	}
	for i := range sc.Tables {
		if e.key("table", sc.Tables[i].Name) == e.key("table", name) {
			return &sc.Tables[i]
		}
	}
	return nil
}
