package crossengine_test

import (
	"slices"
	"testing"

	"github.com/dbls/dbls/diff/crossengine"
	"github.com/dbls/dbls/drivers/schema"
)

// PostgreSQL extensions, composite and range types and collations have no
// counterpart in MySQL or SQLite: each is a note, and none is translated;
// a typed table becomes a plain one, with a note.
func TestTypesAreNotes(t *testing.T) {
	src := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", Schemas: []schema.Schema{{
		Name:       "public",
		Extensions: []schema.Extension{{Name: "citext", Version: "1.6"}},
		Composites: []schema.CompositeType{{Name: "address", Attributes: []schema.Column{{Name: "street", Type: "text"}}}},
		Ranges:     []schema.RangeType{{Name: "floatrange", Subtype: "double precision"}},
		Collations: []schema.Collation{{Name: "ci", Provider: "icu", Locale: "und"}},
		Tables:     []schema.Table{{Name: "homes", OfType: "address", Columns: []schema.Column{{Name: "street", Type: "text", Nullable: true}}}},
	}}}
	want := []string{
		"extension citext (in public): PostgreSQL only, not translated",
		"composite type public.address: PostgreSQL only, not translated",
		"range type public.floatrange: PostgreSQL only, not translated",
		"collation public.ci: PostgreSQL only, not translated",
		"table public.homes: typed table (OF address), a PostgreSQL composite type; becomes a plain table with its columns",
	}
	for _, target := range []string{"mysql", "sqlite"} {
		out, notes, err := crossengine.Convert(src, target)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !slices.Contains(notes, w) {
				t.Errorf("%s: notes %q lack %q", target, notes, w)
			}
		}
		for _, sc := range out.Schemas {
			if len(sc.Extensions)+len(sc.Composites)+len(sc.Ranges)+len(sc.Collations) > 0 {
				t.Errorf("%s: translated %+v", target, sc)
			}
			for _, tb := range sc.Tables {
				if tb.OfType != "" || len(tb.Columns) != 1 {
					t.Errorf("%s: typed table translated as %+v", target, tb)
				}
			}
		}
	}
}
