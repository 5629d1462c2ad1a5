package postgres

// Rendering of extensions, composite types, range types and collations
// (the changes of drivers/ddl/types.go).

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// syncsTypes reports the kinds of drivers/ddl/types.go PostgreSQL syncs:
// all of them.
func syncsTypes(kind string) bool {
	switch kind {
	case ddl.ObjectExtension, ddl.ObjectComposite, ddl.ObjectRange, ddl.ObjectCollation:
		return true
	}
	return false
}

// renderType writes a change of drivers/ddl/types.go; ok is false for
// other changes.
func (r *renderer) renderType(c ddl.Change) (ok bool, err error) {
	switch c := c.(type) {
	case ddl.CreateExtension:
		x := c.Extension
		// The version is the source's, so that a clone converges; a
		// target server without it fails here with PostgreSQL's reason.
		stmt := "CREATE EXTENSION " + quote(x.Name) + " SCHEMA " + quote(c.Schema)
		if x.Version != "" {
			stmt += " VERSION " + stringLiteral(x.Version)
		}
		r.out = append(r.out, stmt)
	case ddl.AlterExtension:
		if c.FromSchema != "" && c.FromSchema != c.Schema {
			r.add("ALTER EXTENSION %s SET SCHEMA %s", quote(c.To.Name), quote(c.Schema))
		}
		if c.From.Version != c.To.Version && c.To.Version != "" {
			r.add("ALTER EXTENSION %s UPDATE TO %s", quote(c.To.Name), stringLiteral(c.To.Version))
		}
	case ddl.DropExtension:
		// No CASCADE: PostgreSQL refuses while columns or indexes use it.
		r.add("DROP EXTENSION %s", quote(c.Extension.Name))
	case ddl.CreateComposite:
		x := c.Composite
		attrs := make([]string, len(x.Attributes))
		for i, a := range x.Attributes {
			attrs[i] = quote(a.Name) + " " + a.Type + collateClause(a.Collation)
		}
		r.add("CREATE TYPE %s AS (%s)", qualified(c.Schema, x.Name), strings.Join(attrs, ", "))
	case ddl.AlterComposite:
		r.alterComposite(c)
	case ddl.DropComposite:
		r.add("DROP TYPE %s", qualified(c.Schema, c.Composite.Name))
	case ddl.CreateRange:
		return true, r.createRange(c.Schema, c.Range, c.CanonicalFunc)
	case ddl.AlterRange:
		return true, fmt.Errorf("range type %s: subtype or options changed (%s → %s): PostgreSQL cannot alter a range type in place, "+
			"and it cannot be dropped while columns or routines use it; dbls does not rebuild them: "+
			"create a new range type, convert each column with ALTER COLUMN … TYPE … USING, then drop the old one",
			displayName(c.Schema, c.To.Name), c.From.Subtype, c.To.Subtype)
	case ddl.DropRange:
		if c.Range.Canonical == "" {
			r.add("DROP TYPE %s", qualified(c.Schema, c.Range.Name))
			break
		}
		if c.CanonicalFunc == nil {
			return true, fmt.Errorf("range type %s: its canonical function %s and the type depend on each other and go only together; "+
				"this plan keeps the function", displayName(c.Schema, c.Range.Name), c.Range.Canonical)
		}
		// The type and its canonical function depend on each other: only
		// CASCADE drops them, once the plan has dropped every other user.
		r.add("DROP TYPE %s CASCADE", qualified(c.Schema, c.Range.Name))
	case ddl.CreateCollation:
		return true, r.createCollation(c.Schema, c.Collation)
	case ddl.AlterCollation:
		return true, fmt.Errorf("collation %s: definition changed: PostgreSQL cannot change a collation in place, "+
			"and it cannot be dropped while columns use it; dbls does not rebuild them: "+
			"create a new collation, change each column's COLLATE, then drop the old one", displayName(c.Schema, c.To.Name))
	case ddl.DropCollation:
		r.add("DROP COLLATION %s", qualified(c.Schema, c.Collation.Name))
	default:
		return false, nil
	}
	return true, nil
}

func collateClause(coll string) string {
	if coll == "" {
		return ""
	}
	return " COLLATE " + quote(coll)
}

// alterComposite writes one ALTER TYPE with an action per attribute
// dropped, added (at the end: PostgreSQL cannot place it) or changed.
func (r *renderer) alterComposite(c ddl.AlterComposite) {
	from := map[string]schema.Column{}
	for _, a := range c.From.Attributes {
		from[a.Name] = a
	}
	to := map[string]bool{}
	var actions []string
	for _, a := range c.From.Attributes {
		if !attrIn(c.To.Attributes, a.Name) {
			actions = append(actions, "DROP ATTRIBUTE "+quote(a.Name))
		}
	}
	for _, a := range c.To.Attributes {
		to[a.Name] = true
		old, ok := from[a.Name]
		switch {
		case !ok:
			actions = append(actions, "ADD ATTRIBUTE "+quote(a.Name)+" "+a.Type+collateClause(a.Collation))
		case !strings.EqualFold(old.Type, a.Type) || old.Collation != a.Collation:
			actions = append(actions, "ALTER ATTRIBUTE "+quote(a.Name)+" TYPE "+a.Type+collateClause(a.Collation))
		}
	}
	name := qualified(c.Schema, c.To.Name)
	if len(actions) > 0 {
		// CASCADE on each action: the typed tables of the type (CREATE
		// TABLE … OF) get the same columns; without it PostgreSQL refuses
		// while one exists.
		r.add("ALTER TYPE %s %s CASCADE", name, strings.Join(actions, " CASCADE, "))
	}
}

func attrIn(attrs []schema.Column, name string) bool {
	for _, a := range attrs {
		if a.Name == name {
			return true
		}
	}
	return false
}

// qualifiedIdent matches a name as regproc and the catalog write it: one
// or two identifiers, each bare or double-quoted. Function and operator
// class names of a range type are written as read, after this check, so
// that nothing else can ride along.
var qualifiedIdent = regexp.MustCompile(`^("([^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)(\.("([^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))?$`)

// createRange writes CREATE TYPE … AS RANGE; a canonical function, which
// takes and returns the range type, is created before it over a shell
// type, as PostgreSQL requires.
func (r *renderer) createRange(sc string, x schema.RangeType, canonical *schema.Routine) error {
	name := qualified(sc, x.Name)
	if x.Canonical != "" {
		if canonical == nil {
			return fmt.Errorf("range type %s: its canonical function %s must be created with it (over a shell type), "+
				"and this plan does not create it", displayName(sc, x.Name), x.Canonical)
		}
		r.add("CREATE TYPE %s", name)
		if err := r.createRoutine(sc, *canonical, nil); err != nil {
			return fmt.Errorf("range type %s: canonical function: %w", displayName(sc, x.Name), err)
		}
	}
	opts := []string{"SUBTYPE = " + x.Subtype}
	for _, o := range []struct{ key, val string }{
		{"SUBTYPE_OPCLASS", x.Opclass}, {"CANONICAL", x.Canonical}, {"SUBTYPE_DIFF", x.SubtypeDiff},
	} {
		if o.val == "" {
			continue
		}
		if !qualifiedIdent.MatchString(o.val) {
			return fmt.Errorf("range type %s: %s %q is not a name", displayName(sc, x.Name), strings.ToLower(o.key), o.val)
		}
		opts = append(opts, o.key+" = "+o.val)
	}
	if x.Collation != "" {
		opts = append(opts, "COLLATION = "+quote(x.Collation))
	}
	if x.MultirangeName != "" {
		opts = append(opts, "MULTIRANGE_TYPE_NAME = "+qualified(sc, x.MultirangeName))
	}
	r.add("CREATE TYPE %s AS RANGE (%s)", name, strings.Join(opts, ", "))
	return nil
}

func (r *renderer) createCollation(sc string, x schema.Collation) error {
	name := qualified(sc, x.Name)
	var opts []string
	switch x.Provider {
	case "icu":
		opts = append(opts, "PROVIDER = icu", "LOCALE = "+stringLiteral(x.Locale))
	case "libc", "":
		opts = append(opts, "PROVIDER = libc", "LC_COLLATE = "+stringLiteral(x.LcCollate), "LC_CTYPE = "+stringLiteral(x.LcCtype))
	default:
		return fmt.Errorf("collation %s: provider %q cannot be created by CREATE COLLATION here", displayName(sc, x.Name), x.Provider)
	}
	if !x.Deterministic {
		opts = append(opts, "DETERMINISTIC = false")
	}
	r.add("CREATE COLLATION %s (%s)", name, strings.Join(opts, ", "))
	return nil
}
