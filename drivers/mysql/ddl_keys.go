package mysql

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// Two InnoDB rules make keys special, and the renderer keeps both whatever
// order the plan runs in:
//
//   - An AUTO_INCREMENT column must lead some key. AUTO_INCREMENT is written
//     only where such a key is certain to exist: in CREATE TABLE when the
//     primary key or a unique key leads with the column; in MODIFY when a
//     key leading with it exists on both sides (so the plan keeps it). Every
//     change that adds a key leading with an AUTO_INCREMENT column of the
//     source restates that column with AUTO_INCREMENT in the same statement,
//     and every change that drops the last such key of the target restates
//     the column without it first. A new AUTO_INCREMENT column gets its
//     primary or unique key in its own ADD COLUMN, so existing rows are
//     numbered.
//
//   - A foreign key needs an index leading with its columns. InnoDB creates
//     one, named after the constraint, when there is none, and drops it by
//     itself when a better one is added. The normalizer hides that implicit
//     index (see ddl_normalize.go); dropping the foreign key drops it too,
//     and dropping the last index a kept foreign key relies on re-creates
//     the foreign key so that InnoDB supplies the implicit index again.

// key is one index-backed key of a table: the primary key, a unique
// constraint or an index. cols are the leading whole, plain columns (the
// part usable by a foreign key or an AUTO_INCREMENT column).
type key struct {
	primary bool
	name    string
	cols    []string
	all     string // the full definition, to tell equal keys
}

// keyRef names a key to drop.
type keyRef struct {
	primary bool
	name    string
}

func (k key) is(ref keyRef) bool {
	if ref.primary || k.primary {
		return ref.primary == k.primary
	}
	return strings.EqualFold(k.name, ref.name)
}

// keysOf lists t's keys (nil t: none).
func keysOf(t *schema.Table) []key {
	if t == nil {
		return nil
	}
	var out []key
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 {
		out = append(out, key{primary: true, cols: pk.Columns, all: "PK" + lowerJoin(pk.Columns)})
	}
	for _, u := range t.Uniques {
		out = append(out, key{name: u.Name, cols: u.Columns, all: "U" + lowerJoin(u.Columns)})
	}
	for i := range t.Indexes {
		ix := &t.Indexes[i]
		if ix.Method == "fulltext" || ix.Method == "spatial" {
			continue
		}
		var cols []string
		for _, p := range ix.Columns {
			if p.Name == "" || p.Length > 0 {
				break
			}
			cols = append(cols, p.Name)
		}
		out = append(out, key{name: ix.Name, cols: cols, all: "I" + strings.ToLower(indexDef(ix))})
	}
	return out
}

func lowerJoin(cols []string) string {
	return strings.ToLower(strings.Join(cols, "\x00"))
}

// leads reports whether k's leading columns are cols, in order.
func (k key) leads(cols []string) bool {
	if len(cols) == 0 || len(k.cols) < len(cols) {
		return false
	}
	for i, c := range cols {
		if !strings.EqualFold(k.cols[i], c) {
			return false
		}
	}
	return true
}

// keyedInline reports whether CREATE TABLE gives column col a key of its
// own (primary or unique key leading with it).
func keyedInline(t *schema.Table, col string) bool {
	for _, k := range keysOf(t) {
		if (k.primary || k.all[0] == 'U') && k.leads([]string{col}) {
			return true
		}
	}
	return false
}

// autoIncrementKept reports whether MODIFY may write AUTO_INCREMENT for
// col: a key leading with it exists in the target and the source alike.
// Without context, it trusts the column.
func (r renderer) autoIncrementKept(col *schema.Column) bool {
	if !col.AutoIncrement {
		return false
	}
	if r.current == nil || r.desired == nil {
		return true
	}
	src := keysOf(r.desired)
	for _, k := range keysOf(r.current) {
		if !k.leads([]string{col.Name}) {
			continue
		}
		for _, s := range src {
			if s.all == k.all && (k.primary || strings.EqualFold(s.name, k.name)) {
				return true
			}
		}
	}
	return false
}

// restoreAutoIncrement is the MODIFY that a change adding a key leading
// with column lead appends when the source makes that column
// AUTO_INCREMENT.
func (r renderer) restoreAutoIncrement(lead string) []string {
	col := findColumn(r.desired, lead)
	if col == nil || !col.AutoIncrement || col.Generated != nil {
		return nil
	}
	return []string{r.modifySpec(col, true)}
}

// modifySpec restates a source column, renaming it when the target spells
// its name in another case.
func (r renderer) modifySpec(col *schema.Column, autoIncrement bool) string {
	def := columnDef(col, r.desired, autoIncrement)
	if old := findColumn(r.current, col.Name); old != nil && old.Name != col.Name {
		return "CHANGE COLUMN " + q(old.Name) + " " + def
	}
	return "MODIFY COLUMN " + def
}

// newColumnKey is the key clause a new AUTO_INCREMENT column is added with:
// the source's primary key, or else a unique key, that leads with it and
// whose other columns the target already has.
func (r renderer) newColumnKey(col string) string {
	t := r.desired
	if t == nil || r.current == nil {
		return ""
	}
	ready := func(cols []string) bool {
		for _, c := range cols[1:] {
			if findColumn(r.current, c) == nil {
				return false
			}
		}
		return true
	}
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) > 0 && strings.EqualFold(pk.Columns[0], col) && ready(pk.Columns) {
		return "ADD PRIMARY KEY " + columnList(pk.Columns)
	}
	for _, u := range t.Uniques {
		if len(u.Columns) > 0 && strings.EqualFold(u.Columns[0], col) && ready(u.Columns) {
			return "ADD " + uniqueDef(u)
		}
	}
	return ""
}

// keyAddedWithColumn reports whether the primary or unique key with these
// columns, whose own clause is add, is added by the ADD COLUMN of its new
// AUTO_INCREMENT column (see newColumnKey), so that its own change has
// nothing left to do.
func (r renderer) keyAddedWithColumn(cols []string, add string) bool {
	if len(cols) == 0 || r.current == nil || findColumn(r.current, cols[0]) != nil {
		return false
	}
	col := findColumn(r.desired, cols[0])
	if col == nil || !col.AutoIncrement {
		return false
	}
	return r.newColumnKey(col.Name) == add
}

// dropKey drops the primary key, a unique key or an index (drop is the
// DROP clause), keeping what depends on it valid:
//
//   - an AUTO_INCREMENT column of the target that no other key leads with
//     loses AUTO_INCREMENT in the same statement (the change that adds its
//     new key gives it back);
//   - a foreign key that both sides keep and that no other key of the
//     target serves is dropped and added again after the key is gone, so
//     that InnoDB creates its implicit index.
func (r renderer) dropKey(ref keyRef, drop string) []string {
	specs := []string{}
	old := r.current
	keys := keysOf(old)
	var dropped *key
	var others []key
	for i := range keys {
		if dropped == nil && keys[i].is(ref) {
			dropped = &keys[i]
		} else {
			others = append(others, keys[i])
		}
	}
	if dropped != nil {
		for _, name := range dropped.cols[:min(1, len(dropped.cols))] {
			col := findColumn(old, name)
			if col == nil || !col.AutoIncrement || anyLeads(others, []string{name}) {
				continue
			}
			if src := findColumn(r.desired, name); src != nil {
				specs = append(specs, r.modifySpec(src, false))
			} else {
				specs = append(specs, "MODIFY COLUMN "+columnDef(col, nil, false))
			}
		}
	}
	specs = append(specs, drop)
	var readd []string
	if dropped != nil && old != nil {
		for i := range old.ForeignKeys {
			fk := &old.ForeignKeys[i]
			if !dropped.leads(fk.Columns) || anyLeads(others, fk.Columns) || !keptForeignKey(r.desired, fk) {
				continue
			}
			specs = append([]string{"DROP FOREIGN KEY " + q(fk.Name)}, specs...)
			readd = append(readd, r.alter("ADD "+r.foreignKey(fk)))
		}
	}
	return append([]string{r.alter(specs...)}, readd...)
}

func anyLeads(keys []key, cols []string) bool {
	for _, k := range keys {
		if k.leads(cols) {
			return true
		}
	}
	return false
}

// keptForeignKey reports whether the source has fk (same name and columns).
func keptForeignKey(src *schema.Table, fk *schema.ForeignKey) bool {
	if src == nil {
		return false
	}
	for _, s := range src.ForeignKeys {
		if strings.EqualFold(s.Name, fk.Name) && lowerJoin(s.Columns) == lowerJoin(fk.Columns) {
			return true
		}
	}
	return false
}

// dropForeignKey drops the constraint and, when no visible key of the
// target serves it, the implicit index InnoDB created for it (named after
// it and hidden by the normalizer), which would otherwise be left behind.
func (r renderer) dropForeignKey(fk *schema.ForeignKey) string {
	specs := []string{"DROP FOREIGN KEY " + q(fk.Name)}
	if old := r.current; old != nil && fk.Name != "" && !anyLeads(keysOf(old), fk.Columns) && !sharedIndex(old, fk) {
		specs = append(specs, "DROP INDEX "+q(fk.Name))
	}
	return r.alter(specs...)
}

// sharedIndex reports whether another foreign key of t on the same columns
// relies on the same implicit index.
func sharedIndex(t *schema.Table, fk *schema.ForeignKey) bool {
	for _, o := range t.ForeignKeys {
		if !strings.EqualFold(o.Name, fk.Name) && lowerJoin(o.Columns) == lowerJoin(fk.Columns) {
			return true
		}
	}
	return false
}
