package mysql

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// ddlCase renders one change built from real snapshots, runs it on a
// database in the "before" state and requires the result to equal the
// database built from "after".
type ddlCase struct {
	name          string
	before, after string
	change        func(src, dst *schema.Schema) ddl.Change
}

// tbl finds a table of a schema (nil when absent).
func tbl(sc *schema.Schema, name string) *schema.Table { return sc.Table(name) }

func col(t *schema.Table, name string) *schema.Column { return t.Column(name) }

func idx(t *schema.Table, name string) *schema.Index {
	for i := range t.Indexes {
		if t.Indexes[i].Name == name {
			return &t.Indexes[i]
		}
	}
	return nil
}

func fkey(t *schema.Table, name string) *schema.ForeignKey {
	for i := range t.ForeignKeys {
		if t.ForeignKeys[i].Name == name {
			return &t.ForeignKeys[i]
		}
	}
	return nil
}

func uniq(t *schema.Table, name string) *schema.Unique {
	for i := range t.Uniques {
		if t.Uniques[i].Name == name {
			return &t.Uniques[i]
		}
	}
	return nil
}

func chk(t *schema.Table, name string) *schema.Check {
	for i := range t.Checks {
		if t.Checks[i].Name == name {
			return &t.Checks[i]
		}
	}
	return nil
}

func trig(sc *schema.Schema, name string) *schema.Trigger {
	for i := range sc.Triggers {
		if sc.Triggers[i].Name == name {
			return &sc.Triggers[i]
		}
	}
	return nil
}

// onTable builds a change about table name with both versions as context.
func onTable(kind ddl.Kind, name string, src, dst *schema.Schema) ddl.Change {
	return ddl.Change{Kind: kind, Name: name, Table: tbl(src, name), OldTable: tbl(dst, name)}
}

const hostileTable = "CREATE TABLE `se``lect;` (`from` INT NOT NULL, `Ünï \"c\"` VARCHAR(20), `order` INT, PRIMARY KEY (`from`)) COMMENT='x';\n" +
	"INSERT INTO `se``lect;` (`from`, `order`) VALUES (1, 1), (2, 2);\n"

var ddlCases = []ddlCase{
	{"create table", "", hostileTable, func(s, d *schema.Schema) ddl.Change {
		return ddl.Change{Kind: ddl.CreateTable, Name: "se`lect;", Table: tbl(s, "se`lect;")}
	}},
	{"create table full", "",
		"CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, code VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'a''b',\n" +
			" ts TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), g INT AS (id * 2) VIRTUAL, s VARCHAR(20) AS (upper(code)) STORED,\n" +
			" n INT COMMENT 'n; \"x\"' CHECK (n > 0), u CHAR(36) DEFAULT (uuid()),\n" +
			" PRIMARY KEY (id), UNIQUE KEY `uq;code` (code), CONSTRAINT `ck``1` CHECK (n < 100)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='full'",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.Change{Kind: ddl.CreateTable, Name: "t", Table: tbl(s, "t")}
		}},
	{"drop table", hostileTable, "", func(s, d *schema.Schema) ddl.Change {
		return ddl.Change{Kind: ddl.DropTable, Name: "se`lect;", OldTable: tbl(d, "se`lect;")}
	}},
	{"table comment", hostileTable, strings.Replace(hostileTable, "COMMENT='x'", `COMMENT='it''s; "new" \\ ok'`, 1), func(s, d *schema.Schema) ddl.Change {
		return onTable(ddl.SetTableComment, "se`lect;", s, d)
	}},
	{"add column", hostileTable, strings.Replace(hostileTable, "`order` INT,", "`order` INT, `gr;oup` DATE NOT NULL DEFAULT '2024-01-01' COMMENT 'c',", 1), func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddColumn, "se`lect;", s, d)
		c.Column = col(c.Table, "gr;oup")
		return c
	}},
	{"add column first", hostileTable, strings.Replace(hostileTable, "(`from` INT NOT NULL,", "(`x` INT, `from` INT NOT NULL,", 1), func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddColumn, "se`lect;", s, d)
		c.Column = col(c.Table, "x")
		return c
	}},
	{"drop column", hostileTable, strings.Replace(hostileTable, "`Ünï \"c\"` VARCHAR(20), ", "", 1), func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropColumn, "se`lect;", s, d)
		c.Column = col(c.OldTable, "Ünï \"c\"")
		return c
	}},
	{"alter column", hostileTable, strings.Replace(hostileTable, "`Ünï \"c\"` VARCHAR(20)", "`Ünï \"c\"` VARCHAR(50) CHARACTER SET latin1 NULL DEFAULT '`;' COMMENT 'w'", 1), func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AlterColumn, "se`lect;", s, d)
		c.Column, c.OldColumn = col(c.Table, "Ünï \"c\""), col(c.OldTable, "Ünï \"c\"")
		return c
	}},
	{"alter column virtual to stored", "CREATE TABLE t (a INT, g INT AS (a + 1) VIRTUAL)", "CREATE TABLE t (a INT, g INT AS (a + 1) STORED)", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AlterColumn, "t", s, d)
		c.Column, c.OldColumn = col(c.Table, "g"), col(c.OldTable, "g")
		return c
	}},
	{"alter column auto_increment", "CREATE TABLE t (id INT NOT NULL PRIMARY KEY)", "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY)", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AlterColumn, "t", s, d)
		c.Column, c.OldColumn = col(c.Table, "id"), col(c.OldTable, "id")
		return c
	}},
	{"add primary key", "CREATE TABLE `k``ey` (`a;` INT NOT NULL, `b` INT NOT NULL)", "CREATE TABLE `k``ey` (`a;` INT NOT NULL, `b` INT NOT NULL, PRIMARY KEY (`b`, `a;`))", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddPrimaryKey, "k`ey", s, d)
		c.PrimaryKey = c.Table.PrimaryKey
		return c
	}},
	{"add primary key auto_increment", "CREATE TABLE t (id INT NOT NULL, v INT)", "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddPrimaryKey, "t", s, d)
		c.PrimaryKey = c.Table.PrimaryKey
		return c
	}},
	{"drop primary key", "CREATE TABLE t (a INT NOT NULL PRIMARY KEY)", "CREATE TABLE t (a INT NOT NULL)", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropPrimaryKey, "t", s, d)
		c.PrimaryKey = c.OldTable.PrimaryKey
		return c
	}},
	{"drop primary key auto_increment", "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY)", "CREATE TABLE t (id INT NOT NULL)", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropPrimaryKey, "t", s, d)
		c.PrimaryKey = c.OldTable.PrimaryKey
		return c
	}},
	{"create index", hostileTable, hostileTable + "CREATE INDEX `ix;\"--` ON `se``lect;` (`Ünï \"c\"`(5) DESC, `order`) COMMENT 'i';", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.CreateIndex, "se`lect;", s, d)
		c.Index = idx(c.Table, "ix;\"--")
		return c
	}},
	{"create fulltext index", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT)", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT, FULLTEXT KEY ft (b))", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.CreateIndex, "t", s, d)
		c.Index = idx(c.Table, "ft")
		return c
	}},
	{"create unique hash index", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT)", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT, UNIQUE KEY ub (b))", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.CreateIndex, "t", s, d)
		c.Index = idx(c.Table, "ub")
		return c
	}},
	{"drop index", hostileTable + "CREATE INDEX `ix;\"--` ON `se``lect;` (`order`);", hostileTable, func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropIndex, "se`lect;", s, d)
		c.Index = idx(c.OldTable, "ix;\"--")
		return c
	}},
	{"add foreign key", hostileTable + "CREATE TABLE `ch``ild` (`id` INT PRIMARY KEY, `re;f` INT);",
		hostileTable + "CREATE TABLE `ch``ild` (`id` INT PRIMARY KEY, `re;f` INT, CONSTRAINT `fk;\"x` FOREIGN KEY (`re;f`) REFERENCES `se``lect;` (`from`) ON DELETE SET NULL ON UPDATE CASCADE);",
		func(s, d *schema.Schema) ddl.Change {
			c := onTable(ddl.AddForeignKey, "ch`ild", s, d)
			c.ForeignKey = fkey(c.Table, "fk;\"x")
			return c
		}},
	{"drop foreign key", "CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p INT, CONSTRAINT `fk``p` FOREIGN KEY (p) REFERENCES p (id));",
		"CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p INT);",
		func(s, d *schema.Schema) ddl.Change {
			c := onTable(ddl.DropForeignKey, "c", s, d)
			c.ForeignKey = fkey(c.OldTable, "fk`p")
			return c
		}},
	{"add unique", hostileTable, strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), UNIQUE KEY `u``q` (`order`, `Ünï \"c\"`)", 1), func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddUnique, "se`lect;", s, d)
		c.Unique = uniq(c.Table, "u`q")
		return c
	}},
	{"drop unique", strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), UNIQUE KEY `u``q` (`order`)", 1), hostileTable, func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropUnique, "se`lect;", s, d)
		c.Unique = uniq(c.OldTable, "u`q")
		return c
	}},
	{"add check", hostileTable, strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), CONSTRAINT `c;k` CHECK (`order` >= 0)", 1), func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddCheck, "se`lect;", s, d)
		c.Check = chk(c.Table, "c;k")
		return c
	}},
	{"drop check", strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), CONSTRAINT `c;k` CHECK (`order` >= 0)", 1), hostileTable, func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropCheck, "se`lect;", s, d)
		c.Check = chk(c.OldTable, "c;k")
		return c
	}},
	{"add column check", "CREATE TABLE t (a INT)", "CREATE TABLE t (a INT CHECK (a > 0))", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.AddCheck, "t", s, d)
		c.Check = chk(c.Table, "a")
		return c
	}},
	{"drop column check", "CREATE TABLE t (a INT CHECK (a > 0))", "CREATE TABLE t (a INT)", func(s, d *schema.Schema) ddl.Change {
		c := onTable(ddl.DropCheck, "t", s, d)
		c.Check = chk(c.OldTable, "a")
		return c
	}},
	{"create view", hostileTable, hostileTable + "CREATE VIEW `v;\"``` AS SELECT `from`, `order` FROM `se``lect;` WHERE `order` > 0;", func(s, d *schema.Schema) ddl.Change {
		return ddl.Change{Kind: ddl.CreateView, Name: "v;\"`", View: s.View("v;\"`")}
	}},
	{"drop view", hostileTable + "CREATE VIEW `v;\"``` AS SELECT 1 AS one;", hostileTable, func(s, d *schema.Schema) ddl.Change {
		return ddl.Change{Kind: ddl.DropView, Name: "v;\"`", View: d.View("v;\"`")}
	}},
	{"create trigger", hostileTable, hostileTable + "CREATE TRIGGER `tr;``g` BEFORE UPDATE ON `se``lect;` FOR EACH ROW BEGIN\n  IF NEW.`order` < 0 THEN SET NEW.`order` = 0; END IF;\nEND;", func(s, d *schema.Schema) ddl.Change {
		return ddl.Change{Kind: ddl.CreateTrigger, Name: "tr;`g", Trigger: trig(s, "tr;`g")}
	}},
	{"drop trigger", hostileTable + "CREATE TRIGGER `tr;``g` BEFORE INSERT ON `se``lect;` FOR EACH ROW SET NEW.`order` = 1;", hostileTable, func(s, d *schema.Schema) ddl.Change {
		return ddl.Change{Kind: ddl.DropTrigger, Name: "tr;`g", Trigger: trig(d, "tr;`g")}
	}},
}

func TestRenderAgainstServer(t *testing.T) {
	covered := map[ddl.Kind]bool{}
	for _, tc := range ddlCases {
		t.Run(tc.name, func(t *testing.T) {
			target, _ := open(t)
			source, _ := open(t)
			if tc.before != "" {
				exec(t, target, tc.before)
			}
			if tc.after != "" {
				exec(t, source, tc.after)
			}
			src, dst := diffSnapshot(t, source), diffSnapshot(t, target)
			ch := tc.change(&src.Schemas[0], &dst.Schemas[0])
			ch.Schema = dst.Schemas[0].Name
			if ch.ForeignKey != nil && ch.ForeignKey.RefSchema == src.Schemas[0].Name {
				fk := *ch.ForeignKey // as diff maps it, without touching the source
				fk.RefSchema = ch.Schema
				ch.ForeignKey = &fk
			}
			covered[ch.Kind] = true
			stmts, err := Driver{}.Render(ch)
			if err != nil {
				t.Fatal(err)
			}
			n, err := target.ApplyDDL(ctxT(t), stmts)
			if err != nil || n != len(stmts) {
				t.Fatalf("apply (%d of %d ran): %v\n%s", n, len(stmts), err, strings.Join(stmts, "\n"))
			}
			if got, want := comparable(diffSnapshot(t, target)), comparable(src); got != want {
				t.Fatalf("after\n%s\ngot  %s\nwant %s", strings.Join(stmts, "\n"), got, want)
			}
		})
	}
	for _, k := range []ddl.Kind{ddl.CreateTable, ddl.DropTable, ddl.SetTableComment, ddl.AddColumn, ddl.DropColumn,
		ddl.AlterColumn, ddl.AddPrimaryKey, ddl.DropPrimaryKey, ddl.CreateIndex, ddl.DropIndex, ddl.AddForeignKey,
		ddl.DropForeignKey, ddl.AddUnique, ddl.DropUnique, ddl.AddCheck, ddl.DropCheck, ddl.CreateView, ddl.DropView,
		ddl.CreateTrigger, ddl.DropTrigger} {
		if !covered[k] && !t.Failed() {
			t.Errorf("no case renders %s", k)
		}
	}
}

// diffSnapshot is the snapshot as diff compares it.
func diffSnapshot(t *testing.T, c *Conn) *schema.Snapshot {
	t.Helper()
	s, err := c.Snapshot(ctxT(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	Driver{}.NormalizeForDiff(s)
	s.Normalize()
	return s
}

// comparable is the schema as JSON without the names that differ between
// the two test databases.
func comparable(s *schema.Snapshot) string {
	sc := s.Schemas[0]
	name := sc.Name
	sc.Name = ""
	for i := range sc.Tables {
		for j := range sc.Tables[i].ForeignKeys {
			if sc.Tables[i].ForeignKeys[j].RefSchema == name {
				sc.Tables[i].ForeignKeys[j].RefSchema = ""
			}
		}
	}
	data, _ := json.Marshal(sc)
	return string(data)
}

func TestRenderRejects(t *testing.T) {
	for _, ch := range []ddl.Change{
		{Kind: ddl.RebuildTable, Name: "t", Table: &schema.Table{Name: "t"}},
		{Kind: ddl.AddColumn, Name: "t"},
		{Kind: ddl.Kind("nonsense"), Name: "t"},
		{Kind: ddl.CreateTrigger, Name: "x", Trigger: &schema.Trigger{Name: "x", Table: "t", Timing: "INSTEAD OF", Events: []string{"INSERT"}, Definition: "SET @a = 1"}},
		{Kind: ddl.DropColumn, Column: &schema.Column{Name: "c"}},
	} {
		if stmts, err := (Driver{}).Render(ch); err == nil {
			t.Errorf("%s: rendered %q, want an error", ch.Kind, stmts)
		}
	}
}

func TestApplyDDLStopsAtFailure(t *testing.T) {
	c, _ := open(t)
	stmts := []string{"CREATE TABLE a (id INT)", "CREATE TABLE a (id INT)", "CREATE TABLE b (id INT)"}
	n, err := c.ApplyDDL(ctxT(t), stmts)
	if n != 1 || err == nil {
		t.Fatalf("applied %d, err %v; want 1 and an error", n, err)
	}
	for _, want := range []string{"statement 2 of 3", "CREATE TABLE a (id INT)", "already exists"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if s := diffSnapshot(t, c); s.Schemas[0].Table("b") != nil {
		t.Error("statement after the failure ran")
	}
}

func TestNormalizeForDiff(t *testing.T) {
	s := &schema.Snapshot{Schemas: []schema.Schema{{Name: "s", Tables: []schema.Table{{
		Name: "t",
		Columns: []schema.Column{
			{Name: "a", Type: "int(11)"}, {Name: "b", Type: "tinyint(1)"}, {Name: "c", Type: "bigint(20) unsigned"},
			{Name: "d", Type: "int(5) unsigned zerofill"}, {Name: "e", Type: "year(4)"}, {Name: "f", Type: "varchar(10)", Charset: "utf8", Collation: "utf8_bin"},
		},
		Indexes: []schema.Index{
			{Name: "fk_a", Columns: []schema.IndexColumn{{Name: "a"}}},
			{Name: "fk_b", Columns: []schema.IndexColumn{{Name: "b"}}},
			{Name: "ix_b", Columns: []schema.IndexColumn{{Name: "b"}, {Name: "c"}}},
		},
		ForeignKeys: []schema.ForeignKey{
			{Name: "fk_a", Columns: []string{"a"}, RefTable: "p", RefColumns: []string{"id"}, OnDelete: "RESTRICT"},
			{Name: "fk_b", Columns: []string{"b"}, RefTable: "p", RefColumns: []string{"id"}, OnUpdate: "restrict"},
		},
	}}}}}
	Driver{}.NormalizeForDiff(s)
	once, _ := json.Marshal(s)
	Driver{}.NormalizeForDiff(s)
	twice, _ := json.Marshal(s)
	if string(once) != string(twice) {
		t.Errorf("not idempotent:\n%s\n%s", once, twice)
	}
	tb := &s.Schemas[0].Tables[0]
	var types []string
	for _, c := range tb.Columns {
		types = append(types, c.Type)
	}
	if got, want := strings.Join(types, ","), "int,tinyint(1),bigint unsigned,int(5) unsigned zerofill,year,varchar(10)"; got != want {
		t.Errorf("types %s, want %s", got, want)
	}
	if c := tb.Columns[5]; c.Charset != "utf8mb3" || c.Collation != "utf8mb3_bin" {
		t.Errorf("charset %s collation %s", c.Charset, c.Collation)
	}
	// fk_a's index is the implicit one; fk_b is served by ix_b, so an
	// index named fk_b was made on purpose and stays.
	var names []string
	for _, ix := range tb.Indexes {
		names = append(names, ix.Name)
	}
	if got := strings.Join(names, ","); got != "fk_b,ix_b" {
		t.Errorf("indexes %s, want fk_b,ix_b", got)
	}
	if fk := tb.ForeignKeys[0]; fk.OnDelete != schema.ActionNoAction || fk.OnUpdate != schema.ActionNoAction {
		t.Errorf("actions %s/%s", fk.OnDelete, fk.OnUpdate)
	}
}

func TestNameKey(t *testing.T) {
	d := Driver{}
	for _, tc := range []struct{ kind, a, b string }{
		{"column", "Name", "NAME"}, {"index", "Ix", "ix"}, {"constraint", "FK_a", "fk_A"},
	} {
		if d.NameKey(tc.kind, tc.a) != d.NameKey(tc.kind, tc.b) {
			t.Errorf("%s names %q and %q should match", tc.kind, tc.a, tc.b)
		}
	}
	for _, kind := range []string{"table", "view", "trigger"} {
		if d.NameKey(kind, "T") == d.NameKey(kind, "t") {
			t.Errorf("%s names are case-sensitive", kind)
		}
	}
}
