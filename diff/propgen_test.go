package diff_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// propSchema is one generated schema: the DDL that builds it and the rows
// that fill its plain tables, in statements an engine runs in one batch.
type propSchema struct {
	DDL  string
	Rows string
}

// propGen writes DDL for one engine from a seed. Every schema uses every
// object kind the engine has (the property is about all of them together);
// the seed picks the details: names, column types, defaults, options,
// which columns an index or a view covers.
type propGen struct {
	r       *rand.Rand
	dialect string
	ddl     strings.Builder
	rows    strings.Builder
}

func newPropGen(dialect string, seed uint64) *propGen {
	return &propGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), dialect: dialect}
}

// generateSchema returns the schema for a dialect and seed.
func generateSchema(dialect string, seed uint64) propSchema {
	g := newPropGen(dialect, seed)
	switch dialect {
	case "postgres":
		g.postgres()
	case "mysql":
		g.mysql()
	case "sqlite":
		g.sqlite()
	default:
		panic("no generator for " + dialect)
	}
	return propSchema{DDL: g.ddl.String(), Rows: g.rows.String()}
}

func (g *propGen) line(format string, args ...any) {
	fmt.Fprintf(&g.ddl, format, args...)
	g.ddl.WriteString("\n")
}

func (g *propGen) row(format string, args ...any) {
	fmt.Fprintf(&g.rows, format, args...)
	g.rows.WriteString("\n")
}

func (g *propGen) coin() bool { return g.r.IntN(2) == 0 }

func (g *propGen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// q quotes an identifier for the generator's engine. The generator's names
// are plain; some seeds give a table a mixed-case name with a space so
// that quoting is exercised everywhere the name is rendered.
func (g *propGen) q(name string) string {
	if g.dialect == "mysql" {
		return "`" + strings.ReplaceAll(name, "`", "``") + "`"
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// tableName is the name of the i-th generated table.
func (g *propGen) tableName(i int, odd bool) string {
	if odd {
		return fmt.Sprintf("Tab %d", i)
	}
	return fmt.Sprintf("t%d", i)
}

// propCol is a generated column: its name and the SQL after the name.
type propCol struct {
	name, def string
	// value is a literal that fits the column, for rows.
	value string
}

// columns picks n plain columns from the engine's list of types.
func (g *propGen) columns(n int, types [][3]string) []propCol {
	var out []propCol
	for i := range n {
		t := types[g.r.IntN(len(types))]
		c := propCol{name: fmt.Sprintf("c%d", i), def: t[0], value: t[2]}
		if g.r.IntN(3) == 0 && t[1] != "" {
			c.def += " DEFAULT " + t[1]
		}
		if g.r.IntN(4) == 0 {
			c.def += " NOT NULL"
			if !strings.Contains(c.def, "DEFAULT") && t[1] != "" {
				c.def += " DEFAULT " + t[1]
			}
		}
		out = append(out, c)
	}
	return out
}

// Type lists: the type, a default (empty for none) and a literal value
// that differs per row (see rowValue), so that unique keys hold.
var pgTypes = [][3]string{
	{"integer", "0", "{i}"},
	{"bigint", "-5", "{i}"},
	{"smallint", "3", "{i}"},
	{"numeric(10,2)", "1.50", "2.2{i}"},
	{"text", "'x'", "'a{i}'"},
	{"varchar(40)", "'it''s'", "'b{i}'"},
	{"character(3)", "'abc'", "'xy{i}'"},
	{"boolean", "true", "{b}"},
	{"date", "CURRENT_DATE", "'2024-01-0{i}'"},
	{"timestamp with time zone", "now()", "'2024-01-02 03:04:0{i}+00'"},
	{"timestamp(3) without time zone", "'2020-01-01 00:00:00'", "'2024-01-02 03:04:0{i}'"},
	{"double precision", "0.5", "1.{i}"},
	{"real", "", "2.{i}"},
	{"uuid", "", "'00000000-0000-0000-0000-00000000000{i}'"},
	{"jsonb", `'{}'::jsonb`, `'{"a":{i}}'`},
	{"bytea", `'\x00'::bytea`, `'\x0{i}'`},
	{"integer[]", "'{}'::integer[]", "'{1,{i}}'"},
	{"interval", "'1 day'::interval", "'{i} hours'"},
	{"inet", "", "'10.0.0.{i}'"},
}

var mysqlTypes = [][3]string{
	{"INT", "0", "{i}"},
	{"BIGINT UNSIGNED", "5", "{i}"},
	{"SMALLINT", "-3", "{i}"},
	{"TINYINT(1)", "1", "{i}"},
	{"DECIMAL(10,2)", "1.50", "2.2{i}"},
	{"VARCHAR(40)", "'it''s'", "'b{i}'"},
	{"CHAR(3)", "'abc'", "'xy{i}'"},
	{"TEXT", "", "'t{i}'"},
	{"DATE", "'2020-01-01'", "'2024-01-0{i}'"},
	{"DATETIME", "CURRENT_TIMESTAMP", "'2024-01-02 03:04:0{i}'"},
	{"TIMESTAMP NULL", "'2020-01-01 00:00:00'", "'2024-01-02 03:04:0{i}'"},
	{"DOUBLE", "0.5", "1.{i}"},
	{"ENUM('a','b','c')", "'b'", "'{e}'"},
	{"SET('x','y','z')", "'x'", "'x,{s}'"},
	{"VARBINARY(8)", "", "X'0{i}'"},
	{"JSON", "", `'{"a":{i}}'`},
	{"VARCHAR(10) CHARACTER SET ascii COLLATE ascii_bin", "'k'", "'q{i}'"},
}

var sqliteTypes = [][3]string{
	{"INTEGER", "0", "{i}"},
	{"INT", "-5", "{i}"},
	{"TEXT", "'x'", "'a{i}'"},
	{"VARCHAR(40)", "'it''s'", "'b{i}'"},
	{"REAL", "0.5", "1.{i}"},
	{"NUMERIC(8, 2)", "1.50", "2.2{i}"},
	{"BOOLEAN", "FALSE", "{b}"},
	{"BLOB", "x'00ff'", "x'0{i}'"},
	{"DATETIME", "CURRENT_TIMESTAMP", "'2024-01-02 03:04:0{i}'"},
	{"TEXT COLLATE NOCASE", "(lower('ABC'))", "'Q{i}'"},
}

func colDefs(g *propGen, cols []propCol) []string {
	var out []string
	for _, c := range cols {
		out = append(out, g.q(c.name)+" "+c.def)
	}
	return out
}

// insert writes rows for a table whose first column is an integer key
// named id and whose other columns are cols.
func (g *propGen) insert(table string, cols []propCol, n int) {
	names := []string{g.q("id")}
	for _, c := range cols {
		names = append(names, g.q(c.name))
	}
	for i := range n {
		vals := []string{fmt.Sprint(i + 1)}
		for _, c := range cols {
			vals = append(vals, rowValue(c.value, i))
		}
		over := ""
		if g.dialect == "postgres" {
			over = " OVERRIDING SYSTEM VALUE" // ids may be GENERATED ALWAYS
		}
		g.row("INSERT INTO %s (%s)%s VALUES (%s);", g.q(table), strings.Join(names, ", "), over, strings.Join(vals, ", "))
	}
}

// rowValue fills a value template for the i-th row (from 0, at most 2):
// {i} is 1, 2, 3; {b} false, true; {e} a, b, c; {s} y, z.
func rowValue(tmpl string, i int) string {
	return strings.NewReplacer(
		"{i}", fmt.Sprint(i+1),
		"{b}", fmt.Sprint(i%2 == 1),
		"{e}", string(rune('a'+i)),
		"{s}", string(rune('y'+i%2)),
	).Replace(tmpl)
}

// indexCols picks one to three distinct columns, some descending.
func (g *propGen) indexCols(cols []propCol, desc bool) string {
	n := 1 + g.r.IntN(min(3, len(cols)))
	perm := g.r.Perm(len(cols))[:n]
	var parts []string
	for _, i := range perm {
		p := g.q(cols[i].name)
		if desc && g.r.IntN(3) == 0 {
			p += " DESC"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// indexable drops the columns an engine cannot index plainly.
func indexable(cols []propCol, bad ...string) []propCol {
	var out []propCol
next:
	for _, c := range cols {
		for _, b := range bad {
			if strings.HasPrefix(c.def, b) {
				continue next
			}
		}
		out = append(out, c)
	}
	return out
}

func (g *propGen) postgres() {
	odd := g.coin()
	g.line("CREATE TYPE mood AS ENUM (%s);", g.pick("'sad', 'ok', 'happy'", "'a', 'b'", "'x y', 'it''s', 'z'"))
	g.line("CREATE DOMAIN posint AS integer %sCHECK (VALUE > 0);", g.pick("", "DEFAULT 1 "))
	g.line("CREATE FUNCTION def_n() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT %d $$;", 1+g.r.IntN(9))
	g.line("CREATE FUNCTION is_ok(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v >= %d $$;", g.r.IntN(3)-1)
	g.line("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.n := coalesce(NEW.n, 0) + 1; RETURN NEW; END $$;")
	g.line("CREATE SEQUENCE free_seq START %d INCREMENT %d%s;", 1+g.r.IntN(100), 1+g.r.IntN(5), g.pick("", " CYCLE", " MAXVALUE 100000", " CACHE 3"))

	nt := 2 + g.r.IntN(3)
	names := make([]string, nt)
	for i := range nt {
		names[i] = g.tableName(i, odd && i == 1)
		cols := g.columns(2+g.r.IntN(4), pgTypes)
		defs := []string{g.q("id") + " " + g.pick("integer GENERATED ALWAYS AS IDENTITY", "bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5)", "serial", "bigserial", "integer") + " PRIMARY KEY"}
		defs = append(defs, colDefs(g, cols)...)
		defs = append(defs, g.q("n")+" integer DEFAULT def_n()")
		defs = append(defs, g.q("m")+" mood")
		defs = append(defs, g.q("p")+" posint")
		defs = append(defs, g.q("parent")+" integer")
		if i > 0 {
			defs = append(defs, g.q("prev")+" integer REFERENCES "+g.q(names[i-1])+" ("+g.q("id")+")"+g.pick("", " ON DELETE CASCADE", " ON DELETE SET NULL ON UPDATE CASCADE", " DEFERRABLE INITIALLY DEFERRED"))
		}
		defs = append(defs, "CONSTRAINT "+g.q(fmt.Sprintf("t%d_self", i))+" FOREIGN KEY ("+g.q("parent")+") REFERENCES "+g.q(names[i])+" ("+g.q("id")+")")
		defs = append(defs, "CONSTRAINT "+g.q(fmt.Sprintf("t%d_n_ok", i))+" CHECK (is_ok(n))")
		if g.coin() {
			defs = append(defs, "CHECK ("+g.q("n")+" < 1000)")
		}
		ix := indexable(cols, "jsonb", "integer[]", "inet")
		if len(ix) > 0 && g.coin() {
			defs = append(defs, "UNIQUE ("+g.indexCols(ix, false)+")")
		}
		g.line("CREATE TABLE %s (\n  %s\n);", g.q(names[i]), strings.Join(defs, ",\n  "))
		if len(ix) > 0 {
			g.line("CREATE INDEX %s ON %s (%s);", g.q(fmt.Sprintf("t%d_multi", i)), g.q(names[i]), g.indexCols(ix, true))
		}
		g.line("CREATE %sINDEX %s ON %s (%s) WHERE %s IS NOT NULL;", g.pick("", "UNIQUE "), g.q(fmt.Sprintf("t%d_part", i)), g.q(names[i]), g.q("n"), g.q("parent"))
		g.line("CREATE INDEX %s ON %s ((%s + 1)%s, coalesce(%s, 0));", g.q(fmt.Sprintf("t%d_expr", i)), g.q(names[i]), g.q("n"), g.pick("", " DESC"), g.q("parent"))
		g.line("CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW EXECUTE FUNCTION touch();", g.q(fmt.Sprintf("t%d_touch", i)), g.pick("INSERT", "INSERT OR UPDATE", "UPDATE OF n"), g.q(names[i]))
		g.insert(names[i], cols, 1+g.r.IntN(2))
	}
	// A cycle: the first table points at the last.
	g.line("ALTER TABLE %s ADD COLUMN %s integer;", g.q(names[0]), g.q("last"))
	g.line("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s);", g.q(names[0]), g.q("cycle_fk"), g.q("last"), g.q(names[nt-1]), g.q("id"))
	// Sequences owned by a column, used by its default.
	g.line("CREATE SEQUENCE owned_seq START %d;", 1+g.r.IntN(50))
	g.line("ALTER TABLE %s ADD COLUMN %s bigint DEFAULT nextval('owned_seq');", g.q(names[0]), g.q("ticket"))
	g.line("ALTER SEQUENCE owned_seq OWNED BY %s.%s;", g.q(names[0]), g.q("ticket"))

	// Views, a view on a view, a materialized view with indexes.
	g.line("CREATE VIEW v0 AS SELECT %s, %s, %s FROM %s WHERE %s;", g.q("id"), g.q("n"), g.q("m"), g.q(names[0]), g.pick("n > 0", "true", "m IS NOT NULL"))
	g.line("CREATE VIEW v1 AS SELECT v0.id, v0.n %s FROM v0 JOIN %s t ON t.id = v0.id;", g.pick("", ", t.p"), g.q(names[1]))
	g.line("CREATE MATERIALIZED VIEW mv AS SELECT id, n * 2 AS n2 FROM v1;")
	g.line("CREATE UNIQUE INDEX mv_id ON mv (id);")
	g.line("CREATE INDEX mv_n2 ON mv (n2 %s);", g.pick("", "DESC"))

	// Declarative partitions.
	switch g.r.IntN(3) {
	case 0:
		g.line("CREATE TABLE pt (id integer NOT NULL, at date NOT NULL, v text, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);")
		g.line("CREATE TABLE pt_2023 PARTITION OF pt FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');")
		g.line("CREATE TABLE pt_2024 PARTITION OF pt FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');")
		g.line("CREATE TABLE pt_rest PARTITION OF pt DEFAULT;")
	case 1:
		g.line("CREATE TABLE pt (id integer NOT NULL, region text NOT NULL, v text) PARTITION BY LIST (region);")
		g.line("CREATE TABLE pt_eu PARTITION OF pt FOR VALUES IN ('eu', 'uk');")
		g.line("CREATE TABLE pt_us PARTITION OF pt FOR VALUES IN ('us');")
	default:
		g.line("CREATE TABLE pt (id integer NOT NULL, v text) PARTITION BY HASH (id);")
		g.line("CREATE TABLE pt_0 PARTITION OF pt FOR VALUES WITH (MODULUS 2, REMAINDER 0);")
		g.line("CREATE TABLE pt_1 PARTITION OF pt FOR VALUES WITH (MODULUS 2, REMAINDER 1);")
	}
	g.line("CREATE INDEX pt_id ON pt (id);")
	g.extras(pgExtras)
}

func (g *propGen) mysql() {
	odd := g.coin()
	g.line("CREATE SEQUENCE free_seq START WITH %d INCREMENT BY %d%s;", 1+g.r.IntN(100), 1+g.r.IntN(5), g.pick("", " CYCLE", " MAXVALUE 100000", " NOCACHE"))
	g.line("CREATE SEQUENCE used_seq START WITH %d;", 1+g.r.IntN(100))
	g.line("CREATE FUNCTION def_n() RETURNS INT DETERMINISTIC RETURN %d;", 1+g.r.IntN(9))

	nt := 2 + g.r.IntN(3)
	names := make([]string, nt)
	idTypes := make([]string, nt)
	for i := range nt {
		names[i] = g.tableName(i, odd && i == 1)
		cols := g.columns(2+g.r.IntN(4), mysqlTypes)
		defs := []string{g.q("id") + " " + g.pick("INT AUTO_INCREMENT", "BIGINT", "INT UNSIGNED AUTO_INCREMENT") + " PRIMARY KEY"}
		defs = append(defs, colDefs(g, cols)...)
		defs = append(defs, g.q("n")+" INT DEFAULT "+g.pick("(1 + 1)", "7", "NULL"))
		defs = append(defs, g.q("ref")+" BIGINT DEFAULT "+g.pick("NEXT VALUE FOR used_seq", "(NEXT VALUE FOR used_seq)"))
		idType := "INT"
		if strings.Contains(defs[0], "BIGINT") {
			idType = "BIGINT"
		} else if strings.Contains(defs[0], "UNSIGNED") {
			idType = "INT UNSIGNED"
		}
		idTypes[i] = idType
		defs = append(defs, g.q("parent")+" "+idType)
		defs = append(defs, "CONSTRAINT "+g.q(fmt.Sprintf("t%d_self", i))+" FOREIGN KEY ("+g.q("parent")+") REFERENCES "+g.q(names[i])+" ("+g.q("id")+")"+g.pick("", " ON DELETE CASCADE", " ON DELETE SET NULL"))
		defs = append(defs, "CONSTRAINT "+g.q(fmt.Sprintf("t%d_n", i))+" CHECK ("+g.q("n")+" < "+fmt.Sprint(100+g.r.IntN(900))+")")
		ix := indexable(cols, "TEXT", "JSON")
		if len(ix) > 0 && g.coin() {
			defs = append(defs, "UNIQUE KEY "+g.q(fmt.Sprintf("t%d_uq", i))+" ("+g.indexCols(ix, false)+")")
		}
		if len(ix) > 0 {
			defs = append(defs, "KEY "+g.q(fmt.Sprintf("t%d_multi", i))+" ("+g.indexCols(ix, true)+")")
		}
		g.line("CREATE TABLE %s (\n  %s\n)%s;", g.q(names[i]), strings.Join(defs, ",\n  "), g.pick("", " ENGINE=InnoDB", " COMMENT='gen'"))
		g.line("CREATE TRIGGER %s BEFORE %s ON %s FOR EACH ROW SET NEW.n = COALESCE(NEW.n, def_n());", g.q(fmt.Sprintf("t%d_touch", i)), g.pick("INSERT", "UPDATE"), g.q(names[i]))
		g.insert(names[i], cols, 1+g.r.IntN(2))
	}
	// Foreign keys down the list and a cycle back, after all tables exist
	// (and their id types are known).
	g.line("ALTER TABLE %s ADD COLUMN %s %s, ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s);",
		g.q(names[0]), g.q("last"), idTypes[nt-1], g.q("cycle_fk"), g.q("last"), g.q(names[nt-1]), g.q("id"))
	g.line("CREATE VIEW v0 AS SELECT %s, %s FROM %s WHERE %s;", g.q("id"), g.q("n"), g.q(names[0]), g.pick("n > 0", "1 = 1", "n IS NOT NULL"))
	g.line("CREATE %sVIEW v1 AS SELECT v0.id, v0.n FROM v0 JOIN %s t ON t.id = v0.id;", g.pick("", "ALGORITHM=MERGE ", "SQL SECURITY INVOKER "), g.q(names[1]))
	g.line("CREATE PROCEDURE bump(IN by_n INT)%s\nBEGIN\n  UPDATE %s SET n = n + by_n;\nEND;", g.pick("", " MODIFIES SQL DATA", " SQL SECURITY INVOKER COMMENT 'bumps'"), g.q(names[0]))
	g.line("CREATE FUNCTION total() RETURNS BIGINT READS SQL DATA RETURN (SELECT COUNT(*) FROM %s);", g.q(names[nt-1]))
	g.line("CREATE EVENT tick ON SCHEDULE EVERY %d %s STARTS '2035-01-01 00:00:00'%s DO UPDATE %s SET n = n;", 1+g.r.IntN(12), g.pick("HOUR", "DAY", "MINUTE"), g.pick("", " ON COMPLETION PRESERVE DISABLE", " COMMENT 'tick'"), g.q(names[0]))
	switch g.r.IntN(3) {
	case 0:
		g.line("CREATE TABLE pt (id INT NOT NULL, at DATE NOT NULL, v VARCHAR(10), PRIMARY KEY (id, at)) PARTITION BY RANGE (YEAR(at)) (PARTITION p2023 VALUES LESS THAN (2024), PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE);")
	case 1:
		g.line("CREATE TABLE pt (id INT NOT NULL PRIMARY KEY, v VARCHAR(10)) PARTITION BY HASH (id) PARTITIONS %d;", 2+g.r.IntN(3))
	default:
		g.line("CREATE TABLE pt (id INT NOT NULL, region INT NOT NULL, PRIMARY KEY (id, region)) PARTITION BY LIST (region) (PARTITION pa VALUES IN (1, 2), PARTITION pb VALUES IN (3));")
	}
	g.extras(mysqlExtras)
}

func (g *propGen) sqlite() {
	odd := g.coin()
	nt := 2 + g.r.IntN(3)
	names := make([]string, nt)
	for i := range nt {
		names[i] = g.tableName(i, odd && i == 1)
	}
	for i := range nt {
		cols := g.columns(2+g.r.IntN(4), sqliteTypes)
		defs := []string{g.q("id") + " INTEGER PRIMARY KEY" + g.pick("", " AUTOINCREMENT")}
		defs = append(defs, colDefs(g, cols)...)
		defs = append(defs, g.q("n")+" INT DEFAULT "+g.pick("0", "(1 + 1)", "NULL")+" CHECK ("+g.q("n")+" < 1000)")
		defs = append(defs, g.q("parent")+" INTEGER REFERENCES "+g.q(names[i])+" ("+g.q("id")+")"+g.pick("", " ON DELETE CASCADE"))
		// Points at the next table (the last at the first): a cycle SQLite
		// accepts because foreign keys are checked late.
		defs = append(defs, g.q("next")+" INTEGER REFERENCES "+g.q(names[(i+1)%nt])+" ("+g.q("id")+")")
		ix := indexable(cols)
		if g.coin() {
			defs = append(defs, "UNIQUE ("+g.indexCols(ix, false)+")")
		}
		if g.coin() {
			defs = append(defs, "CONSTRAINT "+g.q(fmt.Sprintf("t%d_ck", i))+" CHECK ("+g.q("n")+" >= -1)")
		}
		g.line("CREATE TABLE %s (\n  %s\n);", g.q(names[i]), strings.Join(defs, ",\n  "))
		g.line("CREATE INDEX %s ON %s (%s);", g.q(fmt.Sprintf("t%d_multi", i)), g.q(names[i]), g.indexCols(ix, true))
		g.line("CREATE %sINDEX %s ON %s (%s) WHERE %s IS NOT NULL;", g.pick("", "UNIQUE "), g.q(fmt.Sprintf("t%d_part", i)), g.q(names[i]), g.q("n"), g.q("parent"))
		g.line("CREATE INDEX %s ON %s (%s + 1%s, lower(%s));", g.q(fmt.Sprintf("t%d_expr", i)), g.q(names[i]), g.q("n"), g.pick("", " DESC"), g.q(cols[0].name))
		g.line("CREATE TRIGGER %s AFTER %s ON %s BEGIN UPDATE %s SET n = n WHERE id = new.id; END;", g.q(fmt.Sprintf("t%d_trg", i)), g.pick("INSERT", "UPDATE OF n"), g.q(names[i]), g.q(names[i]))
		g.insert(names[i], cols, 1+g.r.IntN(2))
	}
	g.line("CREATE VIEW v0 AS SELECT %s, %s FROM %s WHERE %s;", g.q("id"), g.q("n"), g.q(names[0]), g.pick("n > 0", "1", "n IS NOT NULL"))
	g.line("CREATE VIEW v1 AS SELECT v0.id, v0.n FROM v0 JOIN %s t ON t.id = v0.id;", g.q(names[1]))
	g.line("CREATE TRIGGER v1_ins INSTEAD OF INSERT ON v1 BEGIN INSERT INTO %s (id, n) VALUES (new.id, new.n); END;", g.q(names[0]))
	g.extras(sqliteExtras)
}

// extras adds a few of an engine's less common spellings and options, each
// self-contained (it names only t0, v0 and what it creates itself).
func (g *propGen) extras(from []string) {
	for _, i := range g.r.Perm(len(from))[:min(len(from), 3+g.r.IntN(3))] {
		g.line("%s", from[i])
	}
}

var pgExtras = []string{
	"CREATE TABLE gen (a integer, b integer GENERATED ALWAYS AS (a * 2) STORED, c text COLLATE \"C\", d numeric DEFAULT 0 CHECK (d >= 0) NOT NULL);",
	"CREATE SCHEMA other; CREATE TABLE other.t (id integer PRIMARY KEY, t0_id bigint); CREATE VIEW other.v AS SELECT id FROM other.t;",
	"CREATE TABLE nd (a integer, b integer, CONSTRAINT nd_u UNIQUE NULLS NOT DISTINCT (a, b));",
	"CREATE VIEW vc (x, y) AS SELECT id, n FROM v0 WHERE n > 1 WITH CASCADED CHECK OPTION;",
	"CREATE SEQUENCE down_seq INCREMENT -1 MINVALUE -1000 MAXVALUE -1 START -1;",
	"CREATE FUNCTION add2(a integer, b integer DEFAULT 2) RETURNS integer LANGUAGE sql STABLE AS $$ SELECT a + b $$; CREATE FUNCTION add2(a text) RETURNS text LANGUAGE sql AS $$ SELECT a || '2' $$;",
	"CREATE TABLE tw (id integer PRIMARY KEY, n integer); CREATE FUNCTION tw_f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$; CREATE TRIGGER tw_t AFTER UPDATE ON tw FOR EACH ROW WHEN (OLD.n IS DISTINCT FROM NEW.n) EXECUTE FUNCTION tw_f(); CREATE TRIGGER tw_s AFTER TRUNCATE ON tw FOR EACH STATEMENT EXECUTE FUNCTION tw_f();",
	"CREATE TABLE sub (id integer NOT NULL, k integer NOT NULL) PARTITION BY RANGE (id); CREATE TABLE sub_a PARTITION OF sub FOR VALUES FROM (0) TO (100) PARTITION BY LIST (k); CREATE TABLE sub_a1 PARTITION OF sub_a FOR VALUES IN (1); CREATE INDEX sub_k ON sub (k);",
	"CREATE TYPE size AS ENUM ('s', 'm', 'l'); CREATE DOMAIN email AS text COLLATE \"C\" CHECK (VALUE LIKE '%@%'); CREATE TABLE prof (id integer PRIMARY KEY, sz size DEFAULT 's', mail email, sizes size[]);",
	"CREATE INDEX t0_inc ON t0 (n) INCLUDE (parent); CREATE INDEX t0_brin ON t0 USING brin (id); CREATE INDEX t0_nf ON t0 (parent DESC NULLS LAST, n NULLS FIRST);",
	"CREATE MATERIALIZED VIEW mv2 AS SELECT n, count(*) AS c FROM v0 GROUP BY n WITH NO DATA;",
	"CREATE TABLE ckd (a integer, b integer, CONSTRAINT ckd_ab CHECK (a < b) NOT VALID, CONSTRAINT ckd_fk FOREIGN KEY (a) REFERENCES t0 (id) NOT VALID);",
	"CREATE TABLE \"Mixed\"\"Q\" (\"Col A\" integer PRIMARY KEY, \"select\" text); CREATE INDEX \"ix.dot\" ON \"Mixed\"\"Q\" (\"select\");",
}

var mysqlExtras = []string{
	"CREATE TABLE gen (a INT, b INT AS (a * 2) STORED, c INT AS (a + 1) VIRTUAL, d VARCHAR(20) INVISIBLE DEFAULT 'x', KEY gen_c (c));",
	"CREATE TABLE upd (id INT PRIMARY KEY, at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, dt DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3));",
	"CREATE TABLE ft (id INT PRIMARY KEY, body TEXT, title VARCHAR(200), FULLTEXT KEY ft_body (body, title), KEY ft_pre (title(10) DESC)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;",
	"CREATE TABLE pk (id INT NOT NULL, v INT, PRIMARY KEY (id)) PARTITION BY KEY (id) PARTITIONS 2;",
	"CREATE TABLE rc (a INT NOT NULL, b CHAR(2) NOT NULL) PARTITION BY RANGE COLUMNS (a, b) (PARTITION r0 VALUES LESS THAN (10, 'm'), PARTITION r1 VALUES LESS THAN (MAXVALUE, MAXVALUE));",
	"CREATE VIEW vc (x, y) AS SELECT id, n FROM v0 WHERE n > 1 WITH CASCADED CHECK OPTION;",
	"CREATE TRIGGER t0_a BEFORE DELETE ON t0 FOR EACH ROW SET @x = 1; CREATE TRIGGER t0_b BEFORE DELETE ON t0 FOR EACH ROW PRECEDES t0_a SET @x = 2;",
	"CREATE FUNCTION add2(a INT, b INT) RETURNS INT DETERMINISTIC NO SQL COMMENT 'adds' RETURN a + b;",
	"CREATE PROCEDURE loopy(INOUT x INT)\nBEGIN\n  DECLARE i INT DEFAULT 0;\n  WHILE i < 3 DO\n    SET x = x + i; SET i = i + 1;\n  END WHILE;\nEND;",
	"CREATE EVENT once ON SCHEDULE AT '2036-02-01 00:00:00' ON COMPLETION PRESERVE DO DELETE FROM t0 WHERE 1 = 0;",
	"CREATE SEQUENCE down_seq START WITH -1 INCREMENT BY -1 MINVALUE -1000 MAXVALUE -1;",
	"CREATE TABLE `Mixed``Q` (`Col A` INT PRIMARY KEY, `select` VARCHAR(10), KEY `ix.dot` (`select`));",
	"CREATE TABLE u (id INT PRIMARY KEY, a BIT(3) DEFAULT b'101', y YEAR, f FLOAT(7,3), z INT(6) UNSIGNED ZEROFILL, bl MEDIUMBLOB, KEY u_a (a));",
}

var sqliteExtras = []string{
	"CREATE TABLE gen (a INT, b INT GENERATED ALWAYS AS (a * 2) STORED, c TEXT AS (a || 'x') VIRTUAL);",
	"CREATE TABLE wr (a TEXT NOT NULL, b INT NOT NULL, c ANY, PRIMARY KEY (a, b)) STRICT, WITHOUT ROWID;",
	"CREATE VIEW vc (x, y) AS SELECT id, n FROM v0 WHERE n > 1;",
	"CREATE TABLE tw (id INTEGER PRIMARY KEY, n INT); CREATE TRIGGER tw_t AFTER UPDATE OF n ON tw FOR EACH ROW WHEN old.n IS NOT new.n BEGIN SELECT RAISE(IGNORE); END;",
	"CREATE INDEX t0_coll ON t0 (n COLLATE NOCASE DESC);",
	"CREATE TABLE \"Mixed\"\"Q\" (\"Col A\" INTEGER PRIMARY KEY, \"select\" TEXT); CREATE INDEX \"ix.dot\" ON \"Mixed\"\"Q\" (\"select\");",
	"CREATE TABLE fkc (a INT, b INT, FOREIGN KEY (a, b) REFERENCES fkp (x, y) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED); CREATE TABLE fkp (x INT, y INT, PRIMARY KEY (x, y));",
}
