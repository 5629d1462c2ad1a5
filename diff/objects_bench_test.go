package diff_test

import (
	"fmt"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// withObjects adds to a large snapshot one sequence, one function and one
// trigger-style dependency per ten tables, and an enum and a domain per
// hundred; changed alters one of each kind in every changed.
func withObjects(s *schema.Snapshot, changed int) *schema.Snapshot {
	sc := &s.Schemas[0]
	n := len(sc.Tables)
	for i := 0; i < n; i += 10 {
		seq := schema.Sequence{Name: fmt.Sprintf("s%05d", i), Type: "bigint", Start: 1, Increment: 1, Min: 1, Max: 1<<63 - 1, Cache: 1}
		fn := schema.Routine{Name: fmt.Sprintf("f%05d", i), Kind: schema.RoutineFunction, Language: "plpgsql", Returns: "integer",
			Params:     []schema.Parameter{{Name: "a", Type: "integer"}, {Name: "b", Type: fmt.Sprintf("e%05d", i/100*100)}},
			Definition: fmt.Sprintf("CREATE OR REPLACE FUNCTION public.f%05d(a integer, b e%05d)\n RETURNS integer\n LANGUAGE plpgsql\nAS $function$ BEGIN RETURN a; END $function$\n", i, i/100*100),
			DependsOn:  []schema.ObjectRef{{Kind: schema.RefEnum, Schema: "public", Name: fmt.Sprintf("e%05d", i/100*100)}, {Kind: schema.RefTable, Schema: "public", Name: fmt.Sprintf("t%05d", i)}}}
		if changed > 0 && i%changed == 0 {
			seq.Increment = 2
			fn.Definition += "-- changed"
		}
		sc.Sequences = append(sc.Sequences, seq)
		sc.Routines = append(sc.Routines, fn)
		if i%100 == 0 {
			e := schema.Enum{Name: fmt.Sprintf("e%05d", i), Values: []string{"a", "b", "c"}}
			d := schema.Domain{Name: fmt.Sprintf("d%05d", i), Type: "integer", Checks: []schema.Check{{Name: "pos", Expr: "VALUE > 0"}}}
			if changed > 0 && i%changed == 0 {
				e.Values = append(e.Values, "d")
				d.NotNull = true
			}
			sc.Enums = append(sc.Enums, e)
			sc.Domains = append(sc.Domains, d)
		}
	}
	withSecurity(s, changed)
	s.Normalize()
	return s
}

// withSecurity adds the kinds issue 13 added later: per ten tables a
// grant, a column grant, an owner and a comment on its check; per hundred
// a policy, a rule, storage parameters, a composite type, a statistics
// object and an inheriting child; and the server's roles. changed alters
// one of each in every changed tables.
func withSecurity(s *schema.Snapshot, changed int) {
	sc := &s.Schemas[0]
	s.Roles = []string{"app", "postgres", "reader"}
	for i := 0; i < len(sc.Tables); i += 10 {
		t := &sc.Tables[i]
		alter := changed > 0 && i%changed == 0
		grantee := "app"
		if alter {
			grantee = "reader"
		}
		sc.Grants = append(sc.Grants,
			schema.Grant{On: schema.GrantTable, Object: t.Name, Grantee: grantee, Privilege: "SELECT"},
			schema.Grant{On: schema.GrantTable, Object: t.Name, Column: "c01", Grantee: "app", Privilege: "UPDATE"})
		sc.Owners = append(sc.Owners, schema.Owner{On: schema.GrantTable, Object: t.Name, Role: "app"})
		t.Checks[0].Comment = "checked"
		if i%100 != 0 {
			continue
		}
		using := "c01 = current_user"
		if alter {
			using = "c02 = current_user"
		}
		t.RowSecurity = true
		t.Policies = []schema.Policy{{Name: "own", Command: "ALL", Permissive: true, Roles: []string{"PUBLIC"}, Using: using}}
		t.Rules = []schema.Rule{{Name: "no_delete", Event: "DELETE", Definition: fmt.Sprintf("CREATE RULE no_delete AS ON DELETE TO public.%s DO INSTEAD NOTHING", t.Name)}}
		t.Options = map[string]string{"storage": "fillfactor=80"}
		sc.Composites = append(sc.Composites, schema.CompositeType{Name: fmt.Sprintf("pair%05d", i),
			Attributes: []schema.Column{{Name: "a", Position: 1, Type: "integer", Nullable: true}, {Name: "b", Position: 2, Type: "text", Nullable: true}}})
		sc.Unsynced = append(sc.Unsynced, schema.Unsynced{Kind: "statistics", Name: fmt.Sprintf("st%05d", i),
			Definition: fmt.Sprintf("CREATE STATISTICS public.st%05d (dependencies) ON c01, c02 FROM public.%s", i, t.Name)})
		if i > 0 {
			child := &sc.Tables[i-1]
			child.Options = map[string]string{"inherits": "public." + t.Name}
		}
	}
}

// BenchmarkCompare10000Objects is BenchmarkCompare10000 with 1,000
// sequences, 1,000 functions, 100 enums and 100 domains on each side.
// Goal (issue 13): under 300 ms.
func BenchmarkCompare10000Objects(b *testing.B) {
	d, err := drivers.Get("postgres")
	if err != nil {
		b.Fatal(err)
	}
	r := d.(ddl.Renderer)
	src, dst := withObjects(largeSnapshot(10000, 100), 100), withObjects(largeSnapshot(10000, 0), 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		plan, err := diff.Compare(src, dst, diff.Options{Renderer: r})
		if err != nil {
			b.Fatal(err)
		}
		// 300 table changes, 4 object changes and 3 security changes (a
		// grant, a revoke, a policy) per changed hundred.
		if want := 300 + 4*100 + 3*100; len(plan.Items) != want {
			b.Fatalf("%d items, want %d", len(plan.Items), want)
		}
	}
}

// withMySQLObjects adds, per ten tables, a function, a procedure and two
// ordered triggers (the second FOLLOWS the first), and per hundred an
// event; changed alters the function, the first trigger (so the second
// is recreated after it) and the event in every changed-th.
func withMySQLObjects(s *schema.Snapshot, changed int) *schema.Snapshot {
	s.Driver, s.ServerVersion = "mysql", "10.11.19-MariaDB"
	sc := &s.Schemas[0]
	n := len(sc.Tables)
	for i := 0; i < n; i += 10 {
		ch := changed > 0 && i%changed == 0
		body := "RETURN a"
		if ch {
			body = "RETURN a + 1"
		}
		sc.Routines = append(sc.Routines,
			schema.Routine{Name: fmt.Sprintf("f%05d", i), Kind: schema.RoutineFunction, Returns: "int",
				Params:     []schema.Parameter{{Name: "a", Type: "int", Mode: "in"}},
				Definition: fmt.Sprintf("CREATE FUNCTION `f%05d`(`a` int) RETURNS int\n%s", i, body)},
			schema.Routine{Name: fmt.Sprintf("p%05d", i), Kind: schema.RoutineProcedure,
				Definition: fmt.Sprintf("CREATE PROCEDURE `p%05d`()\nBEGIN CALL p%05d(); END", i, max(i-10, 0)),
				DependsOn:  []schema.ObjectRef{{Kind: schema.RefRoutine, Schema: "public", Name: fmt.Sprintf("p%05d()", max(i-10, 0))}}})
		table := fmt.Sprintf("t%05d", i)
		first := schema.Trigger{Name: table + "_a", Table: table, Timing: "BEFORE", Events: []string{"INSERT"},
			Definition: fmt.Sprintf("SET NEW.c01 = f%05d(1)", i)}
		if ch {
			first.Definition += "+0"
		}
		sc.Triggers = append(sc.Triggers, first, schema.Trigger{Name: table + "_b", Table: table, Timing: "BEFORE",
			Events: []string{"INSERT"}, Definition: "SET NEW.c02 = 'x'", Follows: first.Name})
		if i%100 == 0 {
			e := schema.Event{Name: fmt.Sprintf("e%05d", i), Schedule: "EVERY 1 DAY", Status: "ENABLE", Definition: "DO 1"}
			if ch {
				e.Status = "DISABLE"
			}
			sc.Events = append(sc.Events, e)
		}
	}
	s.Normalize()
	return s
}

// BenchmarkCompare10000MySQLObjects is BenchmarkCompare10000 rendered for
// MariaDB with 2,000 routines, 2,000 ordered triggers and 100 events on
// each side. Goal (issue 13): under 300 ms.
func BenchmarkCompare10000MySQLObjects(b *testing.B) {
	d, err := drivers.Get("mysql")
	if err != nil {
		b.Fatal(err)
	}
	r := d.(ddl.Renderer)
	src, dst := withMySQLObjects(largeSnapshot(10000, 100), 100), withMySQLObjects(largeSnapshot(10000, 0), 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		plan, err := diff.Compare(src, dst, diff.Options{Renderer: r})
		if err != nil {
			b.Fatal(err)
		}
		count := map[ddl.Kind]int{}
		for _, it := range plan.Items {
			count[it.Kind]++
		}
		// Per changed tenth: the function replaced, both triggers dropped
		// and created again in order, the event altered.
		if count[ddl.KindReplaceFunction] != 100 || count[ddl.KindDropTrigger] != 200 || count[ddl.KindCreateTrigger] != 200 ||
			count[ddl.KindAlterEvent] != 100 {
			b.Fatalf("items by kind: %v", count)
		}
	}
}
