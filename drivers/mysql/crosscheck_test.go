package mysql

import (
	"database/sql"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// TestSnapshotMatchesIndependentCatalog loads each fixture into a fresh
// database and checks the snapshot against an oracle that reads the same
// facts through other statements than the driver: where the driver runs one
// batched information_schema query per kind of object, the oracle runs the
// naive SHOW statements, one (or a few) per table. Agreement between the two
// says the snapshot reports what the server holds, not merely what one set
// of queries happened to return.
func TestSnapshotMatchesIndependentCatalog(t *testing.T) {
	kit, err := drivertest.Fixture("mysql")
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range []struct{ name, script string }{
		{"shop", shopFixture},
		{"conformance", kit},
		{"edge", edgeFixture},
	} {
		t.Run(fx.name, func(t *testing.T) {
			c, p := open(t)
			exec(t, c, fx.script)
			if fx.name == "edge" && c.flavor.mariaDB {
				exec(t, c, edgeFixtureMariaDB)
			}
			s, err := c.Snapshot(ctxT(t), drivers.Filter{})
			if err != nil {
				t.Fatal(err)
			}
			var sc *schema.Schema
			for i := range s.Schemas {
				if s.Schemas[i].Name == p.Database {
					sc = &s.Schemas[i]
				}
			}
			if sc == nil {
				t.Fatalf("snapshot has no schema %s (has %v)", p.Database, schemaNames(s))
			}
			o := readOracle(t, c, p.Database)
			if len(o.tables) == 0 || len(o.views) == 0 || len(o.triggers) == 0 || len(o.routines) == 0 {
				t.Fatalf("oracle read too little to prove anything: %d tables, %d views, %d triggers, %d routines",
					len(o.tables), len(o.views), len(o.triggers), len(o.routines))
			}
			crossCheck(t, o, sc)
		})
	}
}

// edgeFixture adds what neither fixture above holds, so that the cross
// check has something to catch in those places too: UNIQUE indexes that
// must stay a schema.Index (prefix, DESC, comment), a SPATIAL index,
// explicit NO ACTION / RESTRICT rules, an unnamed table check, several
// triggers and a procedure.
const edgeFixture = "CREATE TABLE edge_parent (\n" +
	"  id INT NOT NULL PRIMARY KEY,\n" +
	"  code VARCHAR(20) NOT NULL,\n" +
	"  UNIQUE KEY uq_parent_code_id (code, id)\n" +
	");\n" +
	"CREATE TABLE edge (\n" +
	"  id INT NOT NULL AUTO_INCREMENT,\n" +
	"  parent_id INT NULL,\n" +
	"  name VARCHAR(100) NOT NULL,\n" +
	"  body TEXT NULL,\n" +
	"  place GEOMETRY NOT NULL,\n" +
	"  qty INT NOT NULL,\n" +
	"  PRIMARY KEY (id),\n" +
	"  UNIQUE KEY uq_edge_name_prefix (name(10)),\n" +
	"  UNIQUE KEY uq_edge_qty_desc (qty DESC),\n" +
	"  UNIQUE KEY uq_edge_commented (parent_id, qty) COMMENT 'documented',\n" +
	"  SPATIAL KEY sp_edge_place (place),\n" +
	"  CONSTRAINT fk_edge_parent FOREIGN KEY (parent_id) REFERENCES edge_parent (id) ON DELETE NO ACTION ON UPDATE RESTRICT,\n" +
	"  CHECK (qty <> 13)\n" +
	") COMMENT 'edge cases';\n" +
	"CREATE VIEW edge_names AS SELECT id, name FROM edge;\n" +
	"CREATE PROCEDURE edge_touch() SET @edge_touched = 1;\n" +
	"CREATE TRIGGER edge_ai AFTER INSERT ON edge FOR EACH ROW SET @edge_last = NEW.id;\n" +
	"CREATE TRIGGER edge_bd BEFORE DELETE ON edge FOR EACH ROW SET @edge_last = OLD.id;\n"

// edgeFixtureMariaDB is MariaDB's long unique key, which the server keeps
// as a HASH index.
const edgeFixtureMariaDB = "ALTER TABLE edge ADD UNIQUE KEY uq_edge_body (body);\n"

// oracleCatalog is what the SHOW statements say about one database.
type oracleCatalog struct {
	db       string
	tables   []*oracleTable
	views    map[string][]string // view → column names in order
	triggers []oracleTrigger
	routines []oracleRoutine
}

type oracleTable struct {
	name               string
	comment, engine    string
	collation, charset string
	columns            []oracleColumn
	primaryKey         []string
	indexes            []oracleIndex
	foreignKeys        []schema.ForeignKey
	checks             map[string]string // name → column for a column-level check
	createTable        string            // for messages
}

type oracleColumn struct {
	name                            string
	nullable, autoIncrement         bool
	generated, stored               bool
	comment, collation, charset     string // collation and charset only where they differ from the table's
	rawCollation, rawExtra, rawNull string // as SHOW FULL COLUMNS printed them, for messages
}

type oracleIndex struct {
	name      string
	nonUnique bool
	parts     []schema.IndexColumn
	indexType string
	comment   string
}

type oracleTrigger struct{ name, table, timing, event string }

type oracleRoutine struct{ name, kind string }

// oracleQuote quotes an identifier for MySQL, doubling embedded backticks.
// It is the oracle's own, so that a bug in the driver's Dialect cannot hide.
func oracleQuote(name string) string {
	return "`" + strings.ReplaceAll(name, "`", "``") + "`"
}

// showRows runs one SHOW statement and returns its rows keyed by column
// label, NULL kept apart from the empty string.
func showRows(t *testing.T, c *Conn, query string, args ...any) []map[string]sql.NullString {
	t.Helper()
	rows, err := c.db.QueryContext(ctxT(t), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	var out []map[string]sql.NullString
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		row := make(map[string]sql.NullString, len(cols))
		for i, col := range cols {
			row[col] = vals[i]
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// readOracle reads the database db the naive way: SHOW FULL TABLES, then
// per table SHOW TABLE STATUS, SHOW FULL COLUMNS, SHOW INDEX and SHOW CREATE
// TABLE; then SHOW TRIGGERS and SHOW FUNCTION/PROCEDURE STATUS.
func readOracle(t *testing.T, c *Conn, db string) *oracleCatalog {
	t.Helper()
	o := &oracleCatalog{db: db, views: map[string][]string{}}
	qdb := oracleQuote(db)
	charsets := map[string]string{} // collation → character set, from SHOW COLLATION
	charsetOfCollation := func(coll string) string {
		if cs, ok := charsets[coll]; ok {
			return cs
		}
		rows := showRows(t, c, "SHOW COLLATION WHERE Collation = ?", coll)
		if len(rows) != 1 {
			t.Fatalf("SHOW COLLATION %q: %d rows", coll, len(rows))
		}
		charsets[coll] = rows[0]["Charset"].String
		return charsets[coll]
	}

	for _, row := range showRows(t, c, "SHOW FULL TABLES FROM "+qdb) {
		name := row["Tables_in_"+db].String
		switch typ := row["Table_type"].String; typ {
		case "BASE TABLE", "SYSTEM VERSIONED":
			o.tables = append(o.tables, &oracleTable{name: name})
		case "VIEW":
			o.views[name] = nil
		default:
			t.Logf("SHOW FULL TABLES: %s is a %s, not compared", name, typ)
		}
	}

	for _, tb := range o.tables {
		qt := qdb + "." + oracleQuote(tb.name)

		status := showRows(t, c, "SHOW TABLE STATUS FROM "+qdb+" WHERE Name = ?", tb.name)
		if len(status) != 1 {
			t.Fatalf("SHOW TABLE STATUS %s: %d rows", tb.name, len(status))
		}
		tb.comment = status[0]["Comment"].String
		tb.engine = status[0]["Engine"].String
		if coll := status[0]["Collation"]; coll.Valid {
			tb.collation = coll.String
			tb.charset = charsetOfCollation(coll.String)
		}

		for _, row := range showRows(t, c, "SHOW FULL COLUMNS FROM "+qt) {
			extra := strings.ToUpper(row["Extra"].String)
			col := oracleColumn{
				name:          row["Field"].String,
				nullable:      row["Null"].String == "YES",
				autoIncrement: strings.Contains(extra, "AUTO_INCREMENT"),
				// MySQL 8 says DEFAULT_GENERATED for an expression
				// default: that is not a generated column.
				generated: strings.Contains(extra, "VIRTUAL GENERATED") ||
					strings.Contains(extra, "STORED GENERATED") ||
					strings.Contains(extra, "PERSISTENT GENERATED"),
				stored:       strings.Contains(extra, "STORED GENERATED") || strings.Contains(extra, "PERSISTENT GENERATED"),
				comment:      row["Comment"].String,
				rawCollation: row["Collation"].String,
				rawExtra:     row["Extra"].String,
				rawNull:      row["Null"].String,
			}
			// The model keeps a column's collation and character set only
			// where they differ from the table's defaults (see
			// schema.Column and tableColumn).
			if coll := row["Collation"]; coll.Valid {
				if coll.String != tb.collation {
					col.collation = coll.String
				}
				if cs := charsetOfCollation(coll.String); cs != tb.charset {
					col.charset = cs
				}
			}
			tb.columns = append(tb.columns, col)
		}

		// SHOW INDEX lists key parts in Seq_in_index order within each
		// index; indexes are keyed by Key_name in first-seen order.
		byName := map[string]*oracleIndex{}
		var order []string
		for _, row := range showRows(t, c, "SHOW INDEX FROM "+qt) {
			name := row["Key_name"].String
			x := byName[name]
			if x == nil {
				x = &oracleIndex{
					name:      name,
					nonUnique: row["Non_unique"].String != "0",
					indexType: row["Index_type"].String,
					comment:   row["Index_comment"].String,
				}
				byName[name] = x
				order = append(order, name)
			}
			if seq := row["Seq_in_index"].String; seq != fmt.Sprint(len(x.parts)+1) {
				t.Fatalf("SHOW INDEX FROM %s: %s part %s out of order", tb.name, name, seq)
			}
			part := schema.IndexColumn{Desc: row["Collation"].String == "D"}
			if col := row["Column_name"]; col.Valid {
				part.Name = col.String
			} else if expr, ok := row["Expression"]; ok && expr.Valid {
				part.Expr = expr.String // MySQL 8 functional key part
			}
			// A SPATIAL part's Sub_part (32 on MariaDB) is no prefix:
			// CREATE SPATIAL INDEX refuses one.
			if sub := row["Sub_part"]; sub.Valid && !strings.EqualFold(row["Index_type"].String, "SPATIAL") {
				if _, err := fmt.Sscan(sub.String, &part.Length); err != nil {
					t.Fatalf("SHOW INDEX FROM %s: %s Sub_part %q: %v", tb.name, name, sub.String, err)
				}
			}
			x.parts = append(x.parts, part)
		}
		for _, name := range order {
			x := byName[name]
			if name == "PRIMARY" {
				for _, p := range x.parts {
					tb.primaryKey = append(tb.primaryKey, p.Name)
				}
				continue
			}
			tb.indexes = append(tb.indexes, *x)
		}

		create := showRows(t, c, "SHOW CREATE TABLE "+qt)
		if len(create) != 1 {
			t.Fatalf("SHOW CREATE TABLE %s: %d rows", tb.name, len(create))
		}
		tb.createTable = create[0]["Create Table"].String
		tb.foreignKeys, tb.checks = parseCreateTable(t, tb.createTable, db, c.flavor.mariaDB)
	}

	for name := range o.views {
		for _, row := range showRows(t, c, "SHOW FULL COLUMNS FROM "+qdb+"."+oracleQuote(name)) {
			o.views[name] = append(o.views[name], row["Field"].String)
		}
	}

	for _, row := range showRows(t, c, "SHOW TRIGGERS FROM "+qdb) {
		o.triggers = append(o.triggers, oracleTrigger{
			name:   row["Trigger"].String,
			table:  row["Table"].String,
			timing: strings.ToUpper(row["Timing"].String),
			event:  strings.ToUpper(row["Event"].String),
		})
	}
	for _, kind := range []string{"FUNCTION", "PROCEDURE"} {
		for _, row := range showRows(t, c, "SHOW "+kind+" STATUS WHERE Db = ?", db) {
			o.routines = append(o.routines, oracleRoutine{name: row["Name"].String, kind: strings.ToLower(row["Type"].String)})
		}
	}
	return o
}

// Patterns over the element lines of SHOW CREATE TABLE, which the server
// prints one per line, two spaces in, with identifiers always backquoted.
var (
	ocIdent   = "`(?:[^`]|``)*`"
	ocIdents  = ocIdent + "(?:, ?" + ocIdent + ")*"
	ocIdentRe = regexp.MustCompile(ocIdent)
	ocFKRe    = regexp.MustCompile(`^CONSTRAINT (` + ocIdent + `) FOREIGN KEY \((` + ocIdents + `)\) REFERENCES (?:(` +
		ocIdent + `)\.)?(` + ocIdent + `) \((` + ocIdents + `)\)(.*)$`)
	ocCheckRe    = regexp.MustCompile(`^CONSTRAINT (` + ocIdent + `) CHECK \(`)
	ocColCheckRe = regexp.MustCompile(`^(` + ocIdent + `) .* CHECK \(`)
	ocActionRe   = regexp.MustCompile(`ON (DELETE|UPDATE) (RESTRICT|CASCADE|SET NULL|NO ACTION|SET DEFAULT)`)
)

func ocUnquote(q string) string {
	return strings.ReplaceAll(q[1:len(q)-1], "``", "`")
}

func ocUnquoteAll(list string) []string {
	var out []string
	for _, q := range ocIdentRe.FindAllString(list, -1) {
		out = append(out, ocUnquote(q))
	}
	return out
}

// parseCreateTable finds the FOREIGN KEY and CHECK constraints in a SHOW
// CREATE TABLE text. A referential clause the server leaves out is the
// server's default: MariaDB reports it as RESTRICT (and leaves out an
// explicit RESTRICT too), MySQL 8 as NO ACTION. MariaDB prints a check
// declared on a column inside that column's line and names it after the
// column; the driver says so in Check.Column.
func parseCreateTable(t *testing.T, create, db string, mariaDB bool) ([]schema.ForeignKey, map[string]string) {
	t.Helper()
	def := schema.ActionNoAction
	if mariaDB {
		def = schema.ActionRestrict
	}
	var fks []schema.ForeignKey
	checks := map[string]string{}
	lines := strings.Split(create, "\n")
	for _, line := range lines[1:] { // lines[0] is CREATE TABLE `t` (
		line = strings.TrimSuffix(strings.TrimSpace(line), ",")
		if m := ocFKRe.FindStringSubmatch(line); m != nil {
			fk := schema.ForeignKey{
				Name:       ocUnquote(m[1]),
				Columns:    ocUnquoteAll(m[2]),
				RefSchema:  db,
				RefTable:   ocUnquote(m[4]),
				RefColumns: ocUnquoteAll(m[5]),
				OnDelete:   def,
				OnUpdate:   def,
			}
			if m[3] != "" {
				fk.RefSchema = ocUnquote(m[3])
			}
			for _, a := range ocActionRe.FindAllStringSubmatch(m[6], -1) {
				if a[1] == "DELETE" {
					fk.OnDelete = a[2]
				} else {
					fk.OnUpdate = a[2]
				}
			}
			fks = append(fks, fk)
			continue
		}
		if strings.Contains(line, "FOREIGN KEY") && strings.HasPrefix(line, "CONSTRAINT ") {
			t.Fatalf("oracle cannot parse foreign key line %q", line)
		}
		if m := ocCheckRe.FindStringSubmatch(line); m != nil {
			checks[ocUnquote(m[1])] = ""
			continue
		}
		if m := ocColCheckRe.FindStringSubmatch(line); m != nil {
			name := ocUnquote(m[1])
			checks[name] = name
		}
	}
	return fks, checks
}

// crossCheck compares the oracle with the snapshot's schema and reports
// every difference.
func crossCheck(t *testing.T, o *oracleCatalog, sc *schema.Schema) {
	// Tables and views.
	var wantTables []string
	for _, tb := range o.tables {
		wantTables = append(wantTables, tb.name)
	}
	var gotTables []string
	for _, tb := range sc.Tables {
		gotTables = append(gotTables, tb.Name)
	}
	slices.Sort(wantTables)
	slices.Sort(gotTables)
	if !slices.Equal(gotTables, wantTables) {
		t.Errorf("base tables = %q, SHOW FULL TABLES says %q", gotTables, wantTables)
	}
	wantViews := slices.Sorted(maps.Keys(o.views))
	var gotViews []string
	for _, v := range sc.Views {
		gotViews = append(gotViews, v.Name)
		if want, ok := o.views[v.Name]; ok {
			var got []string
			for _, col := range v.Columns {
				got = append(got, col.Name)
			}
			if !slices.Equal(got, want) {
				t.Errorf("view %q: columns = %q, SHOW FULL COLUMNS says %q", v.Name, got, want)
			}
		}
	}
	slices.Sort(gotViews)
	if !slices.Equal(gotViews, wantViews) {
		t.Errorf("views = %q, SHOW FULL TABLES says %q", gotViews, wantViews)
	}

	for _, want := range o.tables {
		got := sc.Table(want.name)
		if got == nil {
			continue // reported above
		}
		crossCheckTable(t, want, got)
	}

	// Triggers.
	var wantTrg, gotTrg []string
	for _, tr := range o.triggers {
		wantTrg = append(wantTrg, fmt.Sprintf("%s on %s %s %s", tr.name, tr.table, tr.timing, tr.event))
	}
	for _, tr := range sc.Triggers {
		gotTrg = append(gotTrg, fmt.Sprintf("%s on %s %s %s", tr.Name, tr.Table, tr.Timing, strings.Join(tr.Events, " OR ")))
	}
	slices.Sort(wantTrg)
	slices.Sort(gotTrg)
	if !slices.Equal(gotTrg, wantTrg) {
		t.Errorf("triggers = %q, SHOW TRIGGERS says %q", gotTrg, wantTrg)
	}

	// Routines.
	var wantRt, gotRt []string
	for _, r := range o.routines {
		wantRt = append(wantRt, r.kind+" "+r.name)
	}
	for _, r := range sc.Routines {
		gotRt = append(gotRt, r.Kind+" "+r.Name)
	}
	slices.Sort(wantRt)
	slices.Sort(gotRt)
	if !slices.Equal(gotRt, wantRt) {
		t.Errorf("routines = %q, SHOW FUNCTION/PROCEDURE STATUS says %q", gotRt, wantRt)
	}
}

func crossCheckTable(t *testing.T, want *oracleTable, got *schema.Table) {
	tn := want.name

	if got.Comment != want.comment {
		t.Errorf("table %q: comment = %q, SHOW TABLE STATUS says %q", tn, got.Comment, want.comment)
	}
	if e := got.Options["engine"]; e != want.engine {
		t.Errorf("table %q: engine = %q, SHOW TABLE STATUS says %q", tn, e, want.engine)
	}
	if coll := got.Options["collation"]; coll != want.collation {
		t.Errorf("table %q: collation = %q, SHOW TABLE STATUS says %q", tn, coll, want.collation)
	}
	if cs := got.Options["charset"]; cs != want.charset {
		t.Errorf("table %q: charset = %q, SHOW COLLATION says %q", tn, cs, want.charset)
	}

	// Columns, in order, and their attributes.
	var wantCols, gotCols []string
	for _, col := range want.columns {
		wantCols = append(wantCols, col.name)
	}
	for _, col := range got.Columns {
		gotCols = append(gotCols, col.Name)
	}
	if !slices.Equal(gotCols, wantCols) {
		t.Errorf("table %q: columns = %q, SHOW FULL COLUMNS says %q", tn, gotCols, wantCols)
	}
	for i, w := range want.columns {
		if i >= len(got.Columns) || got.Columns[i].Name != w.name {
			continue // order reported above
		}
		g := got.Columns[i]
		where := fmt.Sprintf("table %q column %q", tn, w.name)
		if g.Position != i+1 {
			t.Errorf("%s: position = %d, SHOW FULL COLUMNS lists it %d", where, g.Position, i+1)
		}
		if g.Nullable != w.nullable {
			t.Errorf("%s: nullable = %v, SHOW FULL COLUMNS Null = %q", where, g.Nullable, w.rawNull)
		}
		if g.AutoIncrement != w.autoIncrement {
			t.Errorf("%s: auto_increment = %v, SHOW FULL COLUMNS Extra = %q", where, g.AutoIncrement, w.rawExtra)
		}
		switch {
		case (g.Generated != nil) != w.generated:
			t.Errorf("%s: generated = %+v, SHOW FULL COLUMNS Extra = %q", where, g.Generated, w.rawExtra)
		case g.Generated != nil && (g.Generated.Stored != w.stored || g.Generated.Expr == ""):
			t.Errorf("%s: generated = %+v, SHOW FULL COLUMNS Extra = %q", where, *g.Generated, w.rawExtra)
		}
		if g.Comment != w.comment {
			t.Errorf("%s: comment = %q, SHOW FULL COLUMNS says %q", where, g.Comment, w.comment)
		}
		if g.Collation != w.collation {
			t.Errorf("%s: collation = %q, SHOW FULL COLUMNS says %q (table default %q)", where, g.Collation, w.rawCollation, want.collation)
		}
		if g.Charset != w.charset {
			t.Errorf("%s: charset = %q, want %q (collation %q, table default %q)", where, g.Charset, w.charset, w.rawCollation, want.charset)
		}
	}

	// Primary key.
	var gotPK []string
	if got.PrimaryKey != nil {
		gotPK = got.PrimaryKey.Columns
	}
	if !slices.Equal(gotPK, want.primaryKey) {
		t.Errorf("table %q: primary key = %q, SHOW INDEX PRIMARY says %q", tn, gotPK, want.primaryKey)
	}

	// Other indexes. The driver reports a UNIQUE index as a schema.Unique
	// (a unique constraint) when schema.Unique can say all there is to it:
	// every key part a whole column in ascending order, the default BTREE
	// method and no index comment. Anything else (a prefix, DESC, an
	// expression, FULLTEXT/SPATIAL/HASH, a comment) stays a schema.Index
	// with Unique set. The oracle applies the same rule to SHOW INDEX.
	wantUniques := map[string][]string{}
	wantIndexes := map[string]schema.Index{}
	for _, x := range want.indexes {
		method := strings.ToLower(x.indexType)
		if method == "btree" {
			method = ""
		}
		plain := true
		for _, p := range x.parts {
			if p.Name == "" || p.Length > 0 || p.Desc {
				plain = false
			}
		}
		if !x.nonUnique && plain && method == "" && x.comment == "" {
			var cols []string
			for _, p := range x.parts {
				cols = append(cols, p.Name)
			}
			wantUniques[x.name] = cols
			continue
		}
		wantIndexes[x.name] = schema.Index{Name: x.name, Columns: x.parts, Unique: !x.nonUnique, Method: method, Comment: x.comment}
	}
	gotUniques := map[string][]string{}
	for _, u := range got.Uniques {
		gotUniques[u.Name] = u.Columns
	}
	gotIndexes := map[string]schema.Index{}
	for _, x := range got.Indexes {
		gotIndexes[x.Name] = x
	}
	for _, name := range slices.Sorted(maps.Keys(wantUniques)) {
		g, ok := gotUniques[name]
		switch {
		case !ok && hasKey(gotIndexes, name):
			t.Errorf("table %q: unique index %q reported as an Index %+v, SHOW INDEX says a plain unique key on %q", tn, name, gotIndexes[name], wantUniques[name])
		case !ok:
			t.Errorf("table %q: unique %q missing (SHOW INDEX: on %q)", tn, name, wantUniques[name])
		case !slices.Equal(g, wantUniques[name]):
			t.Errorf("table %q: unique %q columns = %q, SHOW INDEX says %q", tn, name, g, wantUniques[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(gotUniques)) {
		if !hasKey(wantUniques, name) && !hasKey(wantIndexes, name) {
			t.Errorf("table %q: unique %q not in SHOW INDEX", tn, name)
		} else if hasKey(wantIndexes, name) {
			t.Errorf("table %q: index %q reported as a Unique on %q, SHOW INDEX says %+v", tn, name, gotUniques[name], wantIndexes[name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(wantIndexes)) {
		w := wantIndexes[name]
		g, ok := gotIndexes[name]
		if !ok {
			if !hasKey(gotUniques, name) {
				t.Errorf("table %q: index %q missing (SHOW INDEX: %+v)", tn, name, w)
			}
			continue
		}
		if g.Unique != w.Unique {
			t.Errorf("table %q index %q: unique = %v, SHOW INDEX Non_unique says %v", tn, name, g.Unique, w.Unique)
		}
		if g.Method != w.Method {
			t.Errorf("table %q index %q: method = %q, SHOW INDEX Index_type says %q", tn, name, g.Method, w.Method)
		}
		if g.Comment != w.Comment {
			t.Errorf("table %q index %q: comment = %q, SHOW INDEX says %q", tn, name, g.Comment, w.Comment)
		}
		if !slices.Equal(g.Columns, w.Columns) {
			t.Errorf("table %q index %q: key parts = %+v, SHOW INDEX says %+v", tn, name, g.Columns, w.Columns)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(gotIndexes)) {
		if !hasKey(wantIndexes, name) && !hasKey(wantUniques, name) {
			t.Errorf("table %q: index %q not in SHOW INDEX", tn, name)
		}
	}

	// Foreign keys.
	wantFKs := map[string]schema.ForeignKey{}
	for _, fk := range want.foreignKeys {
		wantFKs[fk.Name] = fk
	}
	gotFKs := map[string]schema.ForeignKey{}
	for _, fk := range got.ForeignKeys {
		gotFKs[fk.Name] = fk
	}
	for _, name := range slices.Sorted(maps.Keys(wantFKs)) {
		w := wantFKs[name]
		g, ok := gotFKs[name]
		if !ok {
			t.Errorf("table %q: foreign key %q missing (SHOW CREATE TABLE: %+v)", tn, name, w)
			continue
		}
		if !slices.Equal(g.Columns, w.Columns) || g.RefSchema != w.RefSchema || g.RefTable != w.RefTable ||
			!slices.Equal(g.RefColumns, w.RefColumns) || g.OnDelete != w.OnDelete || g.OnUpdate != w.OnUpdate {
			t.Errorf("table %q foreign key %q:\n got (%q) → %s.%s (%q) ON DELETE %s ON UPDATE %s\nwant (%q) → %s.%s (%q) ON DELETE %s ON UPDATE %s (from SHOW CREATE TABLE)",
				tn, name, g.Columns, g.RefSchema, g.RefTable, g.RefColumns, g.OnDelete, g.OnUpdate,
				w.Columns, w.RefSchema, w.RefTable, w.RefColumns, w.OnDelete, w.OnUpdate)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(gotFKs)) {
		if !hasKey(wantFKs, name) {
			t.Errorf("table %q: foreign key %q not in SHOW CREATE TABLE", tn, name)
		}
	}
	if len(got.ForeignKeys) != len(want.foreignKeys) {
		t.Errorf("table %q: %d foreign keys, SHOW CREATE TABLE has %d", tn, len(got.ForeignKeys), len(want.foreignKeys))
	}

	// Check constraints: names, count and the column of a column check.
	gotChecks := map[string]string{}
	for _, ck := range got.Checks {
		gotChecks[ck.Name] = ck.Column
		if ck.Expr == "" {
			t.Errorf("table %q check %q: empty expression", tn, ck.Name)
		}
	}
	if len(got.Checks) != len(want.checks) || !maps.Equal(gotChecks, want.checks) {
		t.Errorf("table %q: checks (name → column) = %v, SHOW CREATE TABLE says %v\n%s", tn, gotChecks, want.checks, want.createTable)
	}
}

func hasKey[V any](m map[string]V, k string) bool {
	_, ok := m[k]
	return ok
}
