package sqlite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// The SQLite side of schema sync. SQLite's ALTER TABLE can only rename,
// add a column and (since 3.35) drop a column, each with restrictions; every
// other change to a table is made by rebuilding it the way SQLite documents
// ("Making Other Kinds Of Table Schema Changes"): create the desired table
// under a temporary name, copy the rows, drop the old table, rename the new
// one, recreate its indexes. Render says which is which by returning
// ddl.ErrRebuild; the diff engine then asks for one table.rebuild.

var (
	_ ddl.Renderer          = Driver{}
	_ ddl.Normalizer        = Driver{}
	_ ddl.Namer             = Driver{}
	_ ddl.InlineForeignKeys = Driver{}
)

// InlineForeignKeys implements ddl.InlineForeignKeys: SQLite cannot add a
// foreign key to an existing table, so a table.create declares them.
func (Driver) InlineForeignKeys() bool { return true }

// NameKey implements ddl.Namer. SQLite compares identifiers without regard
// to case, but only for ASCII letters: "Ä" and "ä" are different names.
func (Driver) NameKey(_, name string) string { return asciiLower(name) }

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return string(b)
}

func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	return string(b)
}

func sameName(a, b string) bool { return asciiLower(a) == asciiLower(b) }

func quote(name string) string { return Dialect{}.QuoteIdent(name) }

func qualify(schemaName, name string) string {
	if schemaName == "" {
		return quote(name)
	}
	return quote(schemaName) + "." + quote(name)
}

// rebuildPrefix names the table a rebuild creates before it takes the old
// one's name.
const rebuildPrefix = "_dbls_new_"

// Render implements ddl.Renderer.
func (Driver) Render(c ddl.Change) ([]string, error) {
	switch c := c.(type) {
	case ddl.CreateSchema:
		return nil, fmt.Errorf("sqlite: schema %q is an attached database file: attach it to the target first", c.Schema)
	case ddl.CreateTable:
		s, err := createTable(c.Schema, c.Table.Name, &c.Table)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case ddl.DropTable:
		if c.Table.Name == "" {
			return nil, missing(c, "table")
		}
		return []string{"DROP TABLE " + qualify(c.Schema, c.Table.Name)}, nil
	case ddl.RebuildTable:
		return rebuildTable(c)
	case ddl.AddColumn:
		return addColumn(c)
	case ddl.DropColumn:
		return dropColumn(c)
	case ddl.RenameTable:
		return []string{"ALTER TABLE " + qualify(c.Schema, c.From) + " RENAME TO " + quote(c.To)}, nil
	case ddl.RenameColumn:
		return []string{"ALTER TABLE " + qualify(c.Schema, c.Table) + " RENAME COLUMN " + quote(c.From) + " TO " + quote(c.To)}, nil
	case ddl.AlterColumn, ddl.AddPrimaryKey, ddl.DropPrimaryKey, ddl.AddForeignKey, ddl.DropForeignKey,
		ddl.AddUnique, ddl.DropUnique, ddl.AddCheck, ddl.DropCheck:
		return nil, ddl.ErrRebuild
	case ddl.SetTableComment:
		return nil, fmt.Errorf("sqlite: table %s: SQLite tables have no comments", qualify(c.Schema, c.Table))
	case ddl.CreateIndex:
		s, err := createIndex(c.Schema, tableOf(c.On), &c.Index)
		if err != nil {
			return nil, err
		}
		return []string{s}, nil
	case ddl.DropIndex:
		return []string{"DROP INDEX " + qualify(c.Schema, c.Index.Name)}, nil
	case ddl.CreateView:
		def := trimStatement(c.View.Definition)
		if def == "" {
			return nil, fmt.Errorf("sqlite: view %s has no definition", qualify(c.Schema, c.View.Name))
		}
		cols, err := viewColumns(c.View)
		if err != nil {
			return nil, err
		}
		return []string{"CREATE VIEW " + qualify(c.Schema, c.View.Name) + cols + " AS " + def}, nil
	case ddl.DropView:
		if c.View.Name == "" {
			return nil, missing(c, "view")
		}
		return []string{"DROP VIEW " + qualify(c.Schema, c.View.Name)}, nil
	case ddl.CreateTrigger:
		def := trimStatement(c.Trigger.Definition)
		if def == "" {
			return nil, fmt.Errorf("sqlite: trigger %s has no definition", qualify(c.Schema, c.Trigger.Name))
		}
		return []string{qualifyTrigger(c.Schema, def)}, nil
	case ddl.DropTrigger:
		if c.Trigger.Name == "" {
			return nil, missing(c, "trigger")
		}
		return []string{"DROP TRIGGER " + qualify(c.Schema, c.Trigger.Name)}, nil
	}
	return nil, fmt.Errorf("sqlite: cannot render a change of kind %q", c.Kind())
}

func missing(c ddl.Change, what string) error {
	sc, name := c.Where()
	return fmt.Errorf("sqlite: %s %s: the change carries no %s definition", c.Kind(), qualify(sc, name), what)
}

func nameOr(name, fallback string) string {
	if name != "" {
		return name
	}
	return fallback
}

// tableOf is the table a change to a table is about: the one it names,
// else the one its context describes.
func tableOf(on ddl.On) string {
	switch {
	case on.Table != "":
		return on.Table
	case on.Desired != nil:
		return on.Desired.Name
	case on.Current != nil:
		return on.Current.Name
	}
	return ""
}

// trimStatement drops surrounding space and trailing semicolons.
func trimStatement(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasSuffix(s, ";") {
		s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	}
	return s
}

// qualifyTrigger puts the schema in front of an unqualified trigger name,
// for attached databases; in main the definition runs as written.
func qualifyTrigger(schemaName, def string) string {
	if schemaName == "" || sameName(schemaName, "main") {
		return def
	}
	c := &cursor{src: def, toks: lex(def)}
	for !c.done() && !c.peek().is("TRIGGER") {
		c.next()
	}
	if !c.accept("TRIGGER") {
		return def
	}
	c.accept("IF", "NOT", "EXISTS")
	if c.done() {
		return def
	}
	name := c.next()
	if c.peek().punct(".") {
		return def // already qualified
	}
	return def[:name.start] + quote(schemaName) + "." + def[name.start:]
}

// isVirtual reports whether t is a virtual table (FTS and the like).
func isVirtual(t *schema.Table) bool { return t != nil && t.Options["virtual"] != "" }

// createTable writes CREATE TABLE for t, named name, with its keys, unique
// and check constraints and foreign keys inline (indexes are separate).
func createTable(schemaName, name string, t *schema.Table) (string, error) {
	if isVirtual(t) {
		return createVirtual(schemaName, name, t)
	}
	cols := slices.Clone(t.Columns)
	slices.SortStableFunc(cols, func(a, b schema.Column) int { return a.Position - b.Position })
	if len(cols) == 0 {
		return "", fmt.Errorf("sqlite: table %s has no columns", qualify(schemaName, name))
	}
	// AUTOINCREMENT is only allowed in the column definition of an INTEGER
	// PRIMARY KEY; every other primary key is declared at table level.
	inlinePK := ""
	if pk := t.PrimaryKey; pk != nil && len(pk.Columns) == 1 {
		for _, col := range cols {
			if sameName(col.Name, pk.Columns[0]) && col.AutoIncrement && asciiUpper(col.Type) == "INTEGER" {
				inlinePK = col.Name
			}
		}
	}
	var parts []string
	placed := map[int]bool{} // checks declared with their column
	for _, col := range cols {
		def, err := columnDef(col)
		if err != nil {
			return "", fmt.Errorf("sqlite: table %s: %w", qualify(schemaName, name), err)
		}
		if col.Name == inlinePK {
			def = insertAfterType(col, def, constraintName(t.PrimaryKey.Name)+"PRIMARY KEY AUTOINCREMENT")
		}
		for i, ck := range t.Checks {
			if ck.Column != "" && sameName(ck.Column, col.Name) && !placed[i] {
				def += " " + constraintName(ck.Name) + "CHECK (" + ck.Expr + ")"
				placed[i] = true
			}
		}
		parts = append(parts, def)
	}
	if pk := t.PrimaryKey; pk != nil && inlinePK == "" && len(pk.Columns) > 0 {
		parts = append(parts, constraintName(pk.Name)+"PRIMARY KEY ("+quoteList(pk.Columns)+")")
	}
	for _, u := range t.Uniques {
		parts = append(parts, constraintName(u.Name)+"UNIQUE ("+quoteList(u.Columns)+")")
	}
	for i, ck := range t.Checks {
		if !placed[i] {
			parts = append(parts, constraintName(ck.Name)+"CHECK ("+ck.Expr+")")
		}
	}
	for _, fk := range t.ForeignKeys {
		s, err := foreignKey(fk)
		if err != nil {
			return "", fmt.Errorf("sqlite: table %s: %w", qualify(schemaName, name), err)
		}
		parts = append(parts, s)
	}
	var opts []string
	if isTrue(t.Options["without_rowid"]) {
		opts = append(opts, "WITHOUT ROWID")
	}
	if isTrue(t.Options["strict"]) {
		opts = append(opts, "STRICT")
	}
	s := "CREATE TABLE " + qualify(schemaName, name) + " (\n  " + strings.Join(parts, ",\n  ") + "\n)"
	if len(opts) > 0 {
		s += " " + strings.Join(opts, ", ")
	}
	return s, nil
}

func isTrue(v string) bool {
	switch asciiLower(strings.TrimSpace(v)) {
	case "true", "1", "yes", "on":
		return true
	}
	return false
}

// insertAfterType puts a column constraint right after the name and type.
func insertAfterType(col schema.Column, def, constraint string) string {
	head := quote(col.Name)
	if col.Type != "" {
		head += " " + col.Type
	}
	return head + " " + constraint + def[len(head):]
}

// columnDef writes a column definition without its checks and keys.
func columnDef(col schema.Column) (string, error) {
	if col.Name == "" {
		return "", fmt.Errorf("a column has no name")
	}
	s := quote(col.Name)
	if col.Type != "" {
		s += " " + col.Type
	}
	if !col.Nullable {
		s += " NOT NULL"
	}
	if col.Default != nil && col.Generated == nil {
		s += " DEFAULT " + defaultSQL(*col.Default)
	}
	if col.Collation != "" {
		s += " COLLATE " + quote(col.Collation)
	}
	if g := col.Generated; g != nil {
		if strings.TrimSpace(g.Expr) == "" {
			return "", fmt.Errorf("generated column %s has no expression", quote(col.Name))
		}
		s += " GENERATED ALWAYS AS (" + g.Expr + ")"
		if g.Stored {
			s += " STORED"
		} else {
			s += " VIRTUAL"
		}
	}
	return s, nil
}

func constraintName(name string) string {
	if name == "" {
		return ""
	}
	return "CONSTRAINT " + quote(name) + " "
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return strings.Join(q, ", ")
}

var actions = map[string]bool{
	schema.ActionNoAction: true, schema.ActionRestrict: true, schema.ActionCascade: true,
	schema.ActionSetNull: true, schema.ActionSetDefault: true,
}

// foreignKey writes a table-level FOREIGN KEY constraint. SQLite parses
// MATCH but ignores it, so it is not written.
func foreignKey(fk schema.ForeignKey) (string, error) {
	if len(fk.Columns) == 0 || fk.RefTable == "" {
		return "", fmt.Errorf("foreign key %q names no columns or no parent table", fk.Name)
	}
	s := constraintName(fk.Name) + "FOREIGN KEY (" + quoteList(fk.Columns) + ") REFERENCES " + quote(fk.RefTable)
	if len(fk.RefColumns) > 0 {
		s += " (" + quoteList(fk.RefColumns) + ")"
	}
	for _, a := range []struct{ on, action string }{{"DELETE", fk.OnDelete}, {"UPDATE", fk.OnUpdate}} {
		act := strings.Join(strings.Fields(asciiUpper(a.action)), " ")
		if act == "" || act == schema.ActionNoAction {
			continue
		}
		if !actions[act] {
			return "", fmt.Errorf("foreign key %q: unknown ON %s action %q", fk.Name, a.on, a.action)
		}
		s += " ON " + a.on + " " + act
	}
	switch {
	case fk.InitiallyDeferred:
		s += " DEFERRABLE INITIALLY DEFERRED"
	case fk.Deferrable:
		s += " DEFERRABLE INITIALLY IMMEDIATE"
	}
	return s, nil
}

// defaultSQL writes a default as SQLite requires: a literal as it is, any
// other expression in parentheses. pragma table_info reports the text of a
// parenthesized default without its parentheses.
func defaultSQL(d string) string {
	d = strings.TrimSpace(d)
	if isLiteral(d) {
		return d
	}
	return "(" + d + ")"
}

// isLiteral reports whether d can follow DEFAULT without parentheses: a
// signed number, a blob, or any single token — a string, NULL, TRUE,
// CURRENT_TIMESTAMP, and also a bare or double-quoted word, which SQLite
// takes as a string there (in parentheses it would be a column name).
func isLiteral(d string) bool {
	toks := lex(d)
	switch {
	case len(toks) == 2 && (toks[0].punct("-") || toks[0].punct("+")) && toks[1].kind == tNumber:
		return true
	case len(toks) == 2 && toks[0].is("X") && toks[1].kind == tString && toks[1].start == toks[0].end:
		return true
	case len(toks) == 1:
		return toks[0].kind != tPunct
	}
	return false
}

// isConstant reports whether ALTER TABLE ADD COLUMN accepts d as a
// default: a literal, but not CURRENT_* and nothing in parentheses.
func isConstant(d string) bool {
	switch asciiUpper(strings.TrimSpace(d)) {
	case "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP":
		return false
	}
	return isLiteral(d)
}

func isNullDefault(d *string) bool {
	return d == nil || asciiUpper(strings.TrimSpace(*d)) == "NULL"
}

// createIndex writes CREATE [UNIQUE] INDEX for ix on table.
func createIndex(schemaName, table string, ix *schema.Index) (string, error) {
	if ix.Name == "" || table == "" || len(ix.Columns) == 0 {
		return "", fmt.Errorf("sqlite: index %q on %q: name, table or key parts missing", ix.Name, table)
	}
	parts := make([]string, len(ix.Columns))
	for i, ic := range ix.Columns {
		p := ic.Expr
		if p == "" {
			p = quote(ic.Name)
		}
		if ic.Collation != "" {
			p += " COLLATE " + quote(ic.Collation)
		}
		if ic.Desc {
			p += " DESC"
		}
		parts[i] = p
	}
	s := "CREATE "
	if ix.Unique {
		s += "UNIQUE "
	}
	s += "INDEX " + qualify(schemaName, ix.Name) + " ON " + quote(table) + " (" + strings.Join(parts, ", ") + ")"
	if w := strings.TrimSpace(ix.Where); w != "" {
		s += " WHERE " + w
	}
	return s, nil
}

// createVirtual recreates a virtual table from the module arguments of its
// stored definition.
func createVirtual(schemaName, name string, t *schema.Table) (string, error) {
	using := virtualUsing(t.Definition)
	if using == "" {
		return "", fmt.Errorf("sqlite: virtual table %s: its definition (USING module) is unknown", qualify(schemaName, name))
	}
	return "CREATE VIRTUAL TABLE " + qualify(schemaName, name) + " " + using, nil
}

// virtualUsing returns "USING module(args)" from a CREATE VIRTUAL TABLE.
func virtualUsing(def string) string {
	for _, t := range lex(def) {
		if t.is("USING") {
			return trimStatement(def[t.start:])
		}
	}
	return ""
}

// mentions reports whether the SQL text src names the identifier name. A
// false positive only costs a rebuild instead of an ALTER.
func mentions(src, name string) bool {
	for _, t := range lex(src) {
		if (t.kind == tWord || t.kind == tQuoted) && sameName(t.name(), name) {
			return true
		}
	}
	return false
}

func hasName(list []string, name string) bool {
	return slices.ContainsFunc(list, func(n string) bool { return sameName(n, name) })
}

func findColumn(t *schema.Table, name string) *schema.Column {
	if t == nil {
		return nil
	}
	for i := range t.Columns {
		if sameName(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

// addColumn writes ALTER TABLE ADD COLUMN where SQLite allows it. The
// column is appended even when the source declares it earlier: diff does
// not compare positions, and a rebuild only to order columns would copy
// every row.
func addColumn(c ddl.AddColumn) ([]string, error) {
	col := &c.Column
	t, old := c.Desired, c.Current
	switch {
	case isVirtual(t) || isVirtual(old):
		return nil, ddl.ErrRebuild
	case col.Generated != nil && (col.Generated.Stored || !col.Nullable):
		return nil, ddl.ErrRebuild
	case col.AutoIncrement:
		return nil, ddl.ErrRebuild
	case col.Default != nil && col.Generated == nil && !isConstant(*col.Default):
		return nil, ddl.ErrRebuild
	case !col.Nullable && col.Generated == nil && isNullDefault(col.Default):
		return nil, ddl.ErrRebuild
	}
	if t != nil {
		if t.PrimaryKey != nil && hasName(t.PrimaryKey.Columns, col.Name) {
			return nil, ddl.ErrRebuild
		}
		for _, u := range t.Uniques {
			if hasName(u.Columns, col.Name) {
				return nil, ddl.ErrRebuild
			}
		}
		for _, fk := range t.ForeignKeys {
			if hasName(fk.Columns, col.Name) && !isNullDefault(col.Default) {
				return nil, ddl.ErrRebuild
			}
		}
	}
	def, err := columnDef(*col)
	if err != nil {
		return nil, fmt.Errorf("sqlite: table %s: %w", qualify(c.Schema, c.Table), err)
	}
	if t != nil {
		for _, ck := range t.Checks {
			if ck.Column != "" && sameName(ck.Column, col.Name) {
				def += " " + constraintName(ck.Name) + "CHECK (" + ck.Expr + ")"
			}
		}
	}
	return []string{"ALTER TABLE " + qualify(c.Schema, tableOf(c.On)) + " ADD COLUMN " + def}, nil
}

// dropColumn writes ALTER TABLE DROP COLUMN where SQLite allows it: the
// column must not be part of a key, an index, a foreign key, a check or a
// generated expression.
func dropColumn(c ddl.DropColumn) ([]string, error) {
	col := &c.Column
	t := c.Current
	if t == nil {
		t = c.Desired
	}
	if t != nil {
		if isVirtual(t) || isVirtual(c.Desired) {
			return nil, ddl.ErrRebuild
		}
		if t.PrimaryKey != nil && hasName(t.PrimaryKey.Columns, col.Name) {
			return nil, ddl.ErrRebuild
		}
		for _, u := range t.Uniques {
			if hasName(u.Columns, col.Name) {
				return nil, ddl.ErrRebuild
			}
		}
		for _, ix := range t.Indexes {
			if mentions(ix.Where, col.Name) {
				return nil, ddl.ErrRebuild
			}
			for _, ic := range ix.Columns {
				if sameName(ic.Name, col.Name) || mentions(ic.Expr, col.Name) {
					return nil, ddl.ErrRebuild
				}
			}
		}
		for _, fk := range t.ForeignKeys {
			if hasName(fk.Columns, col.Name) || sameName(fk.RefTable, t.Name) && hasName(fk.RefColumns, col.Name) {
				return nil, ddl.ErrRebuild
			}
		}
		for _, ck := range t.Checks {
			if mentions(ck.Expr, col.Name) {
				return nil, ddl.ErrRebuild
			}
		}
		others := 0
		for _, other := range t.Columns {
			if sameName(other.Name, col.Name) {
				continue
			}
			others++
			if other.Generated != nil && mentions(other.Generated.Expr, col.Name) {
				return nil, ddl.ErrRebuild
			}
		}
		if others == 0 {
			return nil, ddl.ErrRebuild
		}
	}
	return []string{"ALTER TABLE " + qualify(c.Schema, tableOf(c.On)) + " DROP COLUMN " + quote(col.Name)}, nil
}

// rebuildTable writes SQLite's documented procedure for the changes ALTER
// TABLE cannot make: the desired table is created under a temporary name,
// the rows of the columns both versions have are copied (SQLite's type
// affinity converts values on insert exactly as it would for any insert
// into the new column, so no CAST is written), the old table is dropped
// and the new one renamed, then the desired indexes are created. The old
// table's triggers go with it; diff recreates those the source has.
//
// The rename runs with legacy_alter_table on: otherwise SQLite re-parses
// every view and trigger of the schema during the rename and rejects those
// naming the table, which at that moment does not exist. Foreign keys must
// be off around the whole plan (the Applier does it) so that dropping the
// old table neither cascades nor fails.
func rebuildTable(c ddl.RebuildTable) ([]string, error) {
	t, old := c.Desired, c.Current
	if t == nil || old == nil {
		return nil, missing(c, "table (desired and current)")
	}
	name := nameOr(c.Table, t.Name)
	if !sameName(name, t.Name) {
		name = t.Name
	}
	tmp := rebuildPrefix + name
	create, err := createTable(c.Schema, tmp, t)
	if err != nil {
		return nil, err
	}
	stmts := []string{create}

	var into, from []string
	for _, col := range sortedColumns(t) {
		oc := findColumn(old, col.Name)
		if oc == nil || col.Generated != nil {
			continue
		}
		into = append(into, quote(col.Name))
		from = append(from, quote(oc.Name))
	}
	if len(into) > 0 {
		if keepRowid(t, old) {
			into = append([]string{"rowid"}, into...)
			from = append([]string{"rowid"}, from...)
		}
		stmts = append(stmts, "INSERT INTO "+qualify(c.Schema, tmp)+" ("+strings.Join(into, ", ")+")\n  SELECT "+
			strings.Join(from, ", ")+" FROM "+qualify(c.Schema, old.Name))
	}
	if hasAutoIncrement(t) && hasAutoIncrement(old) {
		// Keep AUTOINCREMENT's high-water mark: ids of deleted rows must
		// not come back. DROP TABLE forgets the old table's counter.
		seq := qualify(c.Schema, "sqlite_sequence")
		stmts = append(stmts,
			"INSERT INTO "+seq+" (name, seq) SELECT "+sqlString(tmp)+", 0 WHERE NOT EXISTS (SELECT 1 FROM "+seq+
				" WHERE name = "+sqlString(tmp)+")",
			"UPDATE "+seq+" SET seq = max(seq, coalesce((SELECT max(seq) FROM "+seq+" WHERE name = "+
				sqlString(old.Name)+"), 0)) WHERE name = "+sqlString(tmp))
	}
	stmts = append(stmts,
		"DROP TABLE "+qualify(c.Schema, old.Name),
		"PRAGMA legacy_alter_table = ON",
		"ALTER TABLE "+qualify(c.Schema, tmp)+" RENAME TO "+quote(name),
		"PRAGMA legacy_alter_table = OFF",
	)
	if !isVirtual(t) {
		for i := range t.Indexes {
			s, err := createIndex(c.Schema, name, &t.Indexes[i])
			if err != nil {
				return nil, err
			}
			stmts = append(stmts, s)
		}
	}
	return stmts, nil
}

func sortedColumns(t *schema.Table) []schema.Column {
	cols := slices.Clone(t.Columns)
	slices.SortStableFunc(cols, func(a, b schema.Column) int { return a.Position - b.Position })
	return cols
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func hasAutoIncrement(t *schema.Table) bool {
	return slices.ContainsFunc(t.Columns, func(c schema.Column) bool { return c.AutoIncrement })
}

// keepRowid reports whether the copy should carry rowids over: both
// tables have them, the new one has no INTEGER PRIMARY KEY that already
// carries it, and no column hides the name.
func keepRowid(t, old *schema.Table) bool {
	if isVirtual(t) || isVirtual(old) || isTrue(t.Options["without_rowid"]) || isTrue(old.Options["without_rowid"]) {
		return false
	}
	if rowidAlias(t) != "" {
		return false
	}
	for _, tb := range []*schema.Table{t, old} {
		for _, c := range tb.Columns {
			switch asciiLower(c.Name) {
			case "rowid", "_rowid_", "oid":
				return false
			}
		}
	}
	return true
}

// rowidAlias returns the INTEGER PRIMARY KEY column of a rowid table.
func rowidAlias(t *schema.Table) string {
	if t.PrimaryKey == nil || len(t.PrimaryKey.Columns) != 1 || isTrue(t.Options["without_rowid"]) {
		return ""
	}
	if c := findColumn(t, t.PrimaryKey.Columns[0]); c != nil && asciiUpper(strings.TrimSpace(c.Type)) == "INTEGER" {
		return c.Name
	}
	return ""
}

// viewColumns is a view's column list as written (" (x, y)"), or "" when
// it has none. The list must be one balanced group of names: it is text
// from the catalog or a snapshot file, and must not end the statement.
func viewColumns(v schema.View) (string, error) {
	cols := strings.TrimSpace(v.Options["columns"])
	if cols == "" {
		return "", nil
	}
	depth := 0
	for _, t := range lex(cols) {
		switch {
		case t.punct("("):
			depth++
		case t.punct(")"):
			depth--
		case t.punct(";"):
			depth = -1
		}
		if depth < 0 {
			break
		}
	}
	if depth != 0 {
		return "", fmt.Errorf("sqlite: view %s: column list %q is not a list of names", v.Name, cols)
	}
	return " (" + cols + ")", nil
}
