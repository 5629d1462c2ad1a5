package crossengine_test

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/diff/crossengine"
	"github.com/dbls/dbls/drivers/schema"
)

// TestSecurityNotes: a PostgreSQL table's row-level security, policies and
// rules have no counterpart in MySQL or SQLite; each is a note, and the
// translated table carries none of them.
func TestSecurityNotes(t *testing.T) {
	pg := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", Schemas: []schema.Schema{{
		Name: "public",
		Tables: []schema.Table{{Name: "docs", Columns: []schema.Column{{Name: "id", Type: "integer"}},
			RowSecurity: true, ForceRowSecurity: true,
			Policies: []schema.Policy{{Name: "own", Command: schema.PolicyAll, Permissive: true, Roles: []string{"PUBLIC"}, Using: "true"}},
			Rules:    []schema.Rule{{Name: "nodel", Event: "DELETE", Definition: "CREATE RULE nodel AS ON DELETE TO docs DO INSTEAD NOTHING;"}},
		}},
	}}}
	for _, target := range []string{"mysql", "sqlite"} {
		out, notes, err := crossengine.Convert(pg, target)
		if err != nil {
			t.Fatal(err)
		}
		tb := out.Schemas[0].Tables[0]
		if tb.RowSecurity || tb.ForceRowSecurity || tb.Policies != nil || tb.Rules != nil {
			t.Errorf("%s: translated table keeps security: %+v", target, tb)
		}
		all := strings.Join(notes, "\n")
		for _, want := range []string{"table public.docs: row-level security", "policy own of public.docs", "rule nodel of public.docs"} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: no note %q in %q", target, want, notes)
			}
		}
	}
}
