package postgres

// Rendering of schema-level objects: sequences, enum types, domains,
// functions and procedures (the changes of drivers/ddl/objects.go).

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

var _ ddl.ObjectSyncer = Driver{}

// SyncsObjects implements ddl.ObjectSyncer: PostgreSQL syncs sequences,
// enum types, domains, functions, procedures and plain aggregates (other
// aggregates stay notes), and tables' row-level security policies and rules.
func (Driver) SyncsObjects(kind string) bool {
	switch kind {
	case ddl.ObjectSequence, ddl.ObjectEnum, ddl.ObjectDomain, ddl.ObjectRoutine, ddl.ObjectPolicy, ddl.ObjectRule, ddl.ObjectComment, ddl.ObjectGrant, ddl.ObjectStorage, ddl.ObjectInheritance, ddl.ObjectEnumRebuild:
		return true
	}
	return syncsTypes(kind)
}

// renderObject writes the changes of schema-level objects.
func (r *renderer) renderObject(c ddl.Change) error {
	switch c := c.(type) {
	case ddl.CreateSequence:
		r.add("CREATE SEQUENCE %s%s", qualified(c.Schema, c.Sequence.Name), sequenceOptions(nil, c.Sequence))
	case ddl.AlterSequence:
		return r.alterSequence(c)
	case ddl.DropSequence:
		if c.Sequence.OwnedBy != "" {
			// Dropping its table or column may have taken it already.
			r.add("DROP SEQUENCE IF EXISTS %s", qualified(c.Schema, c.Sequence.Name))
			break
		}
		r.add("DROP SEQUENCE %s", qualified(c.Schema, c.Sequence.Name))
	case ddl.CreateEnum:
		r.add("CREATE TYPE %s AS ENUM (%s)", qualified(c.Schema, c.Enum.Name), literalList(c.Enum.Values))
	case ddl.AddEnumValue:
		return r.addEnumValues(c)
	case ddl.AlterEnum:
		if c.RebuildAs != "" {
			// Its columns are converted by their own items, then the old
			// type is dropped (diff/enumrebuild.go).
			r.add("ALTER TYPE %s RENAME TO %s", qualified(c.Schema, c.From.Name), quote(c.RebuildAs))
			r.add("CREATE TYPE %s AS ENUM (%s)", qualified(c.Schema, c.To.Name), literalList(c.To.Values))
			break
		}
		return fmt.Errorf("enum type %s: %s (from %s to %s): PostgreSQL can only add values to an enum in place; "+
			"dbls rebuilds an enum only when table columns alone use it, and a routine, domain, composite or range type uses this one: "+
			"create the new type, convert each user with ALTER … TYPE … USING, then drop the old type",
			displayName(c.Schema, c.To.Name), enumWhy(c.From.Values, c.To.Values), literalList(c.From.Values), literalList(c.To.Values))
	case ddl.DropEnum:
		r.add("DROP TYPE %s", qualified(c.Schema, c.Enum.Name))
	case ddl.CreateDomain:
		r.createDomain(c.Schema, c.Domain)
	case ddl.AlterDomain:
		if !strings.EqualFold(c.From.Type, c.To.Type) || !strings.EqualFold(c.From.Collation, c.To.Collation) {
			return fmt.Errorf("domain %s: base type %s → %s: PostgreSQL cannot change a domain's base type or collation in place, "+
				"and the domain cannot be dropped while columns or routines use it; dbls does not rebuild them: "+
				"create a new domain, convert each column with ALTER COLUMN … TYPE, then drop the old one",
				displayName(c.Schema, c.To.Name), c.From.Type, c.To.Type)
		}
		r.alterDomain(c)
	case ddl.DropDomain:
		r.add("DROP DOMAIN %s", qualified(c.Schema, c.Domain.Name))
	case ddl.CreateFunction:
		return r.createRoutine(c.Schema, c.Routine, nil)
	case ddl.ReplaceFunction:
		return r.createRoutine(c.Schema, c.To, &c.From)
	case ddl.DropFunction:
		r.add("DROP %s %s", routineKeyword(c.Routine), routineName(c.Schema, c.Routine))
	case ddl.SetComment:
		return r.setComment(c)
	case ddl.GrantPrivilege:
		return r.renderGrant(c.Schema, c.Grant)
	case ddl.RevokePrivilege:
		return r.renderRevoke(c)
	case ddl.GrantDefault:
		return r.renderDefault(c.Schema, c.Default, false, false)
	case ddl.RevokeDefault:
		return r.renderDefault(c.Schema, c.Default, true, c.GrantOptionOnly)
	default:
		if ok, err := r.renderType(c); ok {
			return err
		}
		return fmt.Errorf("unknown change kind %q", c.Kind())
	}
	return nil
}

// ---- sequences ----

// sequenceOptions writes the options of s that differ from old (all of
// them when old is nil), each with a leading space.
func sequenceOptions(old *schema.Sequence, s schema.Sequence) string {
	var b strings.Builder
	opt := func(differs bool, text string) {
		if old == nil || differs {
			b.WriteString(" " + text)
		}
	}
	if s.Type != "" {
		opt(old != nil && old.Type != s.Type, "AS "+s.Type)
	}
	i := func(n int64) string { return strconv.FormatInt(n, 10) }
	opt(old != nil && old.Increment != s.Increment, "INCREMENT BY "+i(s.Increment))
	opt(old != nil && old.Min != s.Min, "MINVALUE "+i(s.Min))
	opt(old != nil && old.Max != s.Max, "MAXVALUE "+i(s.Max))
	opt(old != nil && old.Start != s.Start, "START WITH "+i(s.Start))
	if s.Cache > 0 {
		opt(old != nil && max(old.Cache, 1) != s.Cache, "CACHE "+i(s.Cache))
	}
	cycle := "NO CYCLE"
	if s.Cycle {
		cycle = "CYCLE"
	}
	opt(old != nil && old.Cycle != s.Cycle, cycle)
	return b.String()
}

func (r *renderer) alterSequence(c ddl.AlterSequence) error {
	name := qualified(c.Schema, c.To.Name)
	if opts := sequenceOptions(&c.From, c.To); opts != "" {
		r.add("ALTER SEQUENCE %s%s", name, opts)
	}
	if c.From.OwnedBy != c.To.OwnedBy {
		if c.To.OwnedBy == "" {
			r.add("ALTER SEQUENCE %s OWNED BY NONE", name)
			return nil
		}
		table, col, ok := strings.Cut(c.To.OwnedBy, ".")
		if !ok {
			return fmt.Errorf("sequence %q: owner %q is not table.column", c.To.Name, c.To.OwnedBy)
		}
		r.add("ALTER SEQUENCE %s OWNED BY %s.%s", name, qualified(c.Schema, table), quote(col))
	}
	return nil
}

// ---- enums ----

// addEnumValues adds the values To has and From lacks, each at its place:
// those before the first existing value go BEFORE their successor, the
// others AFTER their predecessor, so that each statement's neighbour
// exists when it runs.
func (r *renderer) addEnumValues(c ddl.AddEnumValue) error {
	name := qualified(c.Schema, c.To.Name)
	old := map[string]bool{}
	for _, v := range c.From.Values {
		old[v] = true
	}
	first := -1
	for i, v := range c.To.Values {
		if old[v] {
			first = i
			break
		}
	}
	if first < 0 {
		return errors.New("no existing value to place the new ones by")
	}
	for i := first - 1; i >= 0; i-- {
		r.add("ALTER TYPE %s ADD VALUE %s BEFORE %s", name, stringLiteral(c.To.Values[i]), stringLiteral(c.To.Values[i+1]))
	}
	for i := first + 1; i < len(c.To.Values); i++ {
		if v := c.To.Values[i]; !old[v] {
			r.add("ALTER TYPE %s ADD VALUE %s AFTER %s", name, stringLiteral(v), stringLiteral(c.To.Values[i-1]))
		}
	}
	return nil
}

func enumWhy(from, to []string) string {
	for _, v := range from {
		found := false
		for _, w := range to {
			found = found || v == w
		}
		if !found {
			return fmt.Sprintf("value %s would be removed", stringLiteral(v))
		}
	}
	return "the values would be reordered"
}

func literalList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = stringLiteral(v)
	}
	return strings.Join(q, ", ")
}

// ---- domains ----

func (r *renderer) createDomain(sc string, d schema.Domain) {
	var b strings.Builder
	b.WriteString("CREATE DOMAIN " + qualified(sc, d.Name) + " AS " + d.Type)
	if d.Collation != "" {
		b.WriteString(" COLLATE " + quote(d.Collation))
	}
	if d.Default != nil {
		b.WriteString(" DEFAULT " + *d.Default)
	}
	if d.NotNull {
		b.WriteString(" NOT NULL")
	}
	for _, ck := range d.Checks {
		b.WriteString(" " + domainCheck(ck))
	}
	r.out = append(r.out, b.String())
	if d.Comment != "" {
		r.add("COMMENT ON DOMAIN %s IS %s", qualified(sc, d.Name), commentLiteral(d.Comment))
	}
}

// domainCheck writes a domain constraint; an expression that is already a
// whole constraint definition (… NOT VALID) is kept.
func domainCheck(ck schema.Check) string {
	body := ck.Expr
	if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(body)), "CHECK ") {
		body = "CHECK (" + body + ")"
	}
	return constraintName(ck.Name) + body
}

func (r *renderer) alterDomain(c ddl.AlterDomain) {
	name := qualified(c.Schema, c.To.Name)
	from, to := c.From, c.To
	if !sameDefault(from.Default, to.Default) {
		if to.Default == nil {
			r.add("ALTER DOMAIN %s DROP DEFAULT", name)
		} else {
			r.add("ALTER DOMAIN %s SET DEFAULT %s", name, *to.Default)
		}
	}
	if from.NotNull != to.NotNull {
		if to.NotNull {
			r.add("ALTER DOMAIN %s SET NOT NULL", name)
		} else {
			r.add("ALTER DOMAIN %s DROP NOT NULL", name)
		}
	}
	for _, ck := range from.Checks {
		if !hasDomainCheck(to.Checks, ck) {
			r.add("ALTER DOMAIN %s DROP CONSTRAINT %s", name, quote(ck.Name))
		}
	}
	for _, ck := range to.Checks {
		if !hasDomainCheck(from.Checks, ck) {
			r.add("ALTER DOMAIN %s ADD %s", name, domainCheck(ck))
		}
	}
	if from.Comment != to.Comment {
		r.add("COMMENT ON DOMAIN %s IS %s", name, commentLiteral(to.Comment))
	}
}

// hasDomainCheck reports whether list has ck, by name and expression:
// a check whose expression changed is dropped and added again.
func hasDomainCheck(list []schema.Check, ck schema.Check) bool {
	for _, o := range list {
		if o.Name == ck.Name && strings.Join(strings.Fields(o.Expr), " ") == strings.Join(strings.Fields(ck.Expr), " ") {
			return true
		}
	}
	return false
}

// ---- functions and procedures ----

func routineKeyword(rt schema.Routine) string {
	switch rt.Kind {
	case schema.RoutineProcedure:
		return "PROCEDURE"
	case schema.RoutineAggregate:
		return "AGGREGATE"
	}
	return "FUNCTION"
}

// routineName is the quoted name with its identity argument types, as
// DROP and COMMENT name one overload.
func routineName(sc string, rt schema.Routine) string {
	var args []string
	for _, p := range rt.Params {
		if p.Mode != "out" {
			args = append(args, p.Type)
		}
	}
	return qualified(sc, rt.Name) + "(" + strings.Join(args, ", ") + ")"
}

// createRoutine runs the routine's definition (pg_get_functiondef's CREATE
// OR REPLACE) under the target schema's name. A LANGUAGE sql body is
// checked against the catalog when created, and routines are created
// before the tables they may read: check_function_bodies is turned off for
// the rest of the plan's transaction, as pg_dump does. With old, only
// what changed is written (the body, the comment or both).
func (r *renderer) createRoutine(sc string, rt schema.Routine, old *schema.Routine) error {
	if old == nil || squashSpace(old.Definition) != squashSpace(rt.Definition) {
		def, err := qualifyRoutine(rt.Definition, sc)
		if err != nil {
			return fmt.Errorf("%s %s: %w", strings.ToLower(routineKeyword(rt)), rt.Signature(), err)
		}
		if strings.EqualFold(rt.Language, "sql") {
			r.add("SET LOCAL check_function_bodies = off")
		}
		r.add("%s", def)
	}
	if (old == nil && rt.Comment != "") || (old != nil && old.Comment != rt.Comment) {
		r.add("COMMENT ON %s %s IS %s", routineKeyword(rt), routineName(sc, rt), commentLiteral(rt.Comment))
	}
	return nil
}

func squashSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// routineHeader finds, in a definition as pg_get_functiondef (or the
// aggregate query) writes it, the routine's name after "CREATE OR REPLACE
// FUNCTION|PROCEDURE|AGGREGATE": the
// offsets where the (possibly qualified) name starts and ends, and its
// last part unquoted.
func routineHeader(def string) (start, end int, name string, ok bool) {
	for _, kw := range []string{"CREATE OR REPLACE FUNCTION ", "CREATE OR REPLACE PROCEDURE ", "CREATE OR REPLACE AGGREGATE "} {
		lead := len(def) - len(strings.TrimLeft(def, " \t\r\n"))
		if !strings.HasPrefix(def[lead:], kw) {
			continue
		}
		start = lead + len(kw)
		i := start
		for {
			part, n, good := identAt(def[i:])
			if !good {
				return 0, 0, "", false
			}
			i += n
			name = part
			if i < len(def) && def[i] == '.' {
				i++
				continue
			}
			if i < len(def) && def[i] == '(' {
				return start, i, name, true
			}
			return 0, 0, "", false
		}
	}
	return 0, 0, "", false
}

// identAt reads one identifier at the start of s: double-quoted ("" for a
// quote) or bare up to a dot or parenthesis.
func identAt(s string) (string, int, bool) {
	if strings.HasPrefix(s, `"`) {
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			if s[i] != '"' {
				b.WriteByte(s[i])
				continue
			}
			if i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			return b.String(), i + 1, true
		}
		return "", 0, false
	}
	n := strings.IndexAny(s, ".( \t\n")
	if n <= 0 {
		return "", 0, false
	}
	return s[:n], n, true
}

// qualifyRoutine names the routine in its definition in schema sc.
func qualifyRoutine(def, sc string) (string, error) {
	start, end, name, ok := routineHeader(def)
	if !ok {
		return "", errors.New("the definition does not start with CREATE OR REPLACE FUNCTION, PROCEDURE or AGGREGATE and a name")
	}
	return def[:start] + qualified(sc, name) + def[end:], nil
}

// unqualifyRoutine drops the schema from the name in a definition, so that
// diff compares routines of differently named schemas by their text.
func unqualifyRoutine(def string) string {
	start, end, name, ok := routineHeader(def)
	if !ok {
		return def
	}
	return def[:start] + quote(name) + def[end:]
}

// normalizeRoutines is NormalizeForDiff's part for routines.
func normalizeRoutines(sc *schema.Schema) {
	for i := range sc.Routines {
		sc.Routines[i].Definition = unqualifyRoutine(sc.Routines[i].Definition)
	}
}
