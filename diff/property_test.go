package diff_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// propSeeds are the seeds every run tries. DBLS_PROPERTY_SEEDS adds more:
// a comma-separated list of seeds and ranges ("7,20-40").
var propSeeds = []uint64{1, 2, 3}

func propertySeeds(t *testing.T) []uint64 {
	seeds := append([]uint64(nil), propSeeds...)
	env := os.Getenv("DBLS_PROPERTY_SEEDS")
	for _, f := range strings.Split(env, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(f, "-")
		a, err := strconv.ParseUint(lo, 10, 64)
		b := a
		if err == nil && isRange {
			b, err = strconv.ParseUint(hi, 10, 64)
		}
		if err != nil || b < a {
			t.Fatalf("DBLS_PROPERTY_SEEDS: bad item %q", f)
		}
		for s := a; s <= b; s++ {
			seeds = append(seeds, s)
		}
	}
	return seeds
}

var propDialects = []struct {
	name string
	url  func(testing.TB) string
}{
	{"postgres", drivertest.PostgresURL},
	{"mysql", drivertest.MySQLURL},
	{"sqlite", drivertest.SQLiteURL},
}

// TestPropertyClone builds a generated schema that uses every object kind
// of the engine in database A and requires that A differs in nothing from
// itself, and that syncing A into an empty database B converges: B then
// differs from A in nothing and a second plan is empty.
func TestPropertyClone(t *testing.T) {
	for _, d := range propDialects {
		t.Run(d.name, func(t *testing.T) {
			for _, seed := range propertySeeds(t) {
				t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
					t.Parallel()
					gen := generateSchema(d.name, seed)
					defer logOnFailure(t, gen.DDL)
					a := open(t, d.url(t))
					exec(t, a, gen.DDL)
					exec(t, a, gen.Rows)
					b := open(t, d.url(t))
					syncConverges(t, a, b)
				})
			}
		})
	}
}

// TestPropertyMutation builds the generated schema with its rows in B and
// the same schema with a few random edits in A, syncs A → B, and requires
// convergence and that every surviving column kept its rows.
func TestPropertyMutation(t *testing.T) {
	for _, d := range propDialects {
		t.Run(d.name, func(t *testing.T) {
			for _, seed := range propertySeeds(t) {
				t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
					t.Parallel()
					gen := generateSchema(d.name, seed)
					ddlA, ddlB := mutate(d.name, seed, gen.DDL)
					defer logOnFailure(t, "-- A\n"+ddlA+"-- B\n"+ddlB)
					a := open(t, d.url(t))
					exec(t, a, ddlA)
					b := open(t, d.url(t))
					exec(t, b, ddlB)
					exec(t, b, gen.Rows)
					before := snapshot(t, b)
					r := renderer(t, b)
					rowsBefore := tableRows(t, b, before, r)
					after := syncConverges(t, a, b)
					checkRows(t, rowsBefore, tableRows(t, b, after, r))
				})
			}
		})
	}
}

// syncConverges checks diff(A, A) is empty, syncs A → B with destructive
// changes allowed, checks the plan renders and applies and that a second
// plan is empty, and returns B's snapshot after the sync.
func syncConverges(t *testing.T, a, b drivers.Conn) *schema.Snapshot {
	t.Helper()
	ctx := context.Background()
	r := renderer(t, b)
	src := snapshot(t, a)
	if self, err := diff.Compare(src, src, diff.Options{Renderer: r}); err != nil || !self.Empty() {
		t.Fatalf("the source differs from itself (err %v):\n%s", err, planText(self))
	}
	plan, err := diff.Compare(src, snapshot(t, b), diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range plan.Items {
		if it.Error != "" {
			t.Fatalf("item %s cannot be rendered: %s\n%s", it.ID, it.Error, planText(plan))
		}
	}
	if _, err := diff.Apply(ctx, b, plan); err != nil {
		t.Fatalf("apply: %v\n%s", err, planText(plan))
	}
	after := snapshot(t, b)
	again, err := diff.Compare(src, after, diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() {
		t.Fatalf("not converged; plan applied:\n%s\nstill differs:\n%s", planText(plan), planText(again))
	}
	if self, err := diff.Compare(after, after, diff.Options{Renderer: r}); err != nil || !self.Empty() {
		t.Fatalf("the synced target differs from itself (err %v):\n%s", err, planText(self))
	}
	return after
}

// logOnFailure prints the generated DDL of a failed case, so that it can
// be run by hand and minimised.
func logOnFailure(t *testing.T, ddl string) {
	if t.Failed() {
		t.Logf("generated DDL:\n%s", ddl)
	}
}

// mutate applies a seed's edits to a generated schema: it returns the DDL
// of A (the desired side) and of B (the current side, which gets the
// rows). An edit is statements run after the DDL in A or in B (a column
// the sync drops is one that B alone adds), or a text replacement in A's
// DDL for what cannot be altered in place once other objects use it (a
// replacement whose text the seed did not generate changes nothing).
func mutate(dialect string, seed uint64, ddl string) (ddlA, ddlB string) {
	g := newPropGen(dialect, seed^0x5bd1e995)
	type edit struct{ a, b, old, new, old2, new2 string }
	var edits []edit
	switch dialect {
	case "postgres":
		edits = []edit{
			{a: "ALTER TABLE t0 ADD COLUMN extra text DEFAULT 'e';"},
			{b: "ALTER TABLE t0 ADD COLUMN gone integer DEFAULT 3;"},
			{a: "ALTER TABLE t0 ALTER COLUMN n SET DEFAULT 5;"},
			{a: "CREATE INDEX t0_new ON t0 (n DESC, id);"},
			{a: "ALTER TYPE mood ADD VALUE 'new';"},
			{a: "CREATE OR REPLACE VIEW v0 AS SELECT id, n, m, n + 1 AS n1 FROM t0;"},
			// A type change whose values print the same before and after.
			{a: "ALTER TABLE t0 ADD COLUMN w text DEFAULT '4';", b: "ALTER TABLE t0 ADD COLUMN w integer DEFAULT 4;"},
			{a: "ALTER SEQUENCE free_seq INCREMENT 7;"},
			{old: `"n" integer DEFAULT def_n()`, new: `"n" bigint DEFAULT def_n()`, old2: "CHECK (is_ok(n))", new2: "CHECK (is_ok(n::integer))"},
			{old: "SELECT v >= ", new: "SELECT v + 0 >= "},
			{old: "RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT ", new: "RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 10 + "},
			{old: "CHECK (VALUE > 0)", new: "CHECK (VALUE > -1)"},
			{old: "FOR VALUES IN ('us')", new: "FOR VALUES IN ('us', 'ca')"},
			{old: "TO ('2025-01-01')", new: "TO ('2026-01-01')"},
			{old: "n * 2 AS n2", new: "n * 3 AS n2"},
			{old: `CREATE TRIGGER "t0_touch" BEFORE`, new: `CREATE TRIGGER "t0_touch" AFTER`},
			{old: `CONSTRAINT "t0_self" FOREIGN KEY ("parent") REFERENCES "t0" ("id")`, new: `CONSTRAINT "t0_self" FOREIGN KEY ("parent") REFERENCES "t0" ("id") ON DELETE CASCADE`},
		}
	case "mysql":
		edits = []edit{
			{a: "ALTER TABLE t0 ADD COLUMN extra VARCHAR(20) DEFAULT 'e';"},
			{b: "ALTER TABLE t0 ADD COLUMN gone INT DEFAULT 3;"},
			{a: "ALTER TABLE t0 ALTER COLUMN n SET DEFAULT 5;"},
			{a: "CREATE INDEX t0_new ON t0 (n DESC, id);"},
			{a: "ALTER TABLE t0 ADD COLUMN e ENUM('a','b','c') DEFAULT 'a';", b: "ALTER TABLE t0 ADD COLUMN e ENUM('a','b') DEFAULT 'a';"},
			{a: "CREATE OR REPLACE VIEW v1 AS SELECT v0.id, v0.n, v0.n + 1 AS n1 FROM v0;"},
			{a: "ALTER SEQUENCE free_seq INCREMENT BY 7;"},
			{a: "DROP EVENT tick;"},
			{old: "`n` INT DEFAULT", new: "`n` BIGINT DEFAULT"},
			{old: "VALUES IN (3)", new: "VALUES IN (3, 4)"},
			{old: "LESS THAN (2025)", new: "LESS THAN (2026)"},
			{old: "SET n = n + by_n", new: "SET n = n + by_n + 1"},
			{old: "STARTS '2035-01-01 00:00:00'", new: "STARTS '2035-06-01 00:00:00'"},
			{old: "CREATE SEQUENCE used_seq START WITH", new: "CREATE SEQUENCE used_seq INCREMENT BY 3 START WITH"},
			{old: "CHECK (`n` <", new: "CHECK (`n` <="},
			{old: "RETURNS INT DETERMINISTIC RETURN ", new: "RETURNS INT DETERMINISTIC RETURN 10 + "},
		}
	case "sqlite":
		edits = []edit{
			{a: "ALTER TABLE t0 ADD COLUMN extra TEXT DEFAULT 'e';"},
			{b: "ALTER TABLE t0 ADD COLUMN gone INT DEFAULT 3;"},
			{a: "CREATE INDEX t0_new ON t0 (n DESC, id);"},
			{a: "DROP VIEW v1; CREATE VIEW v1 AS SELECT v0.id, v0.n, v0.n + 1 AS n1 FROM v0;"},
			{a: "DROP TRIGGER t0_trg;"},
			{old: `"n" INT DEFAULT`, new: `"n" BIGINT DEFAULT`},
			{old: `CHECK ("n" < 1000)`, new: `CHECK ("n" < 2000)`},
			{old: `IS NOT NULL;`, new: `IS NOT NULL AND "n" > 0;`},
			{old: `AFTER INSERT ON`, new: `AFTER DELETE ON`},
			{old: `"next" INTEGER REFERENCES`, new: `"next" INTEGER DEFAULT 0 REFERENCES`},
		}
	}
	ddlA, ddlB = ddl, ddl
	for _, i := range g.r.Perm(len(edits))[:1+g.r.IntN(3)] {
		e := edits[i]
		if e.old != "" {
			ddlA = strings.ReplaceAll(ddlA, e.old, e.new)
			if e.old2 != "" {
				ddlA = strings.ReplaceAll(ddlA, e.old2, e.new2)
			}
		}
		if e.a != "" {
			ddlA += e.a + "\n"
		}
		if e.b != "" {
			ddlB += e.b + "\n"
		}
	}
	return ddlA, ddlB
}
