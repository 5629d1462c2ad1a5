package sqlite

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// tableDDL is what the stored CREATE TABLE adds to the pragmas.
type tableDDL struct {
	columns map[string]*columnDDL // by lower-case name: SQLite names are case-insensitive
	pkName  string
	uniques []schema.Unique
	checks  []schema.Check
	fks     []fkDDL
}

type columnDDL struct {
	collation     string
	generated     *schema.Generated
	autoIncrement bool
}

type fkDDL struct {
	name              string
	columns           []string
	refTable          string
	refColumns        []string
	deferrable        bool
	initiallyDeferred bool
}

func (d *tableDDL) column(name string) *columnDDL {
	if c := d.columns[strings.ToLower(name)]; c != nil {
		return c
	}
	return &columnDDL{}
}

// parseCreateTable reads CREATE [TEMP] TABLE [IF NOT EXISTS] name (…) [options].
// It never fails: what it cannot read is simply not reported.
func parseCreateTable(src string) *tableDDL {
	d := &tableDDL{columns: map[string]*columnDDL{}}
	c := &cursor{src: src, toks: lex(src)}
	for !c.done() && !c.peek().punct("(") {
		if c.peek().is("AS") { // CREATE TABLE … AS SELECT: no declarations
			return d
		}
		c.next()
	}
	_, body, ok := c.group()
	if !ok {
		return d
	}
	for _, item := range splitTop(body) {
		if len(item) == 0 {
			continue
		}
		ic := &cursor{src: src, toks: item}
		switch first := item[0]; {
		case first.is("CONSTRAINT"), first.is("PRIMARY"), first.is("UNIQUE"),
			first.is("CHECK"), first.is("FOREIGN"):
			d.tableConstraint(ic)
		default:
			d.columnDef(ic)
		}
	}
	return d
}

// columnDef reads name [type] [constraint …].
func (d *tableDDL) columnDef(c *cursor) {
	name := c.next().name()
	col := &columnDDL{}
	d.columns[strings.ToLower(name)] = col
	var constraintName string
	for !c.done() {
		t := c.next()
		switch {
		case t.is("CONSTRAINT"):
			constraintName = c.next().name()
			continue
		case t.is("PRIMARY"):
			c.accept("KEY")
			d.pkName = constraintName
		case t.is("AUTOINCREMENT"):
			col.autoIncrement = true
		case t.is("COLLATE"):
			col.collation = c.next().name()
		case t.is("UNIQUE"):
			d.uniques = append(d.uniques, schema.Unique{Name: constraintName, Columns: []string{name}})
		case t.is("CHECK"):
			if expr, _, ok := c.group(); ok {
				d.checks = append(d.checks, schema.Check{Name: constraintName, Expr: expr, Column: name})
			}
		case t.is("GENERATED"):
			c.accept("ALWAYS")
		case t.is("AS"):
			if expr, _, ok := c.group(); ok {
				col.generated = &schema.Generated{Expr: expr, Stored: c.accept("STORED")}
			}
		case t.is("REFERENCES"):
			fk := fkDDL{name: constraintName, columns: []string{name}}
			d.fks = append(d.fks, readReferences(c, fk))
		case t.punct("("):
			c.i-- // a parenthesized DEFAULT or type argument: skip it whole
			c.group()
		}
		constraintName = ""
	}
}

// tableConstraint reads [CONSTRAINT name] PRIMARY KEY|UNIQUE|CHECK|FOREIGN KEY ….
func (d *tableDDL) tableConstraint(c *cursor) {
	var name string
	if c.accept("CONSTRAINT") {
		name = c.next().name()
	}
	switch t := c.next(); {
	case t.is("PRIMARY"):
		d.pkName = name
	case t.is("UNIQUE"):
		if _, cols, ok := c.group(); ok {
			d.uniques = append(d.uniques, schema.Unique{Name: name, Columns: names(cols)})
		}
	case t.is("CHECK"):
		if expr, _, ok := c.group(); ok {
			d.checks = append(d.checks, schema.Check{Name: name, Expr: expr})
		}
	case t.is("FOREIGN"):
		c.accept("KEY")
		if _, cols, ok := c.group(); ok && c.accept("REFERENCES") {
			d.fks = append(d.fks, readReferences(c, fkDDL{name: name, columns: names(cols)}))
		}
	}
}

// readReferences reads "table [(cols)] [actions] [deferrable]" after REFERENCES.
// Actions come from pragma_foreign_key_list; only deferrability is read here.
func readReferences(c *cursor, fk fkDDL) fkDDL {
	fk.refTable = c.next().name()
	if _, cols, ok := c.group(); ok {
		fk.refColumns = names(cols)
	}
	for !c.done() {
		switch {
		case c.accept("NOT", "DEFERRABLE"):
			fk.deferrable = false
		case c.accept("DEFERRABLE"):
			fk.deferrable = true
			if c.accept("INITIALLY", "DEFERRED") {
				fk.initiallyDeferred = true
			}
		case c.peek().is("CONSTRAINT"), c.peek().is("PRIMARY"), c.peek().is("UNIQUE"),
			c.peek().is("CHECK"), c.peek().is("NOT"), c.peek().is("DEFAULT"),
			c.peek().is("COLLATE"), c.peek().is("REFERENCES"), c.peek().is("GENERATED"):
			return fk // the next column constraint
		default:
			c.next()
		}
	}
	return fk
}

// indexDDL is what the stored CREATE INDEX adds to pragma_index_xinfo: the
// text of expression key parts (in key order) and the partial predicate.
type indexDDL struct {
	parts []string
	where string
}

// parseCreateIndex reads CREATE [UNIQUE] INDEX … ON table (parts) [WHERE expr].
func parseCreateIndex(src string) indexDDL {
	var d indexDDL
	c := &cursor{src: src, toks: lex(src)}
	for !c.done() && !c.peek().is("ON") {
		c.next()
	}
	c.next() // ON
	c.next() // table
	_, body, ok := c.group()
	if !ok {
		return d
	}
	for _, item := range splitTop(body) {
		d.parts = append(d.parts, keyPartText(src, item))
	}
	if c.accept("WHERE") && !c.done() {
		d.where = strings.TrimSuffix(strings.TrimSpace(src[c.peek().start:]), ";")
		d.where = strings.TrimSpace(d.where)
	}
	return d
}

// keyPartText drops a trailing ASC/DESC and COLLATE name from an index key
// part; the pragma reports those separately.
func keyPartText(src string, item []token) string {
	n := len(item)
	if n > 0 && (item[n-1].is("ASC") || item[n-1].is("DESC")) {
		n--
	}
	if n > 2 && item[n-2].is("COLLATE") {
		n -= 2
	}
	return text(src, item[:n])
}

// parseCreateView returns the query of CREATE VIEW name [(cols)] AS query.
func parseCreateView(src string) string {
	q, _ := parseCreateViewColumns(src)
	return q
}

// parseCreateViewColumns returns the query and the column list as written
// ("x, y" of CREATE VIEW v (x, y) AS …; empty when there is none).
func parseCreateViewColumns(src string) (query, columns string) {
	c := &cursor{src: src, toks: lex(src)}
	for !c.done() {
		if t := c.next(); t.is("AS") && !c.done() {
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(src[c.peek().start:]), ";")), columns
		}
		if c.peek().punct("(") {
			columns, _, _ = c.group()
		}
	}
	return "", ""
}

// parseCreateTrigger returns the timing and events of a CREATE TRIGGER.
func parseCreateTrigger(src string) (timing string, events []string) {
	c := &cursor{src: src, toks: lex(src)}
	for !c.done() && !c.peek().is("ON") {
		switch {
		case c.accept("INSTEAD", "OF"):
			timing = "INSTEAD OF"
		case c.accept("BEFORE"):
			timing = "BEFORE"
		case c.accept("AFTER"):
			timing = "AFTER"
		case c.peek().is("INSERT"), c.peek().is("UPDATE"), c.peek().is("DELETE"):
			events = append(events, strings.ToUpper(c.next().text))
		default:
			c.next()
		}
	}
	if timing == "" {
		timing = "BEFORE" // SQLite's default
	}
	return timing, events
}
