package postgres

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
)

// deparseShapes has an index or key of every shape the deparser writes,
// and of the shapes it must leave to the server (marked "server").
const deparseShapes = `
CREATE DOMAIN dom_text AS varchar(20);
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE TABLE shapes (
	id int PRIMARY KEY,
	v varchar(30), t text, c char(2), n numeric, ts timestamptz, j jsonb, arr int[], d dom_text, m mood,
	"user" int, "between" int, "left" int, action int, "CamelCol" int, "we""ird" int, "ünï" int,
	r int4range, b bytea, u uuid
);
CREATE INDEX ix_int ON shapes (n);
CREATE INDEX ix_varchar ON shapes (v);
CREATE INDEX ix_multi ON shapes (v DESC, t NULLS FIRST, c DESC NULLS LAST, ts ASC NULLS LAST);
CREATE UNIQUE INDEX ux_incl ON shapes (u) INCLUDE (t, "user");
CREATE INDEX ix_partial ON shapes (ts) WHERE n > 0 AND v <> 'x';
CREATE INDEX ix_hash ON shapes USING hash (v);
CREATE INDEX ix_gin ON shapes USING gin (j);
CREATE INDEX ix_names ON shapes ("user", "between", "left", action, "CamelCol", "we""ird", "ünï");
CREATE INDEX ix_brin ON shapes USING brin (ts);
CREATE INDEX "Ix Spaced" ON shapes (id DESC);
CREATE INDEX ix_gin_path ON shapes USING gin (j jsonb_path_ops);  -- server: not the default class
CREATE INDEX ix_gin_arr ON shapes USING gin (arr);                 -- server: a polymorphic class
CREATE INDEX ix_pattern ON shapes (v varchar_pattern_ops);         -- server
CREATE INDEX ix_coll ON shapes (t COLLATE "C");                    -- server
CREATE INDEX ix_expr ON shapes (lower(t));                         -- server
CREATE INDEX ix_with ON shapes (n) WITH (fillfactor = 70);         -- server
CREATE INDEX ix_domain ON shapes (d);                              -- server
CREATE INDEX ix_enum ON shapes (m);                                -- server
CREATE INDEX ix_gist ON shapes USING gist (r);                     -- server
CREATE UNIQUE INDEX ux_nnd ON shapes (b) NULLS NOT DISTINCT;       -- server
ALTER TABLE shapes ADD CONSTRAINT uq_pair UNIQUE ("user", action) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE shapes ADD CONSTRAINT uq_fill UNIQUE (ts) WITH (fillfactor = 80);
ALTER TABLE shapes ADD CONSTRAINT uq_incl UNIQUE (t) INCLUDE (n);          -- server
ALTER TABLE shapes ADD CONSTRAINT uq_nnd UNIQUE NULLS NOT DISTINCT (c);    -- server
ALTER TABLE shapes ADD CONSTRAINT ck_a CHECK (n > 0) NOT VALID;
ALTER TABLE shapes ADD CONSTRAINT ck_b CHECK ("user" > action) NO INHERIT;
CREATE TABLE "Other" ("Id" int, "select" text, CONSTRAINT "Other pk" PRIMARY KEY ("Id", "select"));
`

// TestDeparseMatchesServer: the definitions written from their parts are
// the server's own text, name quoting included, and the queries leave to
// the server exactly the shapes the deparser does not handle.
func TestDeparseMatchesServer(t *testing.T) {
	url := drivertest.PostgresURL(t)
	c := openURL(t, url)
	mustExec(t, c, deparseShapes)

	plainIndexes, plainKeys := plainRows(t, c)
	wantIndexes := []string{"Ix Spaced", "ix_brin", "ix_gin", "ix_hash", "ix_int", "ix_multi", "ix_names", "ix_partial", "ix_varchar", "ux_incl"}
	if !slices.Equal(plainIndexes, wantIndexes) {
		t.Errorf("indexes written from parts: %q, want %q", plainIndexes, wantIndexes)
	}
	wantKeys := []string{"Other pk", "ck_a", "ck_b", "shapes_pkey", "uq_fill", "uq_pair"}
	if !slices.Equal(plainKeys, wantKeys) {
		t.Errorf("constraints written from parts: %q, want %q", plainKeys, wantKeys)
	}
	compareWithServer(t, c, 28)

	// quote_all_identifiers, for the database's new sessions: every name
	// is quoted, by the server and by the deparser alike.
	mustExec(t, c, `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET quote_all_identifiers = on', current_database()); END $$`)
	all := openURL(t, url)
	var on string
	if err := all.pool.QueryRow(testContext(t), `SHOW quote_all_identifiers`).Scan(&on); err != nil || on != "on" {
		t.Fatalf("quote_all_identifiers: %q, %v", on, err)
	}
	compareWithServer(t, all, 28)
}

// checkShapes have checks of one stored shape over columns of other
// names, checks that read the whole row or a system column (whose text
// names the table), and checks of the same text in other tables.
const checkShapes = `
CREATE TABLE s1 (a int, b int, CHECK (b > 0), CHECK (s1 IS NOT NULL), CHECK (tableoid <> 0));
CREATE TABLE s2 (a int, c int, CHECK (c > 0), CHECK (s2 IS NOT NULL), CHECK (tableoid <> 0));
CREATE TABLE s3 (a int, b int, CHECK (b > 0), CHECK (a < b AND b < 100), CHECK (false));
CREATE TABLE s4 ("Weird ""b""" int, b int, CHECK ("Weird ""b""" < b AND b < 100));
`

// TestCheckShapes: a check's text, deparsed once per shape, is the
// server's text for every table that has the shape.
func TestCheckShapes(t *testing.T) {
	c := openURL(t, drivertest.PostgresURL(t))
	// One statement at a time: a stored tree holds the offsets of its
	// parts in the statement, which must match for tables to share it.
	for _, stmt := range strings.Split(strings.TrimSpace(checkShapes), "\n") {
		mustExec(t, c, stmt)
	}
	var shapes int
	if err := c.pool.QueryRow(testContext(t), `SELECT count(DISTINCT conbin::text) FROM pg_constraint WHERE conname IN ('s1_b_check', 's2_c_check', 's3_b_check')`).Scan(&shapes); err != nil || shapes != 1 {
		t.Fatalf("%d stored shapes for the three checks, want one (%v)", shapes, err)
	}
	compareWithServer(t, c, 10)
}

// plainRows runs the index and constraint queries as Snapshot does and
// names the rows whose text they leave to the deparser.
func plainRows(t *testing.T, c *Conn) (indexes, keys []string) {
	t.Helper()
	ctx := testContext(t)
	var version int
	if err := c.pool.QueryRow(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql        string
		name, text int
		into       *[]string
	}{
		{indexesSQL, 1, 10, &indexes},
		{constraintsSQL, 1, 13, &keys},
	} {
		rows, err := c.pool.Query(ctx, forVersion(q.sql, version), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			vals := rows.RawValues()
			if vals[q.text] == nil {
				*q.into = append(*q.into, string(vals[q.name]))
			}
		}
		if rows.Close(); rows.Err() != nil {
			t.Fatal(rows.Err())
		}
		slices.Sort(*q.into)
	}
	return indexes, keys
}

// compareWithServer checks every index and key definition of the
// snapshot against pg_get_indexdef and pg_get_constraintdef.
func compareWithServer(t *testing.T, c *Conn, count int) {
	t.Helper()
	ctx := testContext(t)
	snap, err := c.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, tb := range snap.Schemas[0].Tables {
		for _, ix := range tb.Indexes {
			got[ix.Name] = ix.Definition
		}
		if tb.PrimaryKey != nil {
			got[tb.PrimaryKey.Name] = tb.PrimaryKey.Definition
		}
		for _, u := range tb.Uniques {
			got[u.Name] = u.Definition
		}
		for _, ck := range tb.Checks {
			got[ck.Name] = ck.Definition
		}
	}
	want := map[string]string{}
	rows, err := c.pool.Query(ctx, `SELECT ic.relname::text, pg_get_indexdef(i.indexrelid, 0, true) FROM pg_index i
		JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
		WHERE tc.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		UNION ALL
		SELECT conname::text, pg_get_constraintdef(oid, true) FROM pg_constraint
		WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'c')`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var def pgtype.Text
		if err := rows.Scan(&name, &def); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(def.String, "CREATE ") {
			want[name] = indexTail(def.String)
		} else {
			want[name] = constraintText(def.String)
		}
	}
	if rows.Close(); rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if len(want) != count {
		t.Fatalf("%d indexes and constraints on the server, want %d", len(want), count)
	}
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if got[name] != want[name] {
			t.Errorf("%s:\n got %q\nwant %q", name, got[name], want[name])
		}
	}
}

func TestForVersion(t *testing.T) {
	sql := `... NOT i.indnullsnotdistinct ... OR ki.indnullsnotdistinct)`
	if got := forVersion(sql, 150004); got != sql {
		t.Errorf("15: %q", got)
	}
	if got, want := forVersion(sql, 140010), `... NOT false ... OR false)`; got != want {
		t.Errorf("14: %q, want %q", got, want)
	}
}

func TestKeptRows(t *testing.T) {
	big := strings.Repeat("x", keptBlock+10) // larger than a block: a block of its own
	in := [][][]byte{
		{[]byte("a"), nil, []byte("")},
		{[]byte(big), []byte("b"), nil},
		{nil, nil, []byte("c")},
	}
	k := &keptRows{fields: make([]pgconn.FieldDescription, 3)}
	for range 20 {
		for _, row := range in {
			k.add(row)
		}
	}
	var buf [][]byte
	for i := range k.rows {
		buf = k.row(i, buf)
		want := in[i%3]
		for j := range want {
			if (buf[j] == nil) != (want[j] == nil) || string(buf[j]) != string(want[j]) {
				t.Fatalf("row %d value %d: %.20q, want %.20q", i, j, buf[j], want[j])
			}
		}
		k.release(i)
	}
	if len(k.blocks) < 20 {
		t.Errorf("%d blocks for 20 rows over a block each", len(k.blocks))
	}
	held := 0
	for _, b := range k.blocks {
		if b != nil {
			held++
		}
	}
	if held > 2 { // the last row's block, and the one before if it straddles
		t.Errorf("%d blocks still held after replaying every row", held)
	}
}
