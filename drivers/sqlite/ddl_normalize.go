package sqlite

import (
	"strings"

	"github.com/dbls/dbls/drivers/schema"
)

// NormalizeForDiff implements ddl.Normalizer: it rewrites a snapshot so
// that spellings SQLite treats as equal compare equal.
//
//   - Table.Definition, the stored CREATE text, is derived from the rest of
//     the model and dropped (a virtual table, which the model does not
//     describe otherwise, keeps a canonical CREATE VIRTUAL TABLE).
//   - SQLite has no comments: every comment is cleared.
//   - Declared types are compared in upper case with their spacing
//     collapsed; collation names in upper case, BINARY (the default) as
//     none.
//   - DEFAULT NULL is no default; keyword defaults (CURRENT_TIMESTAMP,
//     TRUE, …) are upper case.
//   - Names that refer to columns and tables (keys, indexes, foreign keys,
//     trigger tables) take the spelling of the object they name, since
//     SQLite resolves them without regard to ASCII case.
//   - A foreign key is deferred only when INITIALLY DEFERRED: in SQLite
//     DEFERRABLE INITIALLY IMMEDIATE behaves exactly like NOT DEFERRABLE.
//     MATCH is parsed but ignored by SQLite, so it is cleared.
//
// It is idempotent and changes nothing SQLite would behave differently on.
func (Driver) NormalizeForDiff(s *schema.Snapshot) {
	for si := range s.Schemas {
		sc := &s.Schemas[si]
		sc.Comment = ""
		tables := map[string]*schema.Table{}
		for ti := range sc.Tables {
			tables[asciiLower(sc.Tables[ti].Name)] = &sc.Tables[ti]
		}
		for ti := range sc.Tables {
			normalizeTable(&sc.Tables[ti], tables)
		}
		views := map[string]string{}
		for vi := range sc.Views {
			v := &sc.Views[vi]
			views[asciiLower(v.Name)] = v.Name
			v.Comment = ""
			v.Definition = trimStatement(v.Definition)
			for ci := range v.Columns {
				normalizeColumn(&v.Columns[ci])
			}
			for ii := range v.Indexes {
				v.Indexes[ii].Comment = ""
			}
		}
		for ri := range sc.Routines {
			sc.Routines[ri].Comment = ""
		}
		for ti := range sc.Triggers {
			tr := &sc.Triggers[ti]
			tr.Definition = trimStatement(tr.Definition)
			if t := tables[asciiLower(tr.Table)]; t != nil {
				tr.Table = t.Name
			} else if v, ok := views[asciiLower(tr.Table)]; ok {
				tr.Table = v
			}
		}
	}
	s.Normalize()
}

func normalizeTable(t *schema.Table, tables map[string]*schema.Table) {
	t.Comment = ""
	if isVirtual(t) {
		if using := virtualUsing(t.Definition); using != "" {
			t.Definition = "CREATE VIRTUAL TABLE " + quote(t.Name) + " " + using
		}
	} else {
		t.Definition = ""
	}
	for k, v := range t.Options {
		if (k == "strict" || k == "without_rowid") && !isTrue(v) {
			delete(t.Options, k)
		}
	}
	for ci := range t.Columns {
		normalizeColumn(&t.Columns[ci])
	}
	if pk := t.PrimaryKey; pk != nil {
		canonColumns(t, pk.Columns)
	}
	for ii := range t.Indexes {
		ix := &t.Indexes[ii]
		ix.Comment = ""
		ix.Where = strings.TrimSpace(ix.Where)
		for ci := range ix.Columns {
			ic := &ix.Columns[ci]
			if ic.Name != "" {
				if c := findColumn(t, ic.Name); c != nil {
					ic.Name = c.Name
				}
			}
			ic.Collation = normalizeCollation(ic.Collation)
		}
	}
	for ui := range t.Uniques {
		canonColumns(t, t.Uniques[ui].Columns)
	}
	for ci := range t.Checks {
		ck := &t.Checks[ci]
		ck.Expr = strings.TrimSpace(ck.Expr)
		if ck.Column != "" {
			if c := findColumn(t, ck.Column); c != nil {
				ck.Column = c.Name
			}
		}
	}
	for fi := range t.ForeignKeys {
		fk := &t.ForeignKeys[fi]
		canonColumns(t, fk.Columns)
		if parent := tables[asciiLower(fk.RefTable)]; parent != nil {
			fk.RefTable = parent.Name
			canonColumns(parent, fk.RefColumns)
		}
		fk.Match = ""
		fk.Deferrable = fk.InitiallyDeferred
	}
}

func canonColumns(t *schema.Table, names []string) {
	for i, n := range names {
		if c := findColumn(t, n); c != nil {
			names[i] = c.Name
		}
	}
}

func normalizeColumn(c *schema.Column) {
	c.Comment = ""
	c.Type = normalizeType(c.Type)
	c.Collation = normalizeCollation(c.Collation)
	if c.Generated != nil {
		c.Generated.Expr = strings.TrimSpace(c.Generated.Expr)
		c.Default = nil // SQLite refuses a default on a generated column
	}
	if c.Default != nil {
		d := strings.TrimSpace(*c.Default)
		switch u := asciiUpper(d); u {
		case "NULL":
			c.Default = nil
			return
		case "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP":
			d = u
		}
		c.Default = &d
	}
}

// normalizeType upper-cases a declared type outside quotes and collapses
// its spacing: "varchar( 10 )" and "VARCHAR(10)" are the same type.
func normalizeType(t string) string {
	toks := lex(t)
	var b strings.Builder
	for i, tok := range toks {
		if i > 0 {
			prev := toks[i-1]
			if !prev.punct("(") && !tok.punct("(") && !tok.punct(")") && !tok.punct(",") {
				b.WriteByte(' ')
			}
		}
		switch tok.kind {
		case tWord, tNumber:
			b.WriteString(asciiUpper(tok.text))
		default:
			b.WriteString(tok.text)
		}
	}
	return b.String()
}

func normalizeCollation(c string) string {
	c = asciiUpper(strings.TrimSpace(c))
	if c == "BINARY" {
		return ""
	}
	return c
}
