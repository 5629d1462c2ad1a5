package postgres

// The PostgreSQL side of schema sync: Render writes each ddl.Change as
// PostgreSQL statements, ApplyDDL runs a plan's statements in one
// transaction.
//
// Every identifier is quoted with Dialect; every expression the model holds
// (types, defaults, generated and check expressions, index expressions and
// predicates, view queries, trigger definitions, partition keys and bounds)
// is SQL text as PostgreSQL itself deparsed it, and is passed through.

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

var (
	_ ddl.Renderer   = Driver{}
	_ ddl.Normalizer = Driver{}
	_ ddl.Applier    = (*Conn)(nil)
)

// Render writes one change as PostgreSQL statements, without trailing
// semicolons. It needs no connection.
func (Driver) Render(c ddl.Change) ([]string, error) {
	sc, name := c.Where()
	r := renderer{schema: sc, name: name}
	if tc, ok := c.(ddl.TableChange); ok {
		on := tc.OnTable()
		r.desired, r.current, r.online = on.Desired, on.Current, on.Online
	}
	if err := checkIdentityOptions(c); err != nil {
		return nil, fmt.Errorf("postgres: render %s of %s: %w", c.Kind(), displayName(sc, name), err)
	}
	if err := r.render(c); err != nil {
		return nil, fmt.Errorf("postgres: render %s of %s: %w", c.Kind(), displayName(sc, name), err)
	}
	r.creationComments(c)
	return r.out, nil
}

// renderer writes one change: schema and name locate the table or view it
// is about; desired and current are the whole table as context, where the
// change carries it.
type renderer struct {
	schema, name     string
	desired, current *schema.Table
	out              []string
	// online, backfill and throughText are the change's ddl.On.Online,
	// ddl.AlterColumn.Backfill and ThroughText.
	online, backfill, throughText bool
}

func (r *renderer) add(format string, args ...any) {
	r.out = append(r.out, fmt.Sprintf(format, args...))
}

func (r *renderer) render(c ddl.Change) error {
	switch c := c.(type) {
	case ddl.CreateSchema:
		r.add("CREATE SCHEMA IF NOT EXISTS %s", Dialect{}.QuoteIdent(c.Schema))
	case ddl.CreateTable:
		return r.createTable(c.Table)
	case ddl.DropTable:
		if t := c.Table; t.Kind == schema.TablePartition || t.PartitionOf != "" {
			// Dropping a partitioned table drops its partitions: a
			// partition whose parent went first is already gone.
			r.add("DROP TABLE IF EXISTS %s", r.target())
			break
		}
		r.add("DROP TABLE %s", r.target())
	case ddl.RebuildTable:
		return errors.New("PostgreSQL alters tables in place and never rebuilds them")
	case ddl.SetTableComment:
		r.add("COMMENT ON TABLE %s IS %s", r.target(), commentLiteral(c.Comment))
	case ddl.SetStorage:
		return r.setStorage(c)
	case ddl.AddColumn:
		r.addColumn(c.Column)
	case ddl.DropColumn:
		r.dropColumn(c.Column)
	case ddl.AlterColumn:
		r.backfill, r.throughText = c.Backfill, c.ThroughText
		r.alterColumn(c.From, c.To)
	case ddl.AddPrimaryKey:
		r.add("ALTER TABLE %s ADD %s", r.target(), primaryKeyClause(c.PrimaryKey))
	case ddl.DropPrimaryKey:
		name := c.PrimaryKey.Name
		if name == "" {
			name = defaultPrimaryKeyName(c.Table)
		}
		r.dropConstraint(name)
	case ddl.CreateIndex:
		return r.createIndex(c.Index)
	case ddl.DropIndex:
		r.add("DROP INDEX %s%s", r.concurrently(), qualified(c.Schema, c.Index.Name))
	case ddl.AddForeignKey:
		r.addValidated(c.ForeignKey.Name, foreignKeyClause(c.ForeignKey))
	case ddl.DropForeignKey:
		return r.dropNamedConstraint("foreign key", c.ForeignKey.Name)
	case ddl.AddUnique:
		r.add("ALTER TABLE %s ADD %s", r.target(), uniqueClause(c.Unique))
	case ddl.DropUnique:
		return r.dropNamedConstraint("unique constraint", c.Unique.Name)
	case ddl.AddCheck:
		if r.parentsKept() && inherited(r.desired, "inherited_checks", c.Check.Name) {
			break // the parent's check is added here with it
		}
		r.addValidated(c.Check.Name, checkClause(c.Check))
	case ddl.DropCheck:
		if r.parentsKept() && inherited(r.current, "inherited_checks", c.Check.Name) {
			break // dropped with the parent's
		}
		return r.dropNamedConstraint("check constraint", c.Check.Name)
	case ddl.SetInheritance:
		r.setInheritance(c)
	case ddl.RenameTable:
		r.add("ALTER TABLE %s RENAME TO %s", qualified(c.Schema, c.From), quote(c.To))
	case ddl.RenameColumn:
		r.add("ALTER TABLE %s RENAME COLUMN %s TO %s", r.target(), quote(c.From), quote(c.To))
	case ddl.AddExclusion:
		if c.Exclusion.Definition == "" {
			return fmt.Errorf("exclusion constraint %q has no definition", c.Exclusion.Name)
		}
		r.add("ALTER TABLE %s ADD %s%s", r.target(), constraintName(c.Exclusion.Name), c.Exclusion.Definition)
	case ddl.DropExclusion:
		return r.dropNamedConstraint("exclusion constraint", c.Exclusion.Name)
	case ddl.CreateView:
		return r.createView(c.View)
	case ddl.DropView:
		r.add("DROP %s %s", viewKeyword(c.View), r.target())
	case ddl.CreateTrigger:
		def := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(c.Trigger.Definition), ";"))
		if def == "" {
			return fmt.Errorf("trigger %q has no definition", c.Trigger.Name)
		}
		r.add("%s", def)
		if c.Trigger.Enabled != "" {
			action, err := firesClause(c.Trigger.Enabled)
			if err != nil {
				return fmt.Errorf("trigger %q: %w", c.Trigger.Name, err)
			}
			r.add("ALTER TABLE %s %s TRIGGER %s", qualified(c.Schema, c.Table), action, quote(c.Trigger.Name))
		}
	case ddl.SetTableType:
		if c.OfType == "" {
			r.add("ALTER TABLE %s NOT OF", r.target())
		} else {
			r.add("ALTER TABLE %s OF %s", r.target(), c.OfType)
		}
	case ddl.DropTrigger:
		table := c.Trigger.Table
		if table == "" {
			table = c.Table
		}
		r.add("DROP TRIGGER %s ON %s", quote(c.Trigger.Name), qualified(c.Schema, table))
	default:
		if ok, err := r.renderSecurity(c); ok {
			return err
		}
		return r.renderObject(c)
	}
	return nil
}

// target is the quoted, schema-qualified name of the table or view the
// change is about.
func (r *renderer) target() string { return qualified(r.schema, r.name) }

func (r *renderer) dropConstraint(name string) {
	r.add("ALTER TABLE %s DROP CONSTRAINT %s", r.target(), quote(name))
}

// dropNamedConstraint drops a constraint by name. PostgreSQL names every
// constraint, so a snapshot of it always has one; a nameless one comes from
// another engine's snapshot and cannot be dropped.
func (r *renderer) dropNamedConstraint(what, name string) error {
	if name == "" {
		return fmt.Errorf("cannot drop an unnamed %s: PostgreSQL drops constraints by name", what)
	}
	r.dropConstraint(name)
	return nil
}

// ---- tables ----

func (r *renderer) createTable(t schema.Table) error {
	name := r.target()
	var items []string
	var before, after []string
	partition := t.Kind == schema.TablePartition || t.PartitionOf != ""
	typed := t.OfType != "" && !partition
	if !partition {
		for _, col := range t.Columns {
			if inherited(&t, "inherited_columns", col.Name) {
				// INHERITS brings it; a default of its own is set after.
				if col.Default != nil && col.Identity == "" && col.Generated == nil {
					after = append(after, fmt.Sprintf("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s", name, quote(col.Name), *col.Default))
				}
				continue
			}
			seq := serialSequence(col)
			if seq != nil {
				before = append(before, seq.create(col.Type))
				after = append(after, seq.ownedBy(name, col.Name))
			}
			switch opts := columnOptions(col); {
			case !typed:
				items = append(items, columnDefinition(col))
			case opts != "": // a typed table's column takes its type from the type
				items = append(items, quote(col.Name)+" WITH OPTIONS"+opts)
			}
		}
	}
	if t.PrimaryKey != nil {
		items = append(items, primaryKeyClause(*t.PrimaryKey))
	}
	for _, u := range t.Uniques {
		items = append(items, uniqueClause(u))
	}
	for _, ck := range t.Checks {
		if !inherited(&t, "inherited_checks", ck.Name) {
			items = append(items, checkClause(ck))
		}
	}

	var b strings.Builder
	b.WriteString("CREATE ")
	if t.Options["unlogged"] == "true" {
		b.WriteString("UNLOGGED ")
	}
	b.WriteString("TABLE " + name)
	if partition {
		parent, err := r.partitionParent(t)
		if err != nil {
			return err
		}
		bound := strings.TrimSpace(t.Options["partition_bound"])
		upper := strings.ToUpper(bound)
		if !strings.HasPrefix(upper, "FOR VALUES") && upper != "DEFAULT" {
			return fmt.Errorf("partition %q has no usable partition bound (options[\"partition_bound\"] = %q)", t.Name, bound)
		}
		b.WriteString(" PARTITION OF " + parent)
		if len(items) > 0 {
			b.WriteString(" (\n    " + strings.Join(items, ",\n    ") + "\n)")
		}
		b.WriteString(" " + bound)
	} else if typed {
		b.WriteString(" OF " + t.OfType)
		if len(items) > 0 {
			b.WriteString(" (\n    " + strings.Join(items, ",\n    ") + "\n)")
		}
	} else {
		if len(items) == 0 {
			b.WriteString(" ()")
		} else {
			b.WriteString(" (\n    " + strings.Join(items, ",\n    ") + "\n)")
		}
		b.WriteString(r.inheritsClause(t))
	}
	if t.Kind == schema.TablePartitioned || t.Options["partition_by"] != "" {
		key := strings.TrimSpace(t.Options["partition_by"])
		if key == "" {
			return fmt.Errorf("partitioned table %q has no partition key (options[\"partition_by\"])", t.Name)
		}
		b.WriteString(" PARTITION BY " + key)
	}
	with, err := withClause(t.Options["storage"])
	if err != nil {
		return fmt.Errorf("table %q: %w", t.Name, err)
	}
	b.WriteString(with)
	r.out = append(r.out, before...)
	r.out = append(r.out, b.String())
	r.out = append(r.out, after...)
	if t.Comment != "" {
		r.add("COMMENT ON TABLE %s IS %s", name, commentLiteral(t.Comment))
	}
	for _, col := range t.Columns {
		if col.Comment != "" {
			r.add("COMMENT ON COLUMN %s.%s IS %s", name, quote(col.Name), commentLiteral(col.Comment))
		}
	}
	return nil
}

// partitionParent quotes the parent of a partition. PartitionOf is
// "schema.table"; a parent in the partition's own schema is recognized
// even when its name holds a dot.
func (r *renderer) partitionParent(t schema.Table) (string, error) {
	if t.PartitionOf == "" {
		return "", fmt.Errorf("partition %q does not name its parent table (partition_of)", t.Name)
	}
	return r.tableRef(t.PartitionOf), nil
}

// columnDefinition writes name, type and the column's own clauses.
// Constraints other than NOT NULL are table constraints in the model and
// are written separately.
func columnDefinition(col schema.Column) string {
	def := quote(col.Name) + " " + col.Type
	if col.Collation != "" {
		def += " COLLATE " + quote(col.Collation)
	}
	return def + columnOptions(col)
}

// columnOptions is what a column definition says after its type and
// collation (generated, identity, default, NOT NULL), with a leading space,
// or "".
func columnOptions(col schema.Column) string {
	var b strings.Builder
	switch {
	case col.Generated != nil:
		b.WriteString(" GENERATED ALWAYS AS (" + col.Generated.Expr + ") STORED")
	case col.Identity != "":
		opts, _ := identityClause(col.IdentityOptions) // checked by checkIdentityOptions
		b.WriteString(" GENERATED " + identityWords(col.Identity) + " AS IDENTITY" + opts)
	case col.Default != nil:
		b.WriteString(" DEFAULT " + *col.Default)
	}
	if !col.Nullable {
		b.WriteString(" NOT NULL")
	}
	return b.String()
}

func identityWords(mode string) string {
	if mode == schema.IdentityByDefault {
		return "BY DEFAULT"
	}
	return "ALWAYS"
}

// The constraint clauses write PostgreSQL's own text of the constraint
// when the snapshot has it (DEFERRABLE, INCLUDE, NULLS NOT DISTINCT,
// NO INHERIT, storage parameters), and build it from the fields otherwise.

func primaryKeyClause(pk schema.PrimaryKey) string {
	if pk.Definition != "" {
		return constraintName(pk.Name) + pk.Definition
	}
	return constraintName(pk.Name) + "PRIMARY KEY (" + quoteList(pk.Columns) + ")"
}

func uniqueClause(u schema.Unique) string {
	if u.Definition != "" {
		return constraintName(u.Name) + u.Definition
	}
	return constraintName(u.Name) + "UNIQUE (" + quoteList(u.Columns) + ")"
}

func checkClause(ck schema.Check) string {
	if ck.Definition != "" {
		return constraintName(ck.Name) + ck.Definition
	}
	return constraintName(ck.Name) + "CHECK (" + ck.Expr + ")"
}

func foreignKeyClause(fk schema.ForeignKey) string {
	var b strings.Builder
	b.WriteString(constraintName(fk.Name))
	b.WriteString("FOREIGN KEY (" + quoteList(fk.Columns) + ") REFERENCES " + qualified(fk.RefSchema, fk.RefTable))
	b.WriteString(" (" + quoteList(fk.RefColumns) + ")")
	switch m := strings.ToUpper(fk.Match); m {
	case "FULL", "PARTIAL":
		b.WriteString(" MATCH " + m)
	}
	if a := action(fk.OnDelete); a != "" {
		b.WriteString(" ON DELETE " + a)
	}
	if a := action(fk.OnUpdate); a != "" {
		b.WriteString(" ON UPDATE " + a)
	}
	if fk.Deferrable || fk.InitiallyDeferred {
		b.WriteString(" DEFERRABLE")
		if fk.InitiallyDeferred {
			b.WriteString(" INITIALLY DEFERRED")
		}
	}
	return b.String()
}

// action returns a referential action to write, or "" for the default.
// Only the five SQL actions are written: anything else in a snapshot is not
// SQL PostgreSQL knows and is not passed through.
func action(a string) string {
	a = strings.Join(strings.Fields(strings.ToUpper(a)), " ")
	switch a {
	case schema.ActionRestrict, schema.ActionCascade, schema.ActionSetNull, schema.ActionSetDefault:
		return a
	}
	return ""
}

func constraintName(name string) string {
	if name == "" {
		return ""
	}
	return "CONSTRAINT " + quote(name) + " "
}

// defaultPrimaryKeyName is the name PostgreSQL gives an unnamed primary
// key (for names short enough not to be truncated).
func defaultPrimaryKeyName(table string) string { return table + "_pkey" }

// ---- columns ----

// isPartition reports whether the change is about a partition, whose
// columns belong to its parent.
func (r *renderer) isPartition() bool {
	for _, t := range []*schema.Table{r.desired, r.current} {
		if t != nil && (t.Kind == schema.TablePartition || t.PartitionOf != "") {
			return true
		}
	}
	return false
}

func (r *renderer) addColumn(col schema.Column) {
	if r.isPartition() || r.parentsKept() && inherited(r.desired, "inherited_columns", col.Name) {
		// A partition has exactly its parent's columns, and a child
		// inherits its parents': adding the column to the parent adds it
		// here.
		return
	}
	name := r.target()
	seq := serialSequence(col)
	if seq != nil {
		r.out = append(r.out, seq.create(col.Type))
	}
	r.add("ALTER TABLE %s ADD COLUMN %s", name, columnDefinition(col))
	if seq != nil {
		r.out = append(r.out, seq.ownedBy(name, col.Name))
	}
	if col.Comment != "" {
		r.add("COMMENT ON COLUMN %s.%s IS %s", name, quote(col.Name), commentLiteral(col.Comment))
	}
}

func (r *renderer) dropColumn(col schema.Column) {
	if r.isPartition() || r.parentsKept() && inherited(r.current, "inherited_columns", col.Name) {
		return // dropped with the parent's column
	}
	// An owned (serial) sequence goes with its column.
	r.add("ALTER TABLE %s DROP COLUMN %s", r.target(), quote(col.Name))
}

// alterColumn changes, aspect by aspect, the column from into the column
// to. The order matters: an identity needs NOT NULL
// and no default; a default that cannot follow a type change is dropped
// before it and set again after.
func (r *renderer) alterColumn(from, to schema.Column) {
	nc, oc := &to, &from
	name := r.target()
	alter := func(format string, args ...any) {
		r.add("ALTER TABLE %s ALTER COLUMN %s "+format, append([]any{name, quote(nc.Name)}, args...)...)
	}
	if r.isPartition() || r.fromParent("inherited_columns", nc.Name) {
		// A partition follows its parent's column in everything but its
		// default and comment; so does an inherited column, whose type and
		// nullability its parent's change brings.
		if !sameDefault(oc.Default, nc.Default) && nc.Generated == nil && nc.Identity == "" {
			if nc.Default == nil {
				alter("DROP DEFAULT")
			} else {
				alter("SET DEFAULT %s", *nc.Default)
			}
		}
		r.columnComment(oc, nc)
		return
	}

	// A generated expression cannot be altered (PostgreSQL 15): a column
	// that becomes generated, or whose expression changes, is DROPPED AND
	// ADDED AGAIN. Its values are computed anew; its position moves to the
	// end; the indexes and constraints on it that both sides share are
	// recreated.
	if nc.Generated != nil && (oc.Generated == nil || oc.Generated.Expr != nc.Generated.Expr || oc.Generated.Stored != nc.Generated.Stored) {
		r.add("ALTER TABLE %s DROP COLUMN %s", name, quote(oc.Name))
		r.add("ALTER TABLE %s ADD COLUMN %s", name, columnDefinition(*nc))
		if nc.Comment != "" {
			r.add("COMMENT ON COLUMN %s.%s IS %s", name, quote(nc.Name), commentLiteral(nc.Comment))
		}
		r.recreateDependents(nc.Name)
		return
	}

	old := *oc
	if old.Generated != nil && nc.Generated == nil {
		// Generated → plain keeps the stored values.
		// IF EXISTS: a type change of a column it reads may have done it.
		alter("DROP EXPRESSION IF EXISTS")
		old.Generated = nil
		old.Default = nil
	}
	typeChanges := old.Type != nc.Type || old.Collation != nc.Collation
	oldSeq, newSeq := serialSequence(old), serialSequence(*nc)

	if old.Identity != "" && nc.Identity == "" {
		alter("DROP IDENTITY")
	}
	defaultChanges := !sameDefault(old.Default, nc.Default) || (nc.Identity != "" && old.Identity == "")
	// An identity column has no default; so its default never changes.
	if old.Default != nil && (defaultChanges || typeChanges) {
		alter("DROP DEFAULT")
		old.Default = nil
	}
	var regenerate []schema.Column
	if old.Type != nc.Type {
		regenerate = r.releaseGeneratedReaders(nc.Name)
	}
	if typeChanges {
		var b strings.Builder
		b.WriteString("TYPE " + nc.Type)
		switch {
		case nc.Collation != "":
			b.WriteString(" COLLATE " + quote(nc.Collation))
		case old.Collation != "":
			b.WriteString(` COLLATE "default"`)
		}
		switch {
		case r.throughText && strings.HasSuffix(nc.Type, "[]"):
			b.WriteString(" USING " + quote(nc.Name) + "::text[]::" + nc.Type)
		case r.throughText:
			b.WriteString(" USING " + quote(nc.Name) + "::text::" + nc.Type)
		case old.Type != nc.Type && nc.Generated == nil: // a generated column is computed anew
			b.WriteString(" USING " + quote(nc.Name) + "::" + nc.Type)
		}
		alter("%s", b.String())
	}
	for _, g := range regenerate {
		r.add("ALTER TABLE %s ADD COLUMN %s", name, columnDefinition(g))
		if g.Comment != "" {
			r.add("COMMENT ON COLUMN %s.%s IS %s", name, quote(g.Name), commentLiteral(g.Comment))
		}
		r.recreateDependents(g.Name)
	}
	if oldSeq != nil && (newSeq == nil || oldSeq.text != newSeq.text) {
		// serial → not: the column's own sequence goes with its default.
		r.add("DROP SEQUENCE %s", oldSeq.text)
	}
	if old.Nullable != nc.Nullable {
		if nc.Nullable {
			alter("DROP NOT NULL")
		} else {
			if r.backfill && nc.Default != nil {
				// The NULLs already there take the new default first.
				r.add("UPDATE %s SET %s = %s WHERE %s IS NULL", name, quote(nc.Name), *nc.Default, quote(nc.Name))
			}
			alter("SET NOT NULL")
		}
	}
	if newSeq != nil && (oldSeq == nil || oldSeq.text != newSeq.text) {
		r.out = append(r.out, newSeq.create(nc.Type))
		r.out = append(r.out, newSeq.ownedBy(name, nc.Name))
		// Continue after the values the column already holds.
		r.add("SELECT setval(%s, coalesce(max(%s), 0) + 1, false) FROM %s",
			stringLiteral(newSeq.text), quote(nc.Name), name)
	} else if oldSeq != nil && newSeq != nil && old.Type != nc.Type && integerType(nc.Type) {
		r.add("ALTER SEQUENCE %s AS %s", newSeq.text, nc.Type)
	}
	if nc.Default != nil && nc.Identity == "" && nc.Generated == nil && old.Default == nil {
		alter("SET DEFAULT %s", *nc.Default)
	}
	switch {
	case nc.Identity != "" && old.Identity == "":
		opts, _ := identityClause(nc.IdentityOptions)
		alter("ADD GENERATED %s AS IDENTITY%s", identityWords(nc.Identity), opts)
		r.add("SELECT setval(pg_get_serial_sequence(%s, %s), coalesce(max(%s), 0) + 1, false) FROM %s",
			stringLiteral(name), stringLiteral(nc.Name), quote(nc.Name), name)
	case nc.Identity != "" && old.Identity != nc.Identity:
		alter("SET GENERATED %s", identityWords(nc.Identity))
	}
	if nc.Identity != "" && old.Identity != "" && nc.IdentityOptions != old.IdentityOptions {
		set, _ := identityAlter(nc.IdentityOptions)
		alter("%s", set)
	}
	r.columnComment(oc, nc)
}

// releaseGeneratedReaders prepares a type change of column col, which
// PostgreSQL refuses while a generated column reads it: a generated column
// that stays generated is dropped here and returned to be added again (in
// its desired form) after the change; one that becomes a plain column
// loses its expression now and keeps its values. Without both tables as
// context nothing is done.
func (r *renderer) releaseGeneratedReaders(col string) []schema.Column {
	nt, ot := r.desired, r.current
	if nt == nil || ot == nil {
		return nil
	}
	var out []schema.Column
	for _, g := range ot.Columns {
		if g.Generated == nil || g.Name == col || !mentions(g.Generated.Expr, col) {
			continue
		}
		want := nt.Column(g.Name)
		switch {
		case want == nil:
			// dropped by its own change, which diff orders first
		case want.Generated == nil:
			r.add("ALTER TABLE %s ALTER COLUMN %s DROP EXPRESSION IF EXISTS", r.target(), quote(g.Name))
		default:
			r.add("ALTER TABLE %s DROP COLUMN %s", r.target(), quote(g.Name))
			out = append(out, *want)
		}
	}
	return out
}

func (r *renderer) columnComment(oc, nc *schema.Column) {
	if oc.Comment != nc.Comment {
		r.add("COMMENT ON COLUMN %s.%s IS %s", r.target(), quote(nc.Name), commentLiteral(nc.Comment))
	}
}

func sameDefault(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// recreateDependents recreates, after a column was dropped and added again,
// the indexes and constraints of the table that involve the column and that
// source and target share (PostgreSQL dropped them with the column; diff,
// seeing them equal, does not). Without both tables as context nothing is
// recreated.
func (r *renderer) recreateDependents(col string) {
	nt, ot := r.desired, r.current
	if nt == nil || ot == nil {
		return
	}
	name := r.target()
	if nt.PrimaryKey != nil && ot.PrimaryKey != nil && slices.Equal(nt.PrimaryKey.Columns, ot.PrimaryKey.Columns) &&
		nt.PrimaryKey.Name == ot.PrimaryKey.Name && slices.Contains(nt.PrimaryKey.Columns, col) {
		r.add("ALTER TABLE %s ADD %s", name, primaryKeyClause(*nt.PrimaryKey))
	}
	for _, u := range nt.Uniques {
		if slices.Contains(u.Columns, col) && slices.ContainsFunc(ot.Uniques, func(o schema.Unique) bool {
			return o.Name == u.Name && slices.Equal(o.Columns, u.Columns)
		}) {
			r.add("ALTER TABLE %s ADD %s", name, uniqueClause(u))
		}
	}
	for _, ck := range nt.Checks {
		if (ck.Column == col || mentions(ck.Expr, col)) && slices.Contains(ot.Checks, ck) {
			r.add("ALTER TABLE %s ADD %s", name, checkClause(ck))
		}
	}
	for _, ix := range nt.Indexes {
		if indexInvolves(ix, col) && slices.ContainsFunc(ot.Indexes, func(o schema.Index) bool { return sameIndex(o, ix) }) {
			_ = r.createIndex(ix)
		}
	}
	for _, fk := range nt.ForeignKeys {
		if slices.Contains(fk.Columns, col) && slices.ContainsFunc(ot.ForeignKeys, func(o schema.ForeignKey) bool {
			return o.Name == fk.Name && slices.Equal(o.Columns, fk.Columns) && o.RefTable == fk.RefTable &&
				slices.Equal(o.RefColumns, fk.RefColumns)
		}) {
			r.add("ALTER TABLE %s ADD %s", name, foreignKeyClause(fk))
		}
	}
}

func indexInvolves(ix schema.Index, col string) bool {
	if slices.Contains(ix.Include, col) || mentions(ix.Where, col) {
		return true
	}
	for _, p := range ix.Columns {
		if p.Name == col || mentions(p.Expr, col) {
			return true
		}
	}
	return false
}

func sameIndex(a, b schema.Index) bool {
	return a.Name == b.Name && a.Unique == b.Unique && a.Method == b.Method && a.Where == b.Where && a.Definition == b.Definition &&
		slices.Equal(a.Columns, b.Columns) && slices.Equal(a.Include, b.Include)
}

// mentions reports whether the deparsed expression refers to an identifier
// spelled col, quoted or (for a name that needs no quotes) bare.
func mentions(expr, col string) bool {
	if expr == "" || col == "" {
		return false
	}
	if strings.Contains(expr, quote(col)) {
		return true
	}
	if !plainIdent.MatchString(col) {
		return false
	}
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_$"])` + regexp.QuoteMeta(col) + `($|[^A-Za-z0-9_$"])`)
	return re.MatchString(expr)
}

var plainIdent = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$`)

// ---- serial columns ----

// sequence is the sequence behind a serial column, as written in its
// default: text is the (possibly schema-qualified) name re-quoted by us.
type sequence struct {
	text string
}

var nextvalRe = regexp.MustCompile(`^nextval\('((?:[^']|'')+)'::regclass\)$`)

// serialSequence returns the sequence a serial column's default draws
// from, or nil when the column is not serial or its default is not the
// plain nextval('name'::regclass) PostgreSQL writes for one.
func serialSequence(col schema.Column) *sequence {
	if !col.AutoIncrement || col.Default == nil || col.Identity != "" || col.Generated != nil {
		return nil
	}
	m := nextvalRe.FindStringSubmatch(strings.TrimSpace(*col.Default))
	if m == nil {
		return nil
	}
	parts, ok := splitQualifiedName(strings.ReplaceAll(m[1], "''", "'"))
	if !ok {
		return nil
	}
	quoted := make([]string, len(parts))
	for i, p := range parts {
		quoted[i] = quote(p)
	}
	return &sequence{text: strings.Join(quoted, ".")}
}

// create writes CREATE SEQUENCE as a serial column of type typ has it.
// Creating the sequence under the name the default names keeps the default
// exactly as the source spells it.
func (s *sequence) create(typ string) string {
	if integerType(typ) {
		return "CREATE SEQUENCE " + s.text + " AS " + typ
	}
	return "CREATE SEQUENCE " + s.text
}

// ownedBy ties the sequence to its column, as serial does: it is dropped
// with the column and reported as the column's.
func (s *sequence) ownedBy(table, col string) string {
	return "ALTER SEQUENCE " + s.text + " OWNED BY " + table + "." + quote(col)
}

func integerType(typ string) bool {
	switch typ {
	case "smallint", "integer", "bigint":
		return true
	}
	return false
}

// splitQualifiedName splits a name as regclass prints it: dot-separated
// parts, each either a double-quoted identifier ("" for a quote) or a bare
// lower-case one. It refuses anything else.
func splitQualifiedName(s string) ([]string, bool) {
	var parts []string
	for {
		var part string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for {
				if i >= len(s) {
					return nil, false
				}
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						b.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				b.WriteByte(s[i])
				i++
			}
			part, s = b.String(), s[i:]
		} else {
			m := bareIdent.FindString(s)
			if m == "" {
				return nil, false
			}
			part, s = m, s[len(m):]
		}
		parts = append(parts, part)
		if s == "" {
			break
		}
		if s[0] != '.' || len(parts) == 3 {
			return nil, false
		}
		s = s[1:]
	}
	return parts, true
}

var bareIdent = regexp.MustCompile(`^[\pL_][\pL\pN_$]*`)

// ---- indexes ----

func (r *renderer) createIndex(ix schema.Index) error {
	if ix.Definition != "" && ix.Name != "" {
		// PostgreSQL's own text, from USING on, carries every attribute.
		unique := ""
		if ix.Unique {
			unique = "UNIQUE "
		}
		r.add("CREATE %sINDEX %s%s ON %s %s", unique, r.concurrently(), quote(ix.Name), r.target(), ix.Definition)
		r.indexComment(ix)
		return nil
	}
	if len(ix.Columns) == 0 {
		return fmt.Errorf("index %q has no key columns", ix.Name)
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX " + r.concurrently())
	if ix.Name != "" {
		b.WriteString(quote(ix.Name) + " ")
	}
	b.WriteString("ON " + r.target())
	if ix.Method != "" {
		b.WriteString(" USING " + quote(strings.ToLower(ix.Method)))
	}
	parts := make([]string, len(ix.Columns))
	for i, p := range ix.Columns {
		switch {
		case p.Expr != "":
			parts[i] = "(" + p.Expr + ")"
		default:
			parts[i] = quote(p.Name)
		}
		if p.Collation != "" {
			parts[i] += " COLLATE " + quote(p.Collation)
		}
		if p.Desc {
			parts[i] += " DESC"
		}
	}
	b.WriteString(" (" + strings.Join(parts, ", ") + ")")
	if len(ix.Include) > 0 {
		b.WriteString(" INCLUDE (" + quoteList(ix.Include) + ")")
	}
	if ix.Where != "" {
		b.WriteString(" WHERE " + ix.Where)
	}
	r.out = append(r.out, b.String())
	r.indexComment(ix)
	return nil
}

// concurrently is the CONCURRENTLY of an online index change. Such a
// statement cannot run in a transaction block: ApplyDDL runs it alone.
func (r *renderer) concurrently() string {
	if r.online {
		return "CONCURRENTLY "
	}
	return ""
}

// addValidated adds a foreign key or check. Online, it is added NOT VALID
// (a short lock, no scan of the rows) and validated by a second statement,
// which ApplyDDL runs in a transaction of its own, under a lock that lets
// reads and writes go on.
func (r *renderer) addValidated(name, clause string) {
	if !r.online || name == "" {
		r.add("ALTER TABLE %s ADD %s", r.target(), clause)
		return
	}
	r.add("ALTER TABLE %s ADD %s NOT VALID", r.target(), clause)
	r.add("ALTER TABLE %s VALIDATE CONSTRAINT %s", r.target(), quote(name))
}

func (r *renderer) indexComment(ix schema.Index) {
	if ix.Comment != "" {
		r.add("COMMENT ON INDEX %s IS %s", qualified(r.schema, ix.Name), commentLiteral(ix.Comment))
	}
}

// ---- views ----

func viewKeyword(v schema.View) string {
	if v.Materialized {
		return "MATERIALIZED VIEW"
	}
	return "VIEW"
}

// createView creates a view or materialized view with its comments. The
// indexes of a materialized view are not created here: like a table's,
// they come as index.create changes.
func (r *renderer) createView(v schema.View) error {
	def := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v.Definition), ";"))
	if def == "" {
		return fmt.Errorf("view %q has no definition", v.Name)
	}
	name := r.target()
	with, err := viewWith(v)
	if err != nil {
		return fmt.Errorf("view %q: %w", v.Name, err)
	}
	check := ""
	if o := v.Options["check_option"]; o == "LOCAL" || o == "CASCADED" {
		check = "\nWITH " + o + " CHECK OPTION"
	}
	r.add("CREATE %s %s%s AS\n%s%s", viewKeyword(v), name, with, def, check)
	if v.Comment != "" {
		r.add("COMMENT ON %s %s IS %s", viewKeyword(v), name, commentLiteral(v.Comment))
	}
	for _, col := range v.Columns {
		if col.Comment != "" {
			r.add("COMMENT ON COLUMN %s.%s IS %s", name, quote(col.Name), commentLiteral(col.Comment))
		}
	}
	return nil
}

// ---- quoting ----

func quote(name string) string { return Dialect{}.QuoteIdent(name) }

func qualified(schemaName, name string) string {
	if schemaName == "" {
		return quote(name)
	}
	return quote(schemaName) + "." + quote(name)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return strings.Join(q, ", ")
}

// stringLiteral writes s as a string constant that means s whatever
// standard_conforming_strings says: with a backslash in it, as an E-prefixed
// string with the backslashes escaped.
func stringLiteral(s string) string {
	q := strings.ReplaceAll(s, "'", "''")
	if strings.Contains(q, `\`) {
		return "E'" + strings.ReplaceAll(q, `\`, `\\`) + "'"
	}
	return "'" + q + "'"
}

// commentLiteral is the operand of COMMENT ON … IS: an empty comment
// removes it (NULL).
func commentLiteral(s string) string {
	if s == "" {
		return "NULL"
	}
	return stringLiteral(s)
}

func displayName(schemaName, name string) string {
	if schemaName == "" {
		return name
	}
	return schemaName + "." + name
}

// ---- applying ----

// searchPath is the search_path the pool's sessions are pinned to.
func (c *Conn) searchPath() string {
	return c.pool.Config().ConnConfig.RuntimeParams["search_path"]
}

// ApplyDDL runs the statements in one transaction: PostgreSQL's DDL is
// transactional, so either all of them take effect or, on the first
// failure, none does. The error names the failing statement by number and
// text and carries the server's message.
func (c *Conn) ApplyDDL(ctx context.Context, statements []string) (int, error) {
	if len(statements) == 0 {
		return 0, nil
	}
	return c.ApplyDDLTimeouts(ctx, statements, ddl.Timeouts{})
}

// ApplyDDLTimeouts is ApplyDDL with lock_timeout and statement_timeout set
// for its statements (ddl.TimeoutApplier).
func (c *Conn) ApplyDDLTimeouts(ctx context.Context, statements []string, t ddl.Timeouts) (int, error) {
	if len(statements) == 0 {
		return 0, nil
	}
	if groups := applyGroups(statements); len(groups) > 1 || groups[0].alone {
		return c.applyGroups(ctx, groups, len(statements), t)
	}
	return c.applyTx(ctx, statements, t)
}

// applyTx runs statements in one transaction, all or nothing.
func (c *Conn) applyTx(ctx context.Context, statements []string, t ddl.Timeouts) (int, error) {
	tx, err := c.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("postgres: apply DDL to database %q: begin: %w", c.params.Database, statementError(ctx, "BEGIN", err))
	}
	// The session's pinned settings (see pin.go) hold for this
	// transaction whatever a user's statement did to the pooled session.
	pin := `SELECT set_config('standard_conforming_strings', 'on', true), set_config('search_path', $1, true),
		set_config('lock_timeout', coalesce(nullif($2, ''), current_setting('lock_timeout')), true),
		set_config('statement_timeout', coalesce(nullif($3, ''), current_setting('statement_timeout')), true)`
	lockT, stmtT := timeoutSettings(t)
	if _, err := execOne(ctx, tx.Conn(), pin, c.searchPath(), lockT, stmtT); err != nil {
		_ = tx.Rollback(context.WithoutCancel(ctx))
		return 0, fmt.Errorf("postgres: apply DDL to database %q: pin the session, nothing applied: %w (%w)",
			c.params.Database, statementError(ctx, pin, err), ddl.ErrRolledBack)
	}
	for i, stmt := range statements {
		// One statement per execution, through the extended protocol: a
		// copied definition cannot smuggle in a second one.
		if _, err := execOne(ctx, tx.Conn(), stmt); err != nil {
			_ = tx.Rollback(context.WithoutCancel(ctx))
			// Never committed: the server rolls back, even when the
			// connection is gone.
			return 0, fmt.Errorf("postgres: apply DDL to database %q: statement %d of %d failed, all %d rolled back:\n%s\n: %w (%w)",
				c.params.Database, i+1, len(statements), len(statements), stmt, statementError(ctx, stmt, err), ddl.ErrRolledBack)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		if commitInDoubt(err) {
			return 0, fmt.Errorf("postgres: apply DDL to database %q: %w", c.params.Database,
				&ddl.UnknownOutcome{InDoubt: len(statements), Sent: "COMMIT", Err: statementError(ctx, "COMMIT", err)})
		}
		return 0, fmt.Errorf("postgres: apply DDL to database %q: commit of %d statements failed, nothing applied: %w (%w)",
			c.params.Database, len(statements), statementError(ctx, "COMMIT", err), ddl.ErrRolledBack)
	}
	return len(statements), nil
}

// commitInDoubt tells a COMMIT whose outcome is unknown (the connection
// failed, or ctx ended, after it may have reached the server) from one the
// server answered with an error. pgconn.SafeToRetry cannot tell: when the
// answer to a sent COMMIT is lost, pgx v5.12 reports the closed connection
// as a lock error that is "safe to retry". Every failure without an answer
// is therefore in doubt; re-reading the target settles it.
func commitInDoubt(err error) bool {
	var pe *pgconn.PgError
	return !errors.As(err, &pe) && !errors.Is(err, pgx.ErrTxCommitRollback)
}
