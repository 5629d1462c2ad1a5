package postgres

import (
	"reflect"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// Extensions, composite and range types and collations are read with the
// options that differ from PostgreSQL's defaults; what an extension brings
// (citext's type, pg_trgm's functions) is not listed.
func TestSnapshotTypes(t *testing.T) {
	c := testConn(t)
	for _, q := range []string{
		`CREATE EXTENSION citext`,
		`CREATE SCHEMA ext`,
		`CREATE EXTENSION pg_trgm SCHEMA ext`,
		`CREATE COLLATION "ci Coll" (provider = icu, locale = 'und-u-ks-level2', deterministic = false)`,
		`CREATE COLLATION c_posix (locale = 'C')`,
		`CREATE TYPE addr AS (street text COLLATE c_posix, zip varchar(10), n integer)`,
		`COMMENT ON TYPE addr IS 'an address'`,
		`CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi)`,
		`CREATE TYPE textrange AS RANGE (subtype = text, collation = c_posix, multirange_type_name = textranges)`,
		`CREATE TABLE t (id int, e citext, a addr, r floatrange)`,
		`CREATE FUNCTION f(a addr, r floatrange) RETURNS int LANGUAGE sql AS 'SELECT 1'`,
	} {
		mustExec(t, c, q)
	}
	snap, err := c.Snapshot(testContext(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	pub, ext := snap.Schema("public"), snap.Schema("ext")
	if pub == nil || ext == nil {
		t.Fatalf("schemas: %+v", snap.Schemas)
	}
	if got := pub.Extensions; len(got) != 1 || got[0].Name != "citext" || got[0].Version == "" {
		t.Errorf("public extensions = %+v", got)
	}
	if got := ext.Extensions; len(got) != 1 || got[0].Name != "pg_trgm" {
		t.Errorf("ext extensions = %+v", got)
	}
	if len(ext.Routines) != 0 {
		t.Errorf("pg_trgm's functions are listed: %d", len(ext.Routines))
	}
	wantComposite := []schema.CompositeType{{Name: "addr", Comment: "an address", Attributes: []schema.Column{
		{Name: "street", Position: 1, Type: "text", Collation: "c_posix", Nullable: true},
		{Name: "zip", Position: 2, Type: "character varying(10)", Nullable: true},
		{Name: "n", Position: 3, Type: "integer", Nullable: true},
	}}}
	if !reflect.DeepEqual(pub.Composites, wantComposite) {
		t.Errorf("composites = %+v", pub.Composites)
	}
	wantRanges := []schema.RangeType{
		{Name: "floatrange", Subtype: "double precision", SubtypeDiff: "float8mi"},
		{Name: "textrange", Subtype: "text", Collation: "c_posix", MultirangeName: "textranges"},
	}
	if !reflect.DeepEqual(pub.Ranges, wantRanges) {
		t.Errorf("ranges = %+v", pub.Ranges)
	}
	// The routine needs both types (diff orders it after them); the range's
	// constructors are the type's own, not routines of the schema.
	if len(pub.Routines) != 1 || !reflect.DeepEqual(pub.Routines[0].DependsOn, []schema.ObjectRef{
		{Kind: schema.RefComposite, Schema: "public", Name: "addr"}, {Kind: schema.RefRange, Schema: "public", Name: "floatrange"}}) {
		t.Errorf("routines = %+v", pub.Routines)
	}
	if len(pub.Collations) != 2 {
		t.Fatalf("collations = %+v", pub.Collations)
	}
	icu, libc := pub.Collations[1], pub.Collations[0]
	if icu.Name != "ci Coll" || icu.Provider != "icu" || icu.Locale != "und-u-ks-level2" || icu.Deterministic {
		t.Errorf("icu collation = %+v", icu)
	}
	if libc.Name != "c_posix" || libc.Provider != "libc" || libc.LcCollate != "C" || libc.LcCtype != "C" || !libc.Deterministic {
		t.Errorf("libc collation = %+v", libc)
	}
}
