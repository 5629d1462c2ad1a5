package mysql

import (
	"slices"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// TestRenderObjects is the rendered SQL of every change to routines,
// events, sequences and view attributes (create, alter or replace, drop)
// for each flavor, with names that need quoting. None has a DEFINER.
func TestRenderObjects(t *testing.T) {
	fn := schema.Routine{Name: "f`n", Kind: schema.RoutineFunction, Returns: "int(11)",
		Params:     []schema.Parameter{{Name: "a", Type: "int(11)", Mode: "in"}},
		Definition: "CREATE FUNCTION `f``n`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 1"}
	fn2 := fn
	fn2.Definition = strings.Replace(fn.Definition, "a + 1", "a + 2", 1)
	proc := schema.Routine{Name: "p", Kind: schema.RoutineProcedure,
		Definition: "CREATE PROCEDURE `other`.`p`(IN `x` int)\nBEGIN SELECT x; END"}
	ev := schema.Event{Name: "e;v", Schedule: "EVERY 1 DAY STARTS '2035-01-01 00:00:00'", Status: "ENABLE",
		Definition: "DELETE FROM t"}
	ev2 := ev
	ev2.Schedule, ev2.Status, ev2.Preserve, ev2.Comment = "AT '2036-01-01 00:00:00'", "DISABLE", true, "it's"
	seq := schema.Sequence{Name: "s", Start: 10, Increment: 5, Min: 1, Max: 1000, Cache: 20, Cycle: true}
	seq2 := seq
	seq2.Increment, seq2.Cache, seq2.Cycle = 1, 0, false
	view := schema.View{Name: "v", Definition: "select 1 AS `one`",
		Options: map[string]string{"algorithm": "MERGE", "security": "INVOKER", "check_option": "LOCAL"}}
	moded := fn
	moded.SQLMode = "PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES,ANSI_QUOTES'x"
	cases := []struct {
		name   string
		flavor string
		c      ddl.Change
		want   []string
	}{
		{"function created under its sql_mode, the session's set back", "", ddl.CreateFunction{Schema: "d", Routine: moded},
			[]string{"SET @dbls_sql_mode = @@SESSION.sql_mode",
				"SET SESSION sql_mode = 'PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES,ANSI_QUOTES''x'",
				"CREATE FUNCTION `d`.`f``n`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 1",
				"SET SESSION sql_mode = @dbls_sql_mode"}},
		{"function create", "", ddl.CreateFunction{Schema: "d", Routine: fn},
			[]string{"CREATE FUNCTION `d`.`f``n`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 1"}},
		{"function replace MariaDB", flavorMariaDB, ddl.ReplaceFunction{Schema: "d", From: fn, To: fn2},
			[]string{"CREATE OR REPLACE FUNCTION `d`.`f``n`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 2"}},
		{"function replace MySQL", flavorMySQL, ddl.ReplaceFunction{Schema: "d", From: fn, To: fn2}, []string{
			"DROP FUNCTION IF EXISTS `d`.`f``n`",
			"CREATE FUNCTION `d`.`f``n`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 2"}},
		{"function replace unknown server", "", ddl.ReplaceFunction{Schema: "d", From: fn, To: fn2}, []string{
			"DROP FUNCTION IF EXISTS `d`.`f``n`",
			"CREATE FUNCTION `d`.`f``n`(`a` int(11)) RETURNS int(11)\n    DETERMINISTIC\nRETURN a + 2"}},
		{"function drop", "", ddl.DropFunction{Schema: "d", Routine: fn}, []string{"DROP FUNCTION `d`.`f``n`"}},
		{"procedure create (qualified definition)", flavorMariaDB, ddl.CreateFunction{Schema: "d", Routine: proc},
			[]string{"CREATE PROCEDURE `d`.`p`(IN `x` int)\nBEGIN SELECT x; END"}},
		{"procedure drop", "", ddl.DropFunction{Schema: "d", Routine: proc}, []string{"DROP PROCEDURE `d`.`p`"}},
		{"event create", "", ddl.CreateEvent{Schema: "d", Event: ev}, []string{
			"CREATE EVENT `d`.`e;v` ON SCHEDULE EVERY 1 DAY STARTS '2035-01-01 00:00:00' ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM t"}},
		{"event alter", "", ddl.AlterEvent{Schema: "d", From: ev, To: ev2}, []string{
			"ALTER EVENT `d`.`e;v` ON SCHEDULE AT '2036-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'it''s' DO DELETE FROM t"}},
		{"event drop", "", ddl.DropEvent{Schema: "d", Event: ev}, []string{"DROP EVENT `d`.`e;v`"}},
		{"sequence create", flavorMariaDB, ddl.CreateSequence{Schema: "d", Sequence: seq}, []string{
			"CREATE SEQUENCE `d`.`s` START WITH 10 MINVALUE 1 MAXVALUE 1000 INCREMENT BY 5 CACHE 20 CYCLE"}},
		{"sequence alter", flavorMariaDB, ddl.AlterSequence{Schema: "d", From: seq, To: seq2}, []string{
			"ALTER SEQUENCE `d`.`s` INCREMENT BY 1 NOCACHE NOCYCLE"}},
		{"sequence drop", flavorMariaDB, ddl.DropSequence{Schema: "d", Sequence: seq}, []string{"DROP SEQUENCE `d`.`s`"}},
		{"view create with attributes", "", ddl.CreateView{Schema: "d", View: view}, []string{
			"CREATE OR REPLACE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW `d`.`v` AS select 1 AS `one` WITH LOCAL CHECK OPTION"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Driver{flavor: c.flavor}.Render(c.c)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
			for _, s := range got {
				if strings.Contains(strings.ToUpper(s), "DEFINER") && c.c.Kind() != ddl.KindCreateView {
					t.Errorf("statement names a definer: %s", s)
				}
			}
		})
	}
}

// TestRenderObjectsRefused: what a flavor cannot do is an error that says
// why, never SQL that fails on the server.
func TestRenderObjectsRefused(t *testing.T) {
	for _, c := range []struct {
		flavor string
		c      ddl.Change
		want   string
	}{
		{flavorMySQL, ddl.CreateSequence{Schema: "d", Sequence: schema.Sequence{Name: "s"}}, "MySQL has no sequences"},
		{"", ddl.CreateFunction{Schema: "d", Routine: schema.Routine{Name: "f", Kind: schema.RoutineFunction, Definition: "RETURN 1"}},
			"not a CREATE FUNCTION statement"},
		{"", ddl.CreateEvent{Schema: "d", Event: schema.Event{Name: "e"}}, "no schedule or body"},
		{"", ddl.CreateEnum{Schema: "d", Enum: schema.Enum{Name: "m"}}, "MySQL has no enum types"},
	} {
		if got, err := (Driver{flavor: c.flavor}).Render(c.c); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %q, %v; want an error with %q", c.c.Kind(), got, err, c.want)
		}
	}
}

// TestForTarget: the flavor follows the target's server.
func TestForTarget(t *testing.T) {
	for v, want := range map[string]string{"10.11.19-MariaDB-0+deb12u1": flavorMariaDB, "8.0.36": flavorMySQL, "": ""} {
		if got := (Driver{}).ForTarget(&schema.Snapshot{ServerVersion: v}).(Driver).flavor; got != want {
			t.Errorf("%q: flavor %q, want %q", v, got, want)
		}
	}
}

// TestCalledNames: names called in a body, not those in strings or
// comments.
func TestCalledNames(t *testing.T) {
	body := "BEGIN\n  CALL `p q`;\n  SET x = f(1) + `g`(2); -- h(3)\n  SELECT 'k(4)';\nEND"
	if got, want := calledNames(body), []string{"p q", "f", "g"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// objectCases run on the server: each change, rendered for MariaDB (the
// test server), turns the "before" database into the "after" one.
var objectCases = []ddlCase{
	{"create function", "", "CREATE FUNCTION `f;``n`(a INT, b VARCHAR(10)) RETURNS VARCHAR(20) DETERMINISTIC NO SQL COMMENT 'it''s' RETURN CONCAT(b, a);",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.CreateFunction{Schema: d.Name, Routine: s.Routines[0]}
		}},
	{"replace procedure", "CREATE PROCEDURE p(IN x INT) SELECT x;",
		"CREATE PROCEDURE p(IN x INT) MODIFIES SQL DATA SQL SECURITY INVOKER BEGIN\n  DECLARE y INT DEFAULT 1;\n  SELECT x + y;\nEND;",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.ReplaceFunction{Schema: d.Name, From: d.Routines[0], To: s.Routines[0]}
		}},
	{"drop procedure", "CREATE PROCEDURE `p;`() SELECT 1;", "",
		func(s, d *schema.Schema) ddl.Change { return ddl.DropFunction{Schema: d.Name, Routine: d.Routines[0]} }},
	{"create event", "CREATE TABLE t (a INT);", "CREATE TABLE t (a INT);\nCREATE EVENT `e;v` ON SCHEDULE EVERY '1:30' HOUR_MINUTE STARTS '2035-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE COMMENT 'x' DO DELETE FROM t;",
		func(s, d *schema.Schema) ddl.Change { return ddl.CreateEvent{Schema: d.Name, Event: s.Events[0]} }},
	{"alter event", "CREATE TABLE t (a INT);\nCREATE EVENT e ON SCHEDULE EVERY 1 DAY STARTS '2035-01-01 00:00:00' COMMENT 'x' DO DELETE FROM t;",
		"CREATE TABLE t (a INT);\nCREATE EVENT e ON SCHEDULE AT '2036-01-01 00:00:00' ON COMPLETION PRESERVE DISABLE DO INSERT INTO t VALUES (1);",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.AlterEvent{Schema: d.Name, From: d.Events[0], To: s.Events[0]}
		}},
	{"drop event", "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DO 1;", "",
		func(s, d *schema.Schema) ddl.Change { return ddl.DropEvent{Schema: d.Name, Event: d.Events[0]} }},
	{"create sequence", "", "CREATE SEQUENCE `s;q` START WITH 10 INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 CACHE 20 CYCLE;",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.CreateSequence{Schema: d.Name, Sequence: s.Sequences[0]}
		}},
	{"alter sequence", "CREATE SEQUENCE s START WITH 10 INCREMENT BY 5 CACHE 20 CYCLE;", "CREATE SEQUENCE s START WITH 10 INCREMENT BY 1 NOCACHE NOCYCLE;",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.AlterSequence{Schema: d.Name, From: d.Sequences[0], To: s.Sequences[0]}
		}},
	{"drop sequence", "CREATE SEQUENCE s;", "",
		func(s, d *schema.Schema) ddl.Change {
			return ddl.DropSequence{Schema: d.Name, Sequence: d.Sequences[0]}
		}},
	{"view attributes", "CREATE TABLE t (a INT);\nCREATE VIEW v AS SELECT a FROM t;",
		"CREATE TABLE t (a INT);\nCREATE ALGORITHM=TEMPTABLE SQL SECURITY INVOKER VIEW v AS SELECT a FROM t;",
		func(s, d *schema.Schema) ddl.Change { return ddl.CreateView{Schema: d.Name, View: s.Views[0]} }},
	{"view check option", "CREATE TABLE t (a INT);\nCREATE VIEW v AS SELECT a FROM t;",
		"CREATE TABLE t (a INT);\nCREATE VIEW v AS SELECT a FROM t WHERE a > 0 WITH LOCAL CHECK OPTION;",
		func(s, d *schema.Schema) ddl.Change { return ddl.CreateView{Schema: d.Name, View: s.Views[0]} }},
}

func TestRenderObjectsAgainstServer(t *testing.T) {
	for _, tc := range objectCases {
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
			stmts, err := Driver{}.ForTarget(dst).Render(ch)
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
}

// TestObjectHazards: what breaks callers is labelled; MariaDB's CREATE OR
// REPLACE does not.
func TestObjectHazards(t *testing.T) {
	rt := schema.Routine{Name: "f", Kind: schema.RoutineFunction}
	for _, c := range []struct {
		flavor string
		c      ddl.Change
		want   bool
	}{
		{flavorMariaDB, ddl.ReplaceFunction{From: rt, To: rt}, false},
		{flavorMySQL, ddl.ReplaceFunction{From: rt, To: rt}, true},
		{"", ddl.DropFunction{Routine: rt}, true},
		{"", ddl.DropEvent{Event: schema.Event{Name: "e"}}, true},
		{"", ddl.DropSequence{Sequence: schema.Sequence{Name: "s"}}, true},
		{"", ddl.CreateFunction{Routine: rt}, false},
	} {
		got := slices.Contains(Driver{flavor: c.flavor}.Hazards(c.c), ddl.HazardBreaksDependants)
		if got != c.want {
			t.Errorf("%s on %q: breaks dependants %v, want %v", c.c.Kind(), c.flavor, got, c.want)
		}
	}
}

// TestModeForTarget: a routine's sql_mode keeps the flags the target's
// flavor knows (MySQL 8 refuses MariaDB's NO_AUTO_CREATE_USER, and the
// sync stopped at the first routine).
func TestModeForTarget(t *testing.T) {
	const mode = "STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,TIME_TRUNCATE_FRACTIONAL,PIPES_AS_CONCAT"
	for v, want := range map[string]string{
		"8.0.36":                     "STRICT_TRANS_TABLES,TIME_TRUNCATE_FRACTIONAL,PIPES_AS_CONCAT",
		"10.11.19-MariaDB-0+deb12u1": "STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,PIPES_AS_CONCAT",
		"":                           mode,
	} {
		s := &schema.Snapshot{Schemas: []schema.Schema{{Name: "d",
			Routines: []schema.Routine{{Name: "f", SQLMode: mode}}, Triggers: []schema.Trigger{{Name: "t", SQLMode: mode}}}}}
		d := Driver{}.ForTarget(&schema.Snapshot{ServerVersion: v}).(Driver)
		d.NormalizeForDiff(s)
		if got := s.Schemas[0].Routines[0].SQLMode; got != want {
			t.Errorf("%q: routine mode %q, want %q", v, got, want)
		}
		if got := s.Schemas[0].Triggers[0].SQLMode; got != want {
			t.Errorf("%q: trigger mode %q, want %q", v, got, want)
		}
	}
}
