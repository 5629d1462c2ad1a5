package mysql

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// The driver renders every change kind except table.rebuild: MySQL alters
// tables in place. See ddl_keys.go for the rules that keep AUTO_INCREMENT
// columns and foreign keys supplied with an index whatever the order of the
// plan, and ddl_normalize.go for the comparison rules.
var (
	_ ddl.Renderer   = Driver{}
	_ ddl.Normalizer = Driver{}
	_ ddl.Namer      = Driver{}
	_ ddl.Applier    = (*Conn)(nil)
)

// InlineForeignKeys is false: foreign keys are added with ALTER TABLE once
// every table exists.
func (Driver) InlineForeignKeys() bool { return false }

// Render writes one change as MySQL/MariaDB statements. Every identifier is
// quoted with backticks and qualified with the change's (target) schema.
func (d Driver) Render(c ddl.Change) ([]string, error) {
	sc, name := c.Where()
	r := renderer{schema: sc, name: name, flavor: d.flavor}
	if tc, ok := c.(ddl.TableChange); ok {
		on := tc.OnTable()
		r.desired, r.current = on.Desired, on.Current
		if r.name == "" && on.Desired != nil {
			r.name = on.Desired.Name
		} else if r.name == "" && on.Current != nil {
			r.name = on.Current.Name
		}
	}
	stmts, err := r.render(c)
	if err != nil {
		return nil, fmt.Errorf("mysql: render %s %s: %w", c.Kind(), r.what(), err)
	}
	return stmts, nil
}

// renderer writes one change: schema and name locate the table or view it
// is about; desired and current are the whole table as context (as the
// source wants it and as the target has it), where the change carries it.
type renderer struct {
	schema, name     string
	desired, current *schema.Table
	flavor           string // Driver.flavor
}

func q(name string) string { return Dialect{}.QuoteIdent(name) }

// what names the object of the change for errors.
func (r renderer) what() string {
	if r.schema != "" {
		return r.schema + "." + r.name
	}
	return r.name
}

// qualify quotes name, qualified with the change's schema.
func (r renderer) qualify(name string) string {
	if r.schema == "" {
		return q(name)
	}
	return q(r.schema) + "." + q(name)
}

func (r renderer) alter(specs ...string) string {
	return "ALTER TABLE " + r.qualify(r.name) + " " + strings.Join(specs, ", ")
}

func (r renderer) render(c ddl.Change) ([]string, error) {
	need := func(ok bool, field string) error {
		if !ok {
			return fmt.Errorf("change carries no %s", field)
		}
		return nil
	}
	switch c.(type) {
	case ddl.CreateSchema, ddl.CreateView, ddl.DropView, ddl.CreateTrigger, ddl.DropTrigger:
	default:
		if r.name == "" {
			return nil, fmt.Errorf("change names no table")
		}
	}
	switch c := c.(type) {
	case ddl.CreateSchema: // a MySQL schema is a database
		return []string{"CREATE DATABASE IF NOT EXISTS " + Dialect{}.QuoteIdent(c.Schema)}, nil
	case ddl.CreateTable:
		s, err := r.createTable(&c.Table)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case ddl.SetStorage:
		return r.setStorage(c)
	case ddl.DropTable:
		return []string{"DROP TABLE " + r.qualify(r.name)}, nil
	case ddl.RebuildTable:
		return nil, fmt.Errorf("MySQL alters tables in place and never rebuilds them")
	case ddl.SetTableComment:
		return []string{r.alter("COMMENT = " + quoteLiteral(c.Comment))}, nil
	case ddl.AddColumn:
		if err := need(c.Column.Name != "", "Column"); err != nil {
			return nil, err
		}
		return []string{r.addColumn(&c.Column)}, nil
	case ddl.DropColumn:
		if err := need(c.Column.Name != "", "Column"); err != nil {
			return nil, err
		}
		return []string{r.alter("DROP COLUMN " + q(c.Column.Name))}, nil
	case ddl.RenameTable:
		return []string{"RENAME TABLE " + r.qualify(c.From) + " TO " + r.qualify(c.To)}, nil
	case ddl.RenameColumn: // MySQL 8.0, MariaDB 10.5
		return []string{r.alter("RENAME COLUMN " + q(c.From) + " TO " + q(c.To))}, nil
	case ddl.AlterColumn:
		if err := need(c.To.Name != "" && c.From.Name != "", "Column"); err != nil {
			return nil, err
		}
		return []string{r.alterColumn(&c.From, &c.To)}, nil
	case ddl.AddPrimaryKey:
		if err := need(len(c.PrimaryKey.Columns) > 0, "PrimaryKey"); err != nil {
			return nil, err
		}
		return r.addPrimaryKey(c.PrimaryKey), nil
	case ddl.DropPrimaryKey:
		return r.dropKey(keyRef{primary: true}, "DROP PRIMARY KEY"), nil
	case ddl.CreateIndex:
		if err := need(len(c.Index.Columns) > 0, "Index"); err != nil {
			return nil, err
		}
		return []string{r.createIndex(&c.Index)}, nil
	case ddl.DropIndex:
		return r.dropKey(keyRef{name: c.Index.Name}, "DROP INDEX "+q(c.Index.Name)), nil
	case ddl.AddForeignKey:
		if err := need(len(c.ForeignKey.Columns) > 0, "ForeignKey"); err != nil {
			return nil, err
		}
		fk := c.ForeignKey
		if r.unnamedInSource(&fk) {
			fk.Name = "" // InnoDB names it again, and its index as the source has it
		}
		return []string{r.alter("ADD " + r.foreignKey(&fk))}, nil
	case ddl.DropForeignKey:
		return []string{r.dropForeignKey(&c.ForeignKey)}, nil
	case ddl.AddUnique:
		if err := need(len(c.Unique.Columns) > 0, "Unique"); err != nil {
			return nil, err
		}
		return r.addUnique(&c.Unique), nil
	case ddl.DropUnique:
		return r.dropKey(keyRef{name: c.Unique.Name}, "DROP INDEX "+q(c.Unique.Name)), nil
	case ddl.AddCheck:
		return []string{r.addCheck(&c.Check)}, nil
	case ddl.DropCheck:
		return []string{r.dropCheck(&c.Check)}, nil
	case ddl.CreateView:
		return []string{r.createView(&c.View)}, nil
	case ddl.DropView:
		return []string{"DROP VIEW " + r.qualify(r.name)}, nil
	case ddl.CreateTrigger:
		s, err := r.createTrigger(&c.Trigger, c.Table)
		if err != nil {
			return nil, err
		}
		return underMode(c.Trigger.SQLMode, s), nil
	case ddl.DropTrigger:
		return []string{"DROP TRIGGER " + r.qualify(c.Trigger.Name)}, nil
	}
	return r.renderObject(c)
}

// createTable writes CREATE TABLE with columns, primary key, unique keys
// and checks; indexes and foreign keys are separate changes.
func (r renderer) createTable(t *schema.Table) (string, error) {
	var parts []string
	for i := range t.Columns {
		col := &t.Columns[i]
		parts = append(parts, "  "+columnDef(col, t, keyedInline(t, col.Name)))
	}
	if t.PrimaryKey != nil && len(t.PrimaryKey.Columns) > 0 {
		parts = append(parts, "  PRIMARY KEY "+columnList(t.PrimaryKey.Columns))
	}
	for _, u := range t.Uniques {
		parts = append(parts, "  "+uniqueDef(u))
	}
	for _, ck := range t.Checks {
		if !isColumnCheck(t, ck) {
			parts = append(parts, "  "+checkDef(ck))
		}
	}
	s := "CREATE TABLE " + r.qualify(t.Name) + " (\n" + strings.Join(parts, ",\n") + "\n)"
	if opts := tableOptions(t); opts != "" {
		s += " " + opts
	}
	if o := t.Options["create_options"]; o != "" {
		opts, err := createOptionsSQL(o)
		if err != nil {
			return "", fmt.Errorf("table %s: %w", r.qualify(t.Name), err)
		}
		s += " " + opts
	}
	if p := t.Options["partitioning"]; p != "" {
		if err := checkPartitioning(p); err != nil {
			return "", fmt.Errorf("table %s: %w", r.qualify(t.Name), err)
		}
		s += "\n" + p
	}
	return s, nil
}

// tableOptions writes ENGINE, character set, collation, comment and system
// versioning.
func tableOptions(t *schema.Table) string {
	var o []string
	if e := t.Options["engine"]; e != "" && safeWord(e) {
		o = append(o, "ENGINE="+e)
	}
	if cs := t.Options["charset"]; cs != "" && safeWord(cs) {
		o = append(o, "DEFAULT CHARSET="+cs)
	}
	if co := t.Options["collation"]; co != "" && safeWord(co) {
		o = append(o, "COLLATE="+co)
	}
	if t.Comment != "" {
		o = append(o, "COMMENT="+quoteLiteral(t.Comment))
	}
	if t.Options["system_versioning"] == "true" {
		o = append(o, "WITH SYSTEM VERSIONING")
	}
	return strings.Join(o, " ")
}

// safeWord accepts engine, character set and collation names, which are
// written bare: letters, digits and underscores only.
func safeWord(s string) bool {
	for _, r := range s {
		if !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return s != ""
}

// columnDef writes a full column definition. withAutoIncrement says whether
// AUTO_INCREMENT may be written: the column must then be the first column
// of a key, which callers know (see ddl_keys.go). t, when not nil, supplies
// the column-level checks (MariaDB) written after the definition.
func columnDef(col *schema.Column, t *schema.Table, withAutoIncrement bool) string {
	var b strings.Builder
	b.WriteString(q(col.Name))
	b.WriteString(" ")
	b.WriteString(col.Type)
	if col.Charset != "" && safeWord(col.Charset) {
		b.WriteString(" CHARACTER SET " + col.Charset)
	}
	if col.Collation != "" && safeWord(col.Collation) {
		b.WriteString(" COLLATE " + col.Collation)
	}
	if g := col.Generated; g != nil {
		b.WriteString(" GENERATED ALWAYS AS (" + g.Expr + ")")
		if g.Stored {
			b.WriteString(" STORED")
		} else {
			b.WriteString(" VIRTUAL")
		}
	} else {
		if col.Nullable {
			b.WriteString(" NULL")
		} else {
			b.WriteString(" NOT NULL")
		}
		if col.Default != nil {
			b.WriteString(" DEFAULT " + *col.Default)
		}
		if col.OnUpdate != "" {
			b.WriteString(" ON UPDATE " + col.OnUpdate)
		}
		if col.AutoIncrement && withAutoIncrement {
			b.WriteString(" AUTO_INCREMENT")
		}
	}
	if col.Invisible {
		b.WriteString(" INVISIBLE")
	}
	if col.Comment != "" {
		b.WriteString(" COMMENT " + quoteLiteral(col.Comment))
	}
	if t != nil {
		for _, ck := range t.Checks {
			if isColumnCheck(t, ck) && strings.EqualFold(ck.Column, col.Name) {
				b.WriteString(" CHECK (" + ck.Expr + ")")
			}
		}
	}
	return b.String()
}

// isColumnCheck reports whether ck is a MariaDB column-level check of a
// column of t; such a check can only be written inside that column's
// definition.
func isColumnCheck(t *schema.Table, ck schema.Check) bool {
	return ck.Column != "" && findColumn(t, ck.Column) != nil
}

func findColumn(t *schema.Table, name string) *schema.Column {
	if t == nil {
		return nil
	}
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

func columnList(cols []string) string {
	qs := make([]string, len(cols))
	for i, c := range cols {
		qs[i] = q(c)
	}
	return "(" + strings.Join(qs, ", ") + ")"
}

func uniqueDef(u schema.Unique) string {
	s := "UNIQUE KEY "
	if u.Name != "" {
		s += q(u.Name) + " "
	}
	return s + columnList(u.Columns)
}

func checkDef(ck schema.Check) string {
	s := "CHECK (" + ck.Expr + ")"
	if ck.Name != "" {
		s = "CONSTRAINT " + q(ck.Name) + " " + s
	}
	return s
}

// position places a column where the source has it: AFTER the source
// column before it, or FIRST. That column is there when a column is added
// or moved: the target has it, or the plan added it earlier (diff adds a
// table's new columns in the source's order, before it alters any).
// Counting only the columns both sides have, or guessing the order of new
// ones from their names, put two new leading columns FIRST in reverse and
// a moved column before a new one the source has ahead of it.
func position(t *schema.Table, name string) string {
	if t == nil {
		return ""
	}
	prev := ""
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			if prev == "" {
				return " FIRST"
			}
			return " AFTER " + q(prev)
		}
		prev = t.Columns[i].Name
	}
	return ""
}

func (r renderer) addColumn(col *schema.Column) string {
	pos := position(r.desired, col.Name)
	specs := []string{"ADD COLUMN " + columnDef(col, r.desired, false) + pos}
	if col.AutoIncrement {
		// A new AUTO_INCREMENT column needs its key in the same statement,
		// or the existing rows could not be numbered.
		if k := r.newColumnKey(col.Name); k != "" {
			specs[0] = "ADD COLUMN " + columnDef(col, r.desired, true) + pos
			specs = append(specs, k)
		}
	}
	return r.alter(specs...)
}

// alterColumn restates the column's full definition. A change between
// virtual and stored (or plain) generation cannot be made by MODIFY, so the
// column is dropped and added again: its values are computed, not kept.
func (r renderer) alterColumn(old, col *schema.Column) string {
	oldName := old.Name
	def := columnDef(col, r.desired, r.autoIncrementKept(col))
	if genKind(old) != genKind(col) && (genKind(old) == "virtual" || genKind(col) == "virtual") {
		return r.alter("DROP COLUMN "+q(oldName), "ADD COLUMN "+def+position(r.desired, col.Name))
	}
	pos := ""
	if r.orderChanged() {
		pos = position(r.desired, col.Name)
	}
	if oldName != col.Name {
		return r.alter("CHANGE COLUMN " + q(oldName) + " " + def + pos)
	}
	return r.alter("MODIFY COLUMN " + def + pos)
}

func genKind(c *schema.Column) string {
	switch {
	case c.Generated == nil:
		return ""
	case c.Generated.Stored:
		return "stored"
	}
	return "virtual"
}

// orderChanged reports whether the columns that both the source and the
// target have are in a different relative order; only then does MODIFY
// move columns (adding and dropping columns moves the others by itself).
func (r renderer) orderChanged() bool {
	src, dst := r.desired, r.current
	if src == nil || dst == nil {
		return false
	}
	var a, b []string
	for _, col := range src.Columns {
		if findColumn(dst, col.Name) != nil {
			a = append(a, strings.ToLower(col.Name))
		}
	}
	for _, col := range dst.Columns {
		if findColumn(src, col.Name) != nil {
			b = append(b, strings.ToLower(col.Name))
		}
	}
	return strings.Join(a, "\x00") != strings.Join(b, "\x00")
}

func (r renderer) createIndex(ix *schema.Index) string {
	return r.alter(append([]string{"ADD " + indexDef(ix)}, r.restoreAutoIncrement(ix.Columns[0].Name)...)...)
}

// indexDef writes [UNIQUE|FULLTEXT|SPATIAL] INDEX name (parts) [USING
// HASH] [COMMENT '…'] [INVISIBLE|IGNORED].
func indexDef(ix *schema.Index) string {
	var b strings.Builder
	switch ix.Method {
	case "fulltext":
		b.WriteString("FULLTEXT ")
	case "spatial":
		b.WriteString("SPATIAL ")
	default:
		if ix.Unique {
			b.WriteString("UNIQUE ")
		}
	}
	b.WriteString("INDEX ")
	if ix.Name != "" {
		b.WriteString(q(ix.Name) + " ")
	}
	parts := make([]string, len(ix.Columns))
	for i, p := range ix.Columns {
		var s string
		if p.Name != "" {
			s = q(p.Name)
			if p.Length > 0 {
				s += "(" + strconv.Itoa(p.Length) + ")"
			}
		} else {
			s = "(" + p.Expr + ")"
		}
		if p.Desc {
			s += " DESC"
		}
		parts[i] = s
	}
	b.WriteString("(" + strings.Join(parts, ", ") + ")")
	if ix.Method == "hash" {
		b.WriteString(" USING HASH")
	}
	if ix.Comment != "" {
		b.WriteString(" COMMENT " + quoteLiteral(ix.Comment))
	}
	if ix.Invisible {
		// MySQL 8 runs the first comment (MariaDB skips 5.7-and-later
		// MySQL version comments), MariaDB 10.6+ the second.
		b.WriteString(" /*!80000 INVISIBLE */ /*M!100600 IGNORED */")
	}
	return b.String()
}

func (r renderer) addUnique(u *schema.Unique) []string {
	if r.keyAddedWithColumn(u.Columns, "ADD "+uniqueDef(*u)) {
		return nil
	}
	return []string{r.alter(append([]string{"ADD " + uniqueDef(*u)}, r.restoreAutoIncrement(u.Columns[0])...)...)}
}

func (r renderer) addPrimaryKey(pk schema.PrimaryKey) []string {
	if r.keyAddedWithColumn(pk.Columns, "ADD PRIMARY KEY "+columnList(pk.Columns)) {
		return nil
	}
	return []string{r.alter(append([]string{"ADD PRIMARY KEY " + columnList(pk.Columns)},
		r.restoreAutoIncrement(pk.Columns[0])...)...)}
}

func (r renderer) foreignKey(fk *schema.ForeignKey) string {
	var b strings.Builder
	if fk.Name != "" {
		b.WriteString("CONSTRAINT " + q(fk.Name) + " ")
	}
	b.WriteString("FOREIGN KEY " + columnList(fk.Columns) + " REFERENCES ")
	refSchema := fk.RefSchema
	if refSchema == "" {
		refSchema = r.schema
	}
	if refSchema != "" {
		b.WriteString(q(refSchema) + ".")
	}
	b.WriteString(q(fk.RefTable) + " " + columnList(fk.RefColumns))
	if a := fk.OnDelete; a != "" && a != schema.ActionNoAction {
		b.WriteString(" ON DELETE " + a)
	}
	if a := fk.OnUpdate; a != "" && a != schema.ActionNoAction {
		b.WriteString(" ON UPDATE " + a)
	}
	return b.String()
}

// addCheck adds a table-level check with ADD CONSTRAINT; a MariaDB
// column-level check only exists inside its column's definition, so the
// column is restated with it.
func (r renderer) addCheck(ck *schema.Check) string {
	if ck.Column != "" {
		if s, ok := r.restateColumnChecks(ck.Column); ok {
			return s
		}
	}
	return r.alter("ADD " + checkDef(*ck))
}

// dropCheck drops a table-level check with DROP CONSTRAINT (MariaDB 10.2+
// and MySQL 8.0.19+); a column-level check goes away when its column is
// restated without it.
func (r renderer) dropCheck(ck *schema.Check) string {
	if ck.Column != "" {
		if s, ok := r.restateColumnChecks(ck.Column); ok {
			return s
		}
	}
	return r.alter("DROP CONSTRAINT " + q(ck.Name))
}

// restateColumnChecks modifies the column to the source's definition with
// the source's column-level checks. Where the source no longer has the
// column, the target's definition is restated without any check.
func (r renderer) restateColumnChecks(column string) (string, bool) {
	if col := findColumn(r.desired, column); col != nil {
		if old := findColumn(r.current, column); old != nil && old.Name != col.Name {
			return r.alter("CHANGE COLUMN " + q(old.Name) + " " + columnDef(col, r.desired, r.autoIncrementKept(col))), true
		}
		return r.alter("MODIFY COLUMN " + columnDef(col, r.desired, r.autoIncrementKept(col))), true
	}
	if old := findColumn(r.current, column); old != nil {
		return r.alter("MODIFY COLUMN " + columnDef(old, nil, old.AutoIncrement)), true
	}
	return "", false
}

// createTrigger rebuilds CREATE TRIGGER from the parts the catalog keeps:
// the body is ACTION_STATEMENT. on is the table the plan names, for a
// trigger that does not name its own.
func (r renderer) createTrigger(tr *schema.Trigger, on string) (string, error) {
	timing := strings.ToUpper(strings.TrimSpace(tr.Timing))
	if timing != "BEFORE" && timing != "AFTER" {
		return "", fmt.Errorf("trigger %s: timing %q: want BEFORE or AFTER", tr.Name, tr.Timing)
	}
	if len(tr.Events) != 1 {
		return "", fmt.Errorf("trigger %s: %d events: MySQL triggers have exactly one", tr.Name, len(tr.Events))
	}
	event := strings.ToUpper(strings.TrimSpace(tr.Events[0]))
	switch event {
	case "INSERT", "UPDATE", "DELETE":
	default:
		return "", fmt.Errorf("trigger %s: event %q: want INSERT, UPDATE or DELETE", tr.Name, tr.Events[0])
	}
	table := tr.Table
	if table == "" {
		table = on
	}
	if strings.TrimSpace(tr.Definition) == "" {
		return "", fmt.Errorf("trigger %s: no body", tr.Name)
	}
	order := ""
	if tr.Follows != "" {
		order = "FOLLOWS " + q(tr.Follows) + " "
	}
	return "CREATE TRIGGER " + r.qualify(tr.Name) + " " + timing + " " + event + " ON " +
		r.qualify(table) + " FOR EACH ROW " + order + tr.Definition, nil
}
