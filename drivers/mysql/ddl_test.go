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

// onTable names table name of the target schema, with both versions as
// context.
func onTable(name string, src, dst *schema.Schema) ddl.On {
	return ddl.On{Schema: dst.Name, Table: name, Desired: tbl(src, name), Current: tbl(dst, name)}
}

const hostileTable = "CREATE TABLE `se``lect;` (`from` INT NOT NULL, `Ünï \"c\"` VARCHAR(20), `order` INT, PRIMARY KEY (`from`)) COMMENT='x';\n" +
	"INSERT INTO `se``lect;` (`from`, `order`) VALUES (1, 1), (2, 2);\n"

var ddlCases = []ddlCase{
	{"create table", "", hostileTable, func(s, d *schema.Schema) ddl.Change {
		return ddl.CreateTable{Schema: d.Name, Table: *tbl(s, "se`lect;")}
	}},
	{"create table full", "",
		"CREATE TABLE t (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT, code VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'a''b',\n" +
			" ts TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), g INT AS (id * 2) VIRTUAL, s VARCHAR(20) AS (upper(code)) STORED,\n" +
			" n INT COMMENT 'n; \"x\"' CHECK (n > 0), u CHAR(36) DEFAULT (uuid()),\n" +
			" PRIMARY KEY (id), UNIQUE KEY `uq;code` (code), CONSTRAINT `ck``1` CHECK (n < 100)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='full'",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.CreateTable{Schema: d.Name, Table: *tbl(s, "t")}
		}},
	{"drop table", hostileTable, "", func(s, d *schema.Schema) ddl.Change {
		return ddl.DropTable{Schema: d.Name, Table: *tbl(d, "se`lect;")}
	}},
	{"table comment", hostileTable, strings.Replace(hostileTable, "COMMENT='x'", `COMMENT='it''s; "new" \\ ok'`, 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.SetTableComment{On: on, Comment: on.Desired.Comment}
	}},
	{"add column", hostileTable, strings.Replace(hostileTable, "`order` INT,", "`order` INT, `gr;oup` DATE NOT NULL DEFAULT '2024-01-01' COMMENT 'c',", 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.AddColumn{On: on, Column: *col(on.Desired, "gr;oup")}
	}},
	{"add column first", hostileTable, strings.Replace(hostileTable, "(`from` INT NOT NULL,", "(`x` INT, `from` INT NOT NULL,", 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.AddColumn{On: on, Column: *col(on.Desired, "x")}
	}},
	{"drop column", hostileTable, strings.Replace(hostileTable, "`Ünï \"c\"` VARCHAR(20), ", "", 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.DropColumn{On: on, Column: *col(on.Current, "Ünï \"c\"")}
	}},
	{"alter column", hostileTable, strings.Replace(hostileTable, "`Ünï \"c\"` VARCHAR(20)", "`Ünï \"c\"` VARCHAR(50) CHARACTER SET latin1 NULL DEFAULT '`;' COMMENT 'w'", 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.AlterColumn{On: on, From: *col(on.Current, "Ünï \"c\""), To: *col(on.Desired, "Ünï \"c\"")}
	}},
	{"alter column virtual to stored", "CREATE TABLE t (a INT, g INT AS (a + 1) VIRTUAL)", "CREATE TABLE t (a INT, g INT AS (a + 1) STORED)", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.AlterColumn{On: on, From: *col(on.Current, "g"), To: *col(on.Desired, "g")}
	}},
	{"alter column auto_increment", "CREATE TABLE t (id INT NOT NULL PRIMARY KEY)", "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY)", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.AlterColumn{On: on, From: *col(on.Current, "id"), To: *col(on.Desired, "id")}
	}},
	{"add primary key", "CREATE TABLE `k``ey` (`a;` INT NOT NULL, `b` INT NOT NULL)", "CREATE TABLE `k``ey` (`a;` INT NOT NULL, `b` INT NOT NULL, PRIMARY KEY (`b`, `a;`))", func(s, d *schema.Schema) ddl.Change {
		on := onTable("k`ey", s, d)
		return ddl.AddPrimaryKey{On: on, PrimaryKey: *on.Desired.PrimaryKey}
	}},
	{"add primary key auto_increment", "CREATE TABLE t (id INT NOT NULL, v INT)", "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v INT)", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.AddPrimaryKey{On: on, PrimaryKey: *on.Desired.PrimaryKey}
	}},
	{"drop primary key", "CREATE TABLE t (a INT NOT NULL PRIMARY KEY)", "CREATE TABLE t (a INT NOT NULL)", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.DropPrimaryKey{On: on, PrimaryKey: *on.Current.PrimaryKey}
	}},
	{"drop primary key auto_increment", "CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY)", "CREATE TABLE t (id INT NOT NULL)", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.DropPrimaryKey{On: on, PrimaryKey: *on.Current.PrimaryKey}
	}},
	{"create index", hostileTable, hostileTable + "CREATE INDEX `ix;\"--` ON `se``lect;` (`Ünï \"c\"`(5) DESC, `order`) COMMENT 'i';", func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.CreateIndex{On: on, Index: *idx(on.Desired, "ix;\"--")}
	}},
	{"create fulltext index", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT)", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT, FULLTEXT KEY ft (b))", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.CreateIndex{On: on, Index: *idx(on.Desired, "ft")}
	}},
	{"create unique hash index", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT)", "CREATE TABLE t (id INT PRIMARY KEY, b TEXT, UNIQUE KEY ub (b))", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.CreateIndex{On: on, Index: *idx(on.Desired, "ub")}
	}},
	{"drop index", hostileTable + "CREATE INDEX `ix;\"--` ON `se``lect;` (`order`);", hostileTable, func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.DropIndex{On: on, Index: *idx(on.Current, "ix;\"--")}
	}},
	{"add foreign key", hostileTable + "CREATE TABLE `ch``ild` (`id` INT PRIMARY KEY, `re;f` INT);",
		hostileTable + "CREATE TABLE `ch``ild` (`id` INT PRIMARY KEY, `re;f` INT, CONSTRAINT `fk;\"x` FOREIGN KEY (`re;f`) REFERENCES `se``lect;` (`from`) ON DELETE SET NULL ON UPDATE CASCADE);",
		func(s, d *schema.Schema) ddl.Change {
			on := onTable("ch`ild", s, d)
			return ddl.AddForeignKey{On: on, ForeignKey: *fkey(on.Desired, "fk;\"x")}
		}},
	{"drop foreign key", "CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p INT, CONSTRAINT `fk``p` FOREIGN KEY (p) REFERENCES p (id));",
		"CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (id INT PRIMARY KEY, p INT);",
		func(s, d *schema.Schema) ddl.Change {
			on := onTable("c", s, d)
			return ddl.DropForeignKey{On: on, ForeignKey: *fkey(on.Current, "fk`p")}
		}},
	{"add unique", hostileTable, strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), UNIQUE KEY `u``q` (`order`, `Ünï \"c\"`)", 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.AddUnique{On: on, Unique: *uniq(on.Desired, "u`q")}
	}},
	{"drop unique", strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), UNIQUE KEY `u``q` (`order`)", 1), hostileTable, func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.DropUnique{On: on, Unique: *uniq(on.Current, "u`q")}
	}},
	{"add check", hostileTable, strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), CONSTRAINT `c;k` CHECK (`order` >= 0)", 1), func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.AddCheck{On: on, Check: *chk(on.Desired, "c;k")}
	}},
	{"drop check", strings.Replace(hostileTable, "PRIMARY KEY (`from`)", "PRIMARY KEY (`from`), CONSTRAINT `c;k` CHECK (`order` >= 0)", 1), hostileTable, func(s, d *schema.Schema) ddl.Change {
		on := onTable("se`lect;", s, d)
		return ddl.DropCheck{On: on, Check: *chk(on.Current, "c;k")}
	}},
	{"add column check", "CREATE TABLE t (a INT)", "CREATE TABLE t (a INT CHECK (a > 0))", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.AddCheck{On: on, Check: *chk(on.Desired, "a")}
	}},
	{"drop column check", "CREATE TABLE t (a INT CHECK (a > 0))", "CREATE TABLE t (a INT)", func(s, d *schema.Schema) ddl.Change {
		on := onTable("t", s, d)
		return ddl.DropCheck{On: on, Check: *chk(on.Current, "a")}
	}},
	{"create view", hostileTable, hostileTable + "CREATE VIEW `v;\"``` AS SELECT `from`, `order` FROM `se``lect;` WHERE `order` > 0;", func(s, d *schema.Schema) ddl.Change {
		return ddl.CreateView{Schema: d.Name, View: *s.View("v;\"`")}
	}},
	{"drop view", hostileTable + "CREATE VIEW `v;\"``` AS SELECT 1 AS one;", hostileTable, func(s, d *schema.Schema) ddl.Change {
		return ddl.DropView{Schema: d.Name, View: *d.View("v;\"`")}
	}},
	{"create trigger", hostileTable, hostileTable + "CREATE TRIGGER `tr;``g` BEFORE UPDATE ON `se``lect;` FOR EACH ROW BEGIN\n  IF NEW.`order` < 0 THEN SET NEW.`order` = 0; END IF;\nEND;", func(s, d *schema.Schema) ddl.Change {
		return ddl.CreateTrigger{Schema: d.Name, Table: "tr;`g", Trigger: *trig(s, "tr;`g")}
	}},
	{"drop trigger", hostileTable + "CREATE TRIGGER `tr;``g` BEFORE INSERT ON `se``lect;` FOR EACH ROW SET NEW.`order` = 1;", hostileTable, func(s, d *schema.Schema) ddl.Change {
		return ddl.DropTrigger{Schema: d.Name, Table: "tr;`g", Trigger: *trig(d, "tr;`g")}
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
			if add, ok := ch.(ddl.AddForeignKey); ok && add.ForeignKey.RefSchema == src.Schemas[0].Name {
				add.ForeignKey.RefSchema = add.Schema // as diff maps it, without touching the source
				ch = add
			}
			covered[ch.Kind()] = true
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
	for _, k := range []ddl.Kind{ddl.KindCreateTable, ddl.KindDropTable, ddl.KindSetTableComment, ddl.KindAddColumn,
		ddl.KindDropColumn, ddl.KindAlterColumn, ddl.KindAddPrimaryKey, ddl.KindDropPrimaryKey, ddl.KindCreateIndex,
		ddl.KindDropIndex, ddl.KindAddForeignKey, ddl.KindDropForeignKey, ddl.KindAddUnique, ddl.KindDropUnique,
		ddl.KindAddCheck, ddl.KindDropCheck, ddl.KindCreateView, ddl.KindDropView, ddl.KindCreateTrigger,
		ddl.KindDropTrigger} {
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
		ddl.RebuildTable{On: ddl.On{Table: "t", Desired: &schema.Table{Name: "t"}}},
		ddl.AddColumn{On: ddl.On{Table: "t"}},
		ddl.CreateTrigger{Table: "x", Trigger: schema.Trigger{Name: "x", Table: "t", Timing: "INSTEAD OF",
			Events: []string{"INSERT"}, Definition: "SET @a = 1"}},
		ddl.DropColumn{Column: schema.Column{Name: "c"}},
		// Options from a hand-made snapshot that would end the statement.
		ddl.CreateTable{Table: schema.Table{Name: "t", Columns: []schema.Column{{Name: "id", Type: "int"}},
			Options: map[string]string{"partitioning": "PARTITION BY HASH (id); DROP TABLE x"}}},
		ddl.CreateTable{Table: schema.Table{Name: "t", Columns: []schema.Column{{Name: "id", Type: "int"}},
			Options: map[string]string{"create_options": "row_format=x;drop"}}},
		ddl.SetStorage{On: ddl.On{Table: "t", Current: &schema.Table{Name: "t"},
			Desired: &schema.Table{Name: "t", Options: map[string]string{"partitioning": "DROP TABLE x"}}}},
	} {
		if stmts, err := (Driver{}).Render(ch); err == nil {
			t.Errorf("%s: rendered %q, want an error", ch.Kind(), stmts)
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
