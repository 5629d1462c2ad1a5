package mysql

// Rendering of schema-level objects: stored functions and procedures,
// events, MariaDB sequences, and the attributes of views. No statement
// carries a DEFINER clause, so none needs SUPER or SET_USER_ID: the
// objects belong to the user who applies the plan.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqltext"
)

const (
	flavorMySQL   = "mysql"
	flavorMariaDB = "mariadb"
)

var (
	_ ddl.ObjectSyncer   = Driver{}
	_ ddl.Overloader     = Driver{}
	_ ddl.TargetRenderer = Driver{}
)

// ForTarget implements ddl.TargetRenderer: MariaDB replaces a routine in
// one statement (CREATE OR REPLACE) and has sequences; MySQL does neither.
// A snapshot that names no server (a JSON file) gets SQL that runs on
// both.
func (d Driver) ForTarget(t *schema.Snapshot) ddl.Renderer {
	switch {
	case t == nil || t.ServerVersion == "":
		d.flavor = ""
	case parseFlavor(t.ServerVersion).mariaDB:
		d.flavor = flavorMariaDB
	default:
		d.flavor = flavorMySQL
	}
	return d
}

// SyncsObjects implements ddl.ObjectSyncer: functions, procedures, events
// and (MariaDB) sequences.
func (Driver) SyncsObjects(kind string) bool {
	switch kind {
	case ddl.ObjectRoutine, ddl.ObjectEvent, ddl.ObjectSequence, ddl.ObjectStorage:
		return true
	}
	return false
}

// RoutinesOverload implements ddl.Overloader: a MySQL routine is known by
// its kind and name.
func (Driver) RoutinesOverload() bool { return false }

// renderObject writes the changes of schema-level objects.
func (r renderer) renderObject(c ddl.Change) ([]string, error) {
	switch c := c.(type) {
	case ddl.CreateFunction:
		s, err := r.createRoutine(c.Routine, false)
		return underMode(c.Routine.SQLMode, s), err
	case ddl.ReplaceFunction:
		if r.flavor == flavorMariaDB {
			s, err := r.createRoutine(c.To, true)
			return underMode(c.To.SQLMode, s), err
		}
		// MySQL has no CREATE OR REPLACE for routines: between the two
		// statements the routine does not exist.
		s, err := r.createRoutine(c.To, false)
		return append([]string{r.dropRoutine(c.From, true)}, underMode(c.To.SQLMode, s)...), err
	case ddl.DropFunction:
		return []string{r.dropRoutine(c.Routine, false)}, nil
	case ddl.CreateEvent:
		s, err := r.event("CREATE", c.Event)
		return []string{s}, err
	case ddl.AlterEvent:
		s, err := r.event("ALTER", c.To)
		return []string{s}, err
	case ddl.DropEvent:
		return []string{"DROP EVENT " + r.qualify(c.Event.Name)}, nil
	case ddl.CreateSequence:
		if err := r.sequences(); err != nil {
			return nil, err
		}
		return []string{"CREATE SEQUENCE " + r.qualify(c.Sequence.Name) + sequenceOptions(nil, c.Sequence)}, nil
	case ddl.AlterSequence:
		if err := r.sequences(); err != nil {
			return nil, err
		}
		opts := sequenceOptions(&c.From, c.To)
		if opts == "" {
			return nil, nil
		}
		return []string{"ALTER SEQUENCE " + r.qualify(c.To.Name) + opts}, nil
	case ddl.DropSequence:
		return []string{"DROP SEQUENCE " + r.qualify(c.Sequence.Name)}, nil
	case ddl.CreateEnum, ddl.AddEnumValue, ddl.AlterEnum, ddl.DropEnum,
		ddl.CreateDomain, ddl.AlterDomain, ddl.DropDomain:
		return nil, fmt.Errorf("MySQL has no %s types: an enum is a column type there", strings.Split(string(c.Kind()), ".")[0])
	}
	return nil, fmt.Errorf("unknown change kind %q", c.Kind())
}

// underMode runs a CREATE of a routine or trigger under the sql_mode it
// was created with, which decides how its body reads (as mysqldump does),
// and sets the session's mode back after it.
func underMode(mode, create string) []string {
	if mode == "" {
		return []string{create}
	}
	return []string{
		"SET @dbls_sql_mode = @@SESSION.sql_mode",
		"SET SESSION sql_mode = " + quoteLiteral(mode),
		create,
		"SET SESSION sql_mode = @dbls_sql_mode",
	}
}

func routineKeyword(rt schema.Routine) string {
	if rt.Kind == schema.RoutineProcedure {
		return "PROCEDURE"
	}
	return "FUNCTION"
}

func (r renderer) dropRoutine(rt schema.Routine, ifExists bool) string {
	s := "DROP " + routineKeyword(rt) + " "
	if ifExists {
		s += "IF EXISTS "
	}
	return s + r.qualify(rt.Name)
}

// createRoutine writes the routine's definition (the CREATE statement
// without DEFINER that the snapshot holds) under the target schema's name,
// as CREATE OR REPLACE when replace.
func (r renderer) createRoutine(rt schema.Routine, replace bool) (string, error) {
	def := strings.TrimSpace(rt.Definition)
	kw := "CREATE " + routineKeyword(rt) + " "
	toks := sqltext.Lex(sqltext.MySQL, def)
	// CREATE FUNCTION|PROCEDURE name: two words, then the name.
	if len(toks) < 3 || !strings.EqualFold(def[:min(len(def), len(kw))], kw) ||
		(toks[2].Kind != sqltext.Word && toks[2].Kind != sqltext.QuotedIdent) {
		return "", fmt.Errorf("%s %s: the definition is not a CREATE %s statement", strings.ToLower(routineKeyword(rt)), rt.Name, routineKeyword(rt))
	}
	name := toks[2]
	if len(toks) > 4 && toks[3].Text(def) == "." { // already qualified: keep the routine's own name
		name = toks[4]
	}
	head := "CREATE "
	if replace {
		head += "OR REPLACE "
	}
	return head + routineKeyword(rt) + " " + r.qualify(identText(name.Text(def))) + def[name.End:], nil
}

// event writes CREATE EVENT or ALTER EVENT with every clause, so that an
// ALTER restates what it keeps.
func (r renderer) event(verb string, e schema.Event) (string, error) {
	if strings.TrimSpace(e.Schedule) == "" || strings.TrimSpace(e.Definition) == "" {
		return "", fmt.Errorf("event %s: no schedule or body", e.Name)
	}
	s := verb + " EVENT " + r.qualify(e.Name) + " ON SCHEDULE " + e.Schedule + " ON COMPLETION "
	if !e.Preserve {
		s += "NOT "
	}
	s += "PRESERVE"
	switch status := strings.ToUpper(strings.TrimSpace(e.Status)); status {
	case "", "ENABLE":
		s += " ENABLE"
	case "DISABLE", "DISABLE ON SLAVE":
		s += " " + status
	default:
		return "", fmt.Errorf("event %s: status %q: want ENABLE, DISABLE or DISABLE ON SLAVE", e.Name, e.Status)
	}
	if e.Comment != "" || verb == "ALTER" {
		s += " COMMENT " + quoteLiteral(e.Comment)
	}
	return s + " DO " + e.Definition, nil
}

// sequences refuses a sequence on a server known to be MySQL.
func (r renderer) sequences() error {
	if r.flavor == flavorMySQL {
		return fmt.Errorf("MySQL has no sequences (MariaDB 10.3+ has)")
	}
	return nil
}

// sequenceOptions writes the options of s that differ from old (all of
// them when old is nil), each with a leading space, in MariaDB's syntax.
func sequenceOptions(old *schema.Sequence, s schema.Sequence) string {
	var b strings.Builder
	opt := func(differs bool, text string) {
		if old == nil || differs {
			b.WriteString(" " + text)
		}
	}
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	opt(old != nil && old.Start != s.Start, "START WITH "+i(s.Start))
	opt(old != nil && old.Min != s.Min, "MINVALUE "+i(s.Min))
	opt(old != nil && old.Max != s.Max, "MAXVALUE "+i(s.Max))
	opt(old != nil && old.Increment != s.Increment, "INCREMENT BY "+i(s.Increment))
	cache := "CACHE " + i(s.Cache)
	if s.Cache <= 0 {
		cache = "NOCACHE"
	}
	opt(old != nil && max(old.Cache, 1) != max(s.Cache, 1), cache)
	cycle := "NOCYCLE"
	if s.Cycle {
		cycle = "CYCLE"
	}
	opt(old != nil && old.Cycle != s.Cycle, cycle)
	return b.String()
}

// createView writes CREATE OR REPLACE VIEW with the view's ALGORITHM, SQL
// SECURITY and CHECK OPTION (no DEFINER).
func (r renderer) createView(v *schema.View) string {
	s := "CREATE OR REPLACE "
	if a := v.Options["algorithm"]; a != "" && safeWord(a) {
		s += "ALGORITHM = " + a + " "
	}
	if sec := v.Options["security"]; sec != "" && safeWord(sec) {
		s += "SQL SECURITY " + sec + " "
	}
	s += "VIEW " + r.qualify(r.name) + " AS " + v.Definition
	if c := v.Options["check_option"]; c != "" && safeWord(c) {
		s += " WITH " + c + " CHECK OPTION"
	}
	return s
}

var _ ddl.Hazarder = Driver{}

// Hazards implements ddl.Hazarder for the changes of this file: a routine,
// event or sequence dropped breaks what calls it; on MySQL (or an unknown
// server) a routine is replaced by a drop and a create, between which
// callers fail.
func (d Driver) Hazards(c ddl.Change) []string {
	switch c.(type) {
	case ddl.DropFunction, ddl.DropSequence, ddl.DropEvent:
		return []string{ddl.HazardBreaksDependants}
	case ddl.ReplaceFunction:
		if d.flavor != flavorMariaDB {
			return []string{ddl.HazardBreaksDependants}
		}
	}
	return nil
}
