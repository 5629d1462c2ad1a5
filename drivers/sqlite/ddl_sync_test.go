package sqlite_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqlite"
)

// The renderer is tested the way sync uses it: Changes are built from real
// snapshot objects of a database in the desired state, rendered, applied to
// a database in the "before" state, and the result, snapshotted again, must
// equal the desired schema.

type syncCase struct {
	name    string
	before  string // script for the target
	desired string // script for the source
	// changes builds the changes from the desired (src) and current (dst)
	// main schemas.
	changes func(src, dst *schema.Schema) []ddl.Change
	// rows are queries whose results must be the same before and after.
	rows []string
}

func openDB(t *testing.T, script string) drivers.Conn {
	t.Helper()
	c, _, err := drivers.Open(context.Background(), drivertest.SQLiteURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if strings.TrimSpace(script) != "" {
		if _, err := c.(drivers.Execer).Exec(context.Background(), script); err != nil {
			t.Fatalf("setup: %v\n%s", err, script)
		}
	}
	return c
}

// mainSchema snapshots c and returns its main schema, normalized for diff.
func mainSchema(t *testing.T, c drivers.Conn) *schema.Schema {
	t.Helper()
	s, err := c.Snapshot(context.Background(), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sqlite.Driver{}.NormalizeForDiff(s)
	for i := range s.Schemas {
		if s.Schemas[i].Name == "main" {
			return &s.Schemas[i]
		}
	}
	t.Fatal("no main schema")
	return nil
}

func table(sc *schema.Schema, name string) *schema.Table {
	for i := range sc.Tables {
		if strings.EqualFold(sc.Tables[i].Name, name) {
			return &sc.Tables[i]
		}
	}
	return nil
}

func view(sc *schema.Schema, name string) *schema.View {
	for i := range sc.Views {
		if strings.EqualFold(sc.Views[i].Name, name) {
			return &sc.Views[i]
		}
	}
	return nil
}

func trigger(sc *schema.Schema, name string) *schema.Trigger {
	for i := range sc.Triggers {
		if strings.EqualFold(sc.Triggers[i].Name, name) {
			return &sc.Triggers[i]
		}
	}
	return nil
}

func index(t *schema.Table, name string) *schema.Index {
	for i := range t.Indexes {
		if strings.EqualFold(t.Indexes[i].Name, name) {
			return &t.Indexes[i]
		}
	}
	return nil
}

func column(t *schema.Table, name string) *schema.Column {
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

// createAll creates a table without its indexes, then the indexes, as diff
// does.
func createAll(src *schema.Schema, name string) []ddl.Change {
	t := table(src, name)
	bare := *t
	bare.Indexes = nil
	out := []ddl.Change{ddl.CreateTable{Schema: "main", Table: bare}}
	for i := range t.Indexes {
		out = append(out, ddl.CreateIndex{On: ddl.On{Schema: "main", Table: t.Name, Desired: t}, Index: t.Indexes[i]})
	}
	return out
}

func rebuild(src, dst *schema.Schema, name string) ddl.Change {
	return ddl.RebuildTable{On: ddl.On{Schema: "main", Table: name, Desired: table(src, name), Current: table(dst, name)}}
}

const hostile = `"we""ird;table"`

var syncCases = []syncCase{
	{
		name: "create tables with every column and constraint feature",
		desired: `
CREATE TABLE "Parent" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "code" TEXT NOT NULL COLLATE NOCASE,
  CONSTRAINT "uq code" UNIQUE ("code"));
CREATE TABLE ` + hostile + ` (
  "select" INTEGER NOT NULL,
  "Ünïcødé" TEXT NOT NULL DEFAULT 'ä''s' COLLATE RTRIM CONSTRAINT "ck;len" CHECK (length("Ünïcødé") < 50),
  qty INT DEFAULT (1 + 1) CHECK (qty >= 0),
  at TEXT DEFAULT CURRENT_TIMESTAMP,
  neg REAL DEFAULT -1.5,
  word TEXT DEFAULT hello,
  dq TEXT DEFAULT "double",
  made TEXT DEFAULT (datetime('now')),
  twice INT GENERATED ALWAYS AS (qty * 2) STORED,
  upper_u TEXT AS (upper("Ünïcødé")) VIRTUAL,
  parent_code TEXT,
  parent_id INTEGER,
  CONSTRAINT "pk;x" PRIMARY KEY ("select", "Ünïcødé"),
  CONSTRAINT "fk ""parent""" FOREIGN KEY (parent_id) REFERENCES "Parent" ("Id") ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
  FOREIGN KEY (parent_code) REFERENCES "parent" (code) ON DELETE CASCADE,
  CHECK (qty < 1000)
) WITHOUT ROWID;
CREATE TABLE "order" ("group" ANY, "Mixed" INT, id INTEGER PRIMARY KEY) STRICT;
CREATE UNIQUE INDEX "ix;u" ON ` + hostile + ` ("Ünïcødé" COLLATE NOCASE DESC, qty) WHERE qty > 0;
CREATE INDEX ix_expr ON ` + hostile + ` (lower("Ünïcødé"), qty + 1 DESC);
CREATE VIEW "v ""all""" AS SELECT "select", qty FROM ` + hostile + `;
CREATE TRIGGER "tr;ins" AFTER INSERT ON "Parent" BEGIN UPDATE "order" SET "Mixed" = 1; END;
`,
		changes: func(src, _ *schema.Schema) []ddl.Change {
			out := createAll(src, "Parent")
			out = append(out, createAll(src, `we"ird;table`)...)
			out = append(out, createAll(src, "order")...)
			out = append(out,
				ddl.CreateView{Schema: "main", View: *view(src, `v "all"`)},
				ddl.CreateTrigger{Schema: "main", Table: "Parent", Trigger: *trigger(src, "tr;ins")})
			return out
		},
	},
	{
		name: "drop every kind of object",
		before: `
CREATE TABLE a (x INTEGER PRIMARY KEY, y TEXT);
CREATE TABLE "Drop me" (z);
CREATE INDEX "a;y" ON a (y);
CREATE VIEW va AS SELECT x FROM a;
CREATE TRIGGER ta AFTER DELETE ON a BEGIN SELECT 1; END;
INSERT INTO a VALUES (1, 'one');`,
		desired: `CREATE TABLE a (x INTEGER PRIMARY KEY, y TEXT);`,
		changes: func(_, dst *schema.Schema) []ddl.Change {
			a := table(dst, "a")
			return []ddl.Change{
				ddl.DropTrigger{Schema: "main", Table: "a", Trigger: *trigger(dst, "ta")},
				ddl.DropView{Schema: "main", View: *view(dst, "va")},
				ddl.DropIndex{On: ddl.On{Schema: "main", Table: "a", Current: a}, Index: *index(a, "a;y")},
				ddl.DropTable{Schema: "main", Table: *table(dst, "Drop me")},
			}
		},
		rows: []string{"SELECT x, y FROM a ORDER BY x"},
	},
	{
		name: "add and drop columns in place",
		before: `
CREATE TABLE "T" (id INTEGER PRIMARY KEY, "old;col" TEXT, keep TEXT);
INSERT INTO "T" VALUES (1, 'a', 'k1'), (2, 'b', 'k2');`,
		desired: `
CREATE TABLE "T" (id INTEGER PRIMARY KEY, keep TEXT, "New ""c""" TEXT NOT NULL DEFAULT 'x' COLLATE NOCASE,
  n INT DEFAULT -2, v TEXT AS (upper(keep)));`,
		changes: func(src, dst *schema.Schema) []ddl.Change {
			s, d := table(src, "T"), table(dst, "T")
			var out []ddl.Change
			for _, n := range []string{`New "c"`, "n", "v"} {
				out = append(out, ddl.AddColumn{On: ddl.On{Schema: "main", Table: "T", Desired: s, Current: d}, Column: *column(s, n)})
			}
			out = append(out, ddl.DropColumn{On: ddl.On{Schema: "main", Table: "T", Desired: s, Current: d}, Column: *column(d, "old;col")})
			return out
		},
		rows: []string{"SELECT id, keep FROM T ORDER BY id"},
	},
	{
		name: "rebuild keeps rows through type, nullability, key and option changes",
		before: `
CREATE TABLE items (id INT, name VARCHAR(10), price TEXT, gone BLOB, PRIMARY KEY (id));
CREATE INDEX items_name ON items (name);
INSERT INTO items VALUES (1, 'one', '1.5', x'00'), (2, 'two', '2', NULL), (3, 'Three', '30', NULL);`,
		desired: `
CREATE TABLE items (id INTEGER NOT NULL, name TEXT NOT NULL COLLATE NOCASE, price REAL CHECK (price > 0),
  added TEXT DEFAULT 'new', PRIMARY KEY (id, name)) WITHOUT ROWID;
CREATE UNIQUE INDEX items_name ON items (name DESC) WHERE price > 1;`,
		changes: func(src, dst *schema.Schema) []ddl.Change {
			return []ddl.Change{rebuild(src, dst, "items")}
		},
		rows: []string{"SELECT id, name, price FROM items ORDER BY id"},
	},
	{
		name: "rebuild a table referenced by a view and by another table's foreign key",
		before: `
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);
CREATE VIEW parent_names AS SELECT id, name FROM parent;
CREATE VIEW child_view AS SELECT c.id, p.name FROM child c JOIN parent p ON p.id = c.parent_id;
CREATE TRIGGER child_ins AFTER INSERT ON child BEGIN UPDATE parent SET name = name WHERE id = new.parent_id; END;
INSERT INTO parent VALUES (1, 'p1'), (2, 'p2');
INSERT INTO child VALUES (10, 1), (20, 2);`,
		desired: `
CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', extra INT);
CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE CASCADE);
CREATE VIEW parent_names AS SELECT id, name FROM parent;
CREATE VIEW child_view AS SELECT c.id, p.name FROM child c JOIN parent p ON p.id = c.parent_id;
CREATE TRIGGER child_ins AFTER INSERT ON child BEGIN UPDATE parent SET name = name WHERE id = new.parent_id; END;`,
		changes: func(src, dst *schema.Schema) []ddl.Change {
			return []ddl.Change{rebuild(src, dst, "parent")}
		},
		rows: []string{"SELECT * FROM child_view ORDER BY id", "SELECT * FROM parent_names ORDER BY id"},
	},
	{
		name: "rebuild with hostile identifiers, autoincrement and a self reference",
		before: `
CREATE TABLE ` + hostile + ` ("select" INTEGER PRIMARY KEY AUTOINCREMENT, "Ünïcødé" TEXT, "MiXed" INT,
  up INTEGER REFERENCES ` + hostile + ` ("select"));
CREATE INDEX "ix ""1""" ON ` + hostile + ` ("MiXed");
INSERT INTO ` + hostile + ` VALUES (1, 'ü', 1, NULL), (2, 'é', 2, 1), (7, ';', 3, 2);
DELETE FROM ` + hostile + ` WHERE "select" = 7;
CREATE TRIGGER "tr ""x""" BEFORE UPDATE ON ` + hostile + ` BEGIN SELECT 1; END;`,
		desired: `
CREATE TABLE ` + hostile + ` ("select" INTEGER PRIMARY KEY AUTOINCREMENT, "Ünïcødé" TEXT NOT NULL DEFAULT '',
  "mixed" TEXT, up INTEGER REFERENCES ` + hostile + ` ("select") ON DELETE SET NULL, CHECK ("mixed" <> 'x'));
CREATE INDEX "ix ""1""" ON ` + hostile + ` ("mixed", "Ünïcødé");
CREATE TRIGGER "tr ""x""" BEFORE UPDATE ON ` + hostile + ` BEGIN SELECT 1; END;`,
		changes: func(src, dst *schema.Schema) []ddl.Change {
			return []ddl.Change{rebuild(src, dst, `we"ird;table`),
				ddl.CreateTrigger{Schema: "main", Table: `we"ird;table`, Trigger: *trigger(src, `tr "x"`)}}
		},
		rows: []string{`SELECT "select", "Ünïcødé", up FROM ` + hostile + ` ORDER BY 1`,
			`SELECT seq FROM sqlite_sequence`},
	},
	{
		name: "rebuild into and out of STRICT keeps rowids",
		before: `
CREATE TABLE s (a TEXT, b INT);
INSERT INTO s (rowid, a, b) VALUES (5, 'x', 1), (9, 'y', 2);`,
		desired: `CREATE TABLE s (a TEXT NOT NULL, b INTEGER, c ANY) STRICT;`,
		changes: func(src, dst *schema.Schema) []ddl.Change {
			return []ddl.Change{rebuild(src, dst, "s")}
		},
		rows: []string{"SELECT rowid, a, b FROM s ORDER BY rowid"},
	},
}

func TestSyncCases(t *testing.T) {
	ctx := context.Background()
	for _, tc := range syncCases {
		t.Run(tc.name, func(t *testing.T) {
			want := openDB(t, tc.desired)
			got := openDB(t, tc.before)
			src, dst := mainSchema(t, want), mainSchema(t, got)
			var stmts []string
			for _, ch := range tc.changes(src, dst) {
				s, err := sqlite.Driver{}.Render(ch)
				if err != nil {
					_, name := ch.Where()
					t.Fatalf("render %s %s: %v", ch.Kind(), name, err)
				}
				stmts = append(stmts, s...)
			}
			before := queryAll(t, got, tc.rows)
			n, err := got.(ddl.Applier).ApplyDDL(ctx, stmts)
			if err != nil {
				t.Fatalf("apply: %v\n%s", err, strings.Join(stmts, ";\n"))
			}
			if n != len(stmts) {
				t.Errorf("applied %d of %d", n, len(stmts))
			}
			after := mainSchema(t, got)
			if !reflect.DeepEqual(after, src) {
				t.Errorf("after apply the schema differs from the desired one\nSQL:\n%s\n got %s\nwant %s",
					strings.Join(stmts, ";\n"), dump(after), dump(src))
			}
			if a := queryAll(t, got, tc.rows); !reflect.DeepEqual(a, before) {
				t.Errorf("rows changed:\nbefore %q\nafter  %q", before, a)
			}
			if fks := queryAll(t, got, []string{"PRAGMA foreign_keys"}); fks[0][0] != "1" {
				t.Errorf("foreign_keys left at %v", fks)
			}
		})
	}
}

func dump(sc *schema.Schema) string {
	b, _ := schema.Marshal(&schema.Snapshot{Schemas: []schema.Schema{*sc}})
	return string(b)
}

// queryAll runs each query and returns its rows as text.
func queryAll(t *testing.T, c drivers.Conn, queries []string) [][]string {
	t.Helper()
	var out [][]string
	for _, q := range queries {
		res, err := c.(drivers.Querier).Query(context.Background(), drivers.Request{SQL: q})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var rows []string
		for _, r := range res.Rows {
			var cells []string
			for _, v := range r {
				cells = append(cells, strings.TrimSpace(strings.ReplaceAll(toText(v), "\n", " ")))
			}
			rows = append(rows, strings.Join(cells, "|"))
		}
		out = append(out, rows)
	}
	return out
}

func toText(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return "x'" + string(x) + "'"
	}
	return fmt.Sprint(v)
}

// TestRenderRebuildDecisions checks which changes SQLite makes in place.
func TestRenderRebuildDecisions(t *testing.T) {
	const script = `
CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT UNIQUE, b INT CHECK (b > 0), c INT, d INT AS (c + 1),
  e INT REFERENCES t (id), f TEXT, g TEXT);
CREATE INDEX t_f ON t (f);
CREATE INDEX t_g ON t (lower(g)) WHERE g IS NOT NULL;`
	db := openDB(t, script)
	sc := mainSchema(t, db)
	tb := table(sc, "t")
	str := func(s string) *string { return &s }
	add := func(col schema.Column) ddl.Change {
		col.Position = len(tb.Columns) + 1
		desired := *tb
		desired.Columns = append(append([]schema.Column(nil), tb.Columns...), col)
		return ddl.AddColumn{On: ddl.On{Schema: "main", Table: "t", Desired: &desired, Current: tb}, Column: col}
	}
	drop := func(name string) ddl.Change {
		return ddl.DropColumn{On: ddl.On{Schema: "main", Table: "t", Desired: tb, Current: tb}, Column: *column(tb, name)}
	}
	cases := []struct {
		what    string
		ch      ddl.Change
		rebuild bool
	}{
		{"add nullable", add(schema.Column{Name: "n", Type: "TEXT", Nullable: true}), false},
		{"add not null with default", add(schema.Column{Name: "n", Type: "TEXT", Default: str("'x'")}), false},
		{"add not null without default", add(schema.Column{Name: "n", Type: "TEXT"}), true},
		{"add not null default null", add(schema.Column{Name: "n", Type: "TEXT", Default: str("NULL")}), true},
		{"add expression default", add(schema.Column{Name: "n", Nullable: true, Default: str("1 + 2")}), true},
		{"add negative default", add(schema.Column{Name: "n", Nullable: true, Default: str("-1")}), false},
		{"add blob default", add(schema.Column{Name: "n", Nullable: true, Default: str("x'00'")}), false},
		{"add bare word default", add(schema.Column{Name: "n", Nullable: true, Default: str("hello")}), false},
		{"add double-quoted default", add(schema.Column{Name: "n", Nullable: true, Default: str(`"dq"`)}), false},
		{"add CURRENT_TIMESTAMP default", add(schema.Column{Name: "n", Nullable: true, Default: str("CURRENT_TIMESTAMP")}), true},
		{"add function default", add(schema.Column{Name: "n", Nullable: true, Default: str("random()")}), true},
		{"add stored generated", add(schema.Column{Name: "n", Nullable: true, Generated: &schema.Generated{Expr: "c", Stored: true}}), true},
		{"add virtual generated", add(schema.Column{Name: "n", Nullable: true, Generated: &schema.Generated{Expr: "c"}}), false},
		{"drop plain", drop("c"), true /* d is generated from c */},
		{"drop unused", drop("b"), true /* its own check names it: the check change rebuilds anyway */},
		{"drop primary key", drop("id"), true},
		{"drop unique", drop("a"), true},
		{"drop fk column", drop("e"), true},
		{"drop indexed", drop("f"), true},
		{"drop expression-indexed", drop("g"), true},
		{"drop generated", drop("d"), false},
		{"alter", ddl.AlterColumn{On: ddl.On{Schema: "main", Table: "t"}}, true},
		{"add fk", ddl.AddForeignKey{On: ddl.On{Schema: "main", Table: "t"}}, true},
		{"drop check", ddl.DropCheck{On: ddl.On{Schema: "main", Table: "t"}}, true},
		{"add pk", ddl.AddPrimaryKey{On: ddl.On{Schema: "main", Table: "t"}}, true},
		{"add unique", ddl.AddUnique{On: ddl.On{Schema: "main", Table: "t"}}, true},
	}
	for _, c := range cases {
		stmts, err := sqlite.Driver{}.Render(c.ch)
		if got := errors.Is(err, ddl.ErrRebuild); got != c.rebuild {
			t.Errorf("%s: rebuild = %v (err %v, sql %q), want %v", c.what, got, err, stmts, c.rebuild)
			continue
		}
		if c.rebuild || err != nil {
			if err != nil && !c.rebuild {
				t.Errorf("%s: %v", c.what, err)
			}
			continue
		}
		// What renders in place must run.
		db := openDB(t, script)
		if _, err := db.(ddl.Applier).ApplyDDL(context.Background(), stmts); err != nil {
			t.Errorf("%s: %v", c.what, err)
		}
	}
}

func TestRenderTexts(t *testing.T) {
	d := sqlite.Driver{}
	ix := &schema.Index{Name: `i"x`, Unique: true, Where: "a > 0", Columns: []schema.IndexColumn{
		{Name: "a", Desc: true, Collation: "NOCASE"}, {Expr: "lower(b)"}}}
	got, err := d.Render(ddl.CreateIndex{On: ddl.On{Schema: "main", Table: "t;x"}, Index: *ix})
	want := `CREATE UNIQUE INDEX "main"."i""x" ON "t;x" ("a" COLLATE "NOCASE" DESC, lower(b)) WHERE a > 0`
	if err != nil || len(got) != 1 || got[0] != want {
		t.Errorf("index: %q %v\nwant %q", got, err, want)
	}
	got, err = d.Render(ddl.CreateTrigger{Schema: "aux", Table: "t",
		Trigger: schema.Trigger{Name: "tr", Definition: "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;"}})
	if err != nil || got[0] != `CREATE TRIGGER "aux".tr AFTER INSERT ON t BEGIN SELECT 1; END` {
		t.Errorf("trigger in attached schema: %q %v", got, err)
	}
	if _, err := d.Render(ddl.SetTableComment{On: ddl.On{Schema: "main", Table: "t"}}); err == nil {
		t.Error("a table comment rendered")
	}
	if _, err := d.Render(ddl.CreateTable{Schema: "main", Table: schema.Table{Name: "t", Columns: []schema.Column{{Name: "a"}},
		ForeignKeys: []schema.ForeignKey{{Columns: []string{"a"}, RefTable: "p", OnDelete: "DROP TABLE x"}}}}); err == nil {
		t.Error("an unknown referential action rendered")
	}
	if d.NameKey("table", "ÄbC") != "Äbc" {
		t.Errorf("NameKey must fold ASCII only: %q", d.NameKey("table", "ÄbC"))
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	db := openDB(t, `
CREATE TABLE p (Id INTEGER PRIMARY KEY);
CREATE TABLE c (x varchar( 10 ) default null collate binary, y default current_timestamp,
  p INTEGER REFERENCES P (ID) MATCH FULL DEFERRABLE);`)
	s, err := db.Snapshot(context.Background(), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sqlite.Driver{}.NormalizeForDiff(s)
	once := s.Clone()
	sqlite.Driver{}.NormalizeForDiff(s)
	if !reflect.DeepEqual(s, once) {
		t.Fatal("NormalizeForDiff is not idempotent")
	}
	c := table(&s.Schemas[0], "c")
	x, y, fk := column(c, "x"), column(c, "y"), c.ForeignKeys[0]
	if x.Type != "VARCHAR(10)" || x.Default != nil || x.Collation != "" || *y.Default != "CURRENT_TIMESTAMP" ||
		fk.RefTable != "p" || fk.RefColumns[0] != "Id" || fk.Deferrable || fk.Match != "" || c.Definition != "" {
		t.Errorf("normalized: %+v %+v %+v def=%q", x, y, fk, c.Definition)
	}
}

func TestApplyDDLAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, `CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p (id));
INSERT INTO p VALUES (1); INSERT INTO c VALUES (1);`)
	a := db.(ddl.Applier)
	n, err := a.ApplyDDL(ctx, []string{"CREATE TABLE x (a)", "CREATE TABLE x (b)"})
	var ae *sqlite.ApplyError
	if err == nil || n != 0 || !errors.As(err, &ae) || ae.Index != 1 || !strings.Contains(err.Error(), "CREATE TABLE x (b)") ||
		!strings.Contains(err.Error(), "already exists") {
		t.Fatalf("failing statement: n=%d err=%v", n, err)
	}
	if sc := mainSchema(t, db); table(sc, "x") != nil {
		t.Fatal("the first statement was not rolled back")
	}
	n, err = a.ApplyDDL(ctx, []string{"DELETE FROM p"})
	if err == nil || n != 0 || !strings.Contains(err.Error(), `table "c"`) || !strings.Contains(err.Error(), `"p"`) {
		t.Fatalf("foreign key violation: n=%d err=%v", n, err)
	}
	if rows := queryAll(t, db, []string{"SELECT count(*) FROM p", "PRAGMA foreign_keys", "PRAGMA legacy_alter_table"}); rows[0][0] != "1" ||
		rows[1][0] != "1" || rows[2][0] != "0" {
		t.Fatalf("after a failure: %v", rows)
	}
}
