package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Privileges (schema.Grant) are compared per (object, grantee, privilege)
// for engines whose renderer writes ddl.GrantPrivilege (ddl.ObjectSyncer
// kind ddl.ObjectGrant), once every other change is known: an object the
// plan creates or recreates starts with the engine's default privileges,
// not with the target's old ones. A grant to a role the target server
// lacks is a note naming the role, never a statement that would fail.
// A revoke on an object the target has takes access away from a role: it
// is destructive (selected only with AllowDestructive), so that a source
// that says nothing of privileges (a schema file without GRANTs, another
// engine) does not strip the target's by default. Revoking a default from
// an object the plan creates takes nothing away.
//
// Column privileges are grants with a Column: a column the plan adds, or
// one of a table or view it creates, starts without any; a column it drops
// takes its own along. A revoke of a privilege held WITH GRANT OPTION
// cascades (regrant). Default privileges (defaults.go) and owners
// (ownerChanges) are compared here too, under the same gate.

// grantPhase comes after every creation and comment; grants come after
// revokes (grantPhase+1), so that a privilege granted again after a revoke
// that took it (regrant) stays.
const grantPhase = 18

// grantKey tells grants apart within a schema.
type grantKey struct{ on, object, column, grantee, privilege string }

func keyOf(sc string, g schema.Grant) grantKey {
	return grantKey{g.On, ddl.GrantObject(sc, g), g.Column, g.Grantee, g.Privilege}
}

// grantName names the object a grant is on within a schema: its kind and
// name, and the column of a column privilege.
func grantName(sc string, g schema.Grant) string {
	name := g.On + "\x00" + ddl.GrantObject(sc, g)
	if g.Column != "" {
		name += "\x00" + g.Column
	}
	return name
}

// grantItem is a grant's object name in its plan item.
func grantItem(g schema.Grant) string {
	if g.Column != "" {
		return g.Grantee + "." + g.Privilege + "(" + g.Column + ")"
	}
	return g.Grantee + "." + g.Privilege
}

// defaultGrants are the entries PostgreSQL's acldefault gives an object
// of the kind besides its owner's: EXECUTE to PUBLIC on routines, USAGE
// to PUBLIC on types, nothing on schemas, tables and sequences.
func defaultGrants(on, object, args string) []schema.Grant {
	switch on {
	case schema.GrantFunction, schema.GrantProcedure:
		return []schema.Grant{{On: on, Object: object, Args: args, Grantee: "PUBLIC", Privilege: "EXECUTE"}}
	case schema.GrantType:
		return []schema.Grant{{On: on, Object: object, Grantee: "PUBLIC", Privilege: "USAGE"}}
	}
	return nil
}

// grants returns the grant and revoke changes of every schema pair,
// notes for grants to roles the target lacks (target.Roles nil: unknown,
// no notes), and the owners note as Plan.Info. A source without Roles was read by a driver that reads no
// privileges (another engine, an older snapshot file): its lack of grants
// says nothing, and nothing is compared.
func grants(e engine, ps []pending, src, dst []*schema.Schema, source, target *schema.Snapshot) ([]pending, []string, []string) {
	if !e.syncs(ddl.ObjectGrant) || source.Roles == nil {
		return ps, nil, nil
	}
	ps, notes := allDefaults(ps, src, dst, source, target)
	created := createdObjects(ps)
	var owners []string
	for i := range src {
		s, t := src[i], dst[i]
		sc := t.Name
		isNew := map[string]bool{}
		before := map[grantKey]schema.Grant{}
		for _, o := range created[sc] {
			isNew[grantName(sc, o)] = true
			if o.Column == "" {
				for _, d := range defaultGrants(o.On, o.Object, o.Args) {
					before[keyOf(sc, d)] = d
				}
			}
		}
		rn := renamesOf(ps, sc)
		owners = append(owners, ownerChanges(sc, s.Owners, t.Owners, isNew, rn)...)
		// Objects that stay keep the target's entries; those only the
		// target has are dropped (or kept by choice), not revoked.
		cols := columnGrantTables(s.Grants, t.Grants)
		inSource := objectsOf(s, sc, true, cols)
		for _, g := range t.Grants {
			g = rn.grant(g)
			name := grantName(sc, g)
			if !isNew[name] && inSource[name] {
				before[keyOf(sc, g)] = g
			}
		}
		exists := rn.objects(objectsOf(t, sc, target.Schema(sc) != nil, cols))
		wanted := map[grantKey]bool{}
		var kept []schema.Grant // privileges the target has as wanted
		for _, g := range s.Grants {
			k := keyOf(sc, g)
			name := grantName(sc, g)
			if !isNew[name] && !exists[name] {
				continue // an object the plan does not make (a note or an error says why)
			}
			wanted[k] = true
			old, ok := before[k]
			switch {
			case ok && old.Grantable == g.Grantable:
				kept = append(kept, g)
			case lacksRole(target.Roles, g.Grantee):
				notes = append(notes, fmt.Sprintf("%s on %s %s.%s to role %q: the role does not exist on the target; not granted",
					privilegeText(g), g.On, sc, k.object, g.Grantee))
			case ok && old.Grantable:
				ps = append(ps, pending{ch: ddl.RevokePrivilege{Schema: sc, Grant: old, GrantOptionOnly: true, Cascade: true},
					object: grantItem(g), changes: []string{"grant option"}, source: g, target: old,
					destructive: !isNew[name]})
			default:
				ps = append(ps, pending{ch: ddl.GrantPrivilege{Schema: sc, Grant: g},
					object: grantItem(g), source: g})
			}
		}
		var revokes []schema.Grant
		for k, g := range before {
			if !wanted[k] {
				revokes = append(revokes, g)
			}
		}
		slices.SortFunc(revokes, func(a, b schema.Grant) int { return compareKeys(keyOf(sc, a), keyOf(sc, b)) })
		for _, g := range revokes {
			ps = append(ps, pending{ch: ddl.RevokePrivilege{Schema: sc, Grant: g, Cascade: g.Grantable},
				object: grantItem(g), target: g, destructive: !isNew[grantName(sc, g)]})
		}
		ps = regrant(ps, sc, revokes, kept)
	}
	return ps, notes, ownersNote(owners)
}

// allDefaults compares the database-wide default privileges and those of
// every schema pair.
func allDefaults(ps []pending, src, dst []*schema.Schema, source, target *schema.Snapshot) ([]pending, []string) {
	ps, notes := compareDefaults(ps, "", source.DefaultPrivileges, target.DefaultPrivileges, target.Roles)
	for i := range src {
		if len(src[i].DefaultPrivileges) > 0 && target.Schema(dst[i].Name) == nil && !createsSchema(ps, dst[i].Name) {
			notes = append(notes, fmt.Sprintf("schema %s: the plan does not create it (nothing in it), so its %d default privileges are not set",
				dst[i].Name, len(src[i].DefaultPrivileges)))
			continue
		}
		var more []string
		ps, more = compareDefaults(ps, dst[i].Name, src[i].DefaultPrivileges, dst[i].DefaultPrivileges, target.Roles)
		notes = append(notes, more...)
	}
	return ps, notes
}

// createdObjects lists, by schema, the objects the plan creates: they
// start with the defaults. A column the plan adds, or one of a table or
// view it creates, starts without column privileges.
func createdObjects(ps []pending) map[string][]schema.Grant {
	created := map[string][]schema.Grant{}
	columns := func(sc, table string, cols []schema.Column) {
		for _, col := range cols {
			created[sc] = append(created[sc], schema.Grant{On: schema.GrantTable, Object: table, Column: col.Name})
		}
	}
	for _, p := range ps {
		switch c := p.ch.(type) {
		case ddl.CreateSchema:
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: schema.GrantSchema})
		case ddl.CreateTable:
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: schema.GrantTable, Object: c.Table.Name})
			columns(c.Schema, c.Table.Name, c.Table.Columns)
		case ddl.AddColumn:
			columns(c.Schema, c.Table, []schema.Column{c.Column})
		case ddl.CreateView:
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: schema.GrantTable, Object: c.View.Name})
			columns(c.Schema, c.View.Name, c.View.Columns)
		case ddl.CreateSequence:
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: schema.GrantSequence, Object: c.Sequence.Name})
		case ddl.CreateEnum:
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: schema.GrantType, Object: c.Enum.Name})
		case ddl.CreateDomain:
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: schema.GrantType, Object: c.Domain.Name})
		case ddl.CreateFunction:
			on := schema.GrantFunction
			if c.Routine.Kind == schema.RoutineProcedure {
				on = schema.GrantProcedure
			}
			sig := c.Routine.Signature()
			created[c.Schema] = append(created[c.Schema], schema.Grant{On: on, Object: c.Routine.Name, Args: sig[len(c.Routine.Name)+1 : len(sig)-1]})
		}
	}
	return created
}

// ownerChanges lists the objects of schema sc (named on the target) whose
// owner differs between the sides, as "object (target's, source's)"; an
// object the plan creates gets the applying role and is left out; one it
// renames is known by its new name.
func ownerChanges(sc string, src, dst []schema.Owner, isNew map[string]bool, rn renamer) []string {
	have := map[string]string{}
	for _, o := range dst {
		have[grantName(sc, rn.grant(schema.Grant{On: o.On, Object: o.Object, Args: o.Args}))] = o.Role
	}
	var out []string
	for _, o := range src {
		g := schema.Grant{On: o.On, Object: o.Object, Args: o.Args}
		name := grantName(sc, g)
		if cur, ok := have[name]; ok && cur != o.Role && !isNew[name] {
			obj := sc
			if o.On != schema.GrantSchema {
				obj += "." + ddl.GrantObject(sc, g)
			}
			out = append(out, fmt.Sprintf("%s %s (%s on the target, %s in the source)", o.On, obj, cur, o.Role))
		}
	}
	return out
}

// ownersNote is the one note of a plan on owners that differ: how many,
// the first few, and that they are not synced.
func ownersNote(owners []string) []string {
	const shown = 3
	switch n := len(owners); {
	case n == 0:
		return nil
	case n > shown:
		return []string{fmt.Sprintf("%d objects have a different owner: %s and %d more; owners are not synced",
			n, strings.Join(owners[:shown], ", "), n-shown)}
	default:
		return []string{fmt.Sprintf("%d objects have a different owner: %s; owners are not synced", n, strings.Join(owners, ", "))}
	}
}

// regrant grants again the wanted privileges the target has that the
// plan's revokes take with them (grants come after revokes, order.go):
//   - PostgreSQL's REVOKE on a table revokes the same privilege on each of
//     its columns;
//   - a revoke of a privilege held WITH GRANT OPTION (or of the option) is
//     rendered with CASCADE, which also revokes what its holder granted
//     others (dbls does not read grantors: every other holder of the
//     privilege on the object is granted it again, by the applying role).
func regrant(ps []pending, sc string, revokes, kept []schema.Grant) []pending {
	for _, p := range ps {
		if r, ok := p.ch.(ddl.RevokePrivilege); ok && r.GrantOptionOnly && r.Schema == sc {
			revokes = append(revokes, r.Grant)
		}
	}
	takes := func(r, g schema.Grant) (string, bool) {
		switch {
		case r.On != g.On || r.Object != g.Object || r.Args != g.Args || r.Privilege != g.Privilege:
		case r.Grantee == g.Grantee && r.Column == "" && g.Column != "" && r.On == schema.GrantTable:
			return "revoked with the table's", true
		case r.Grantable && r.Grantee != g.Grantee && (r.Column == "" || r.Column == g.Column):
			return "revoked by CASCADE", true
		}
		return "", false
	}
	for _, g := range kept {
		for _, r := range revokes {
			if why, ok := takes(r, g); ok {
				ps = append(ps, pending{ch: ddl.GrantPrivilege{Schema: sc, Grant: g},
					object: grantItem(g), changes: []string{why}, source: g, target: g})
				break
			}
		}
	}
	return ps
}

// privilegeText is a privilege as GRANT spells it, with its column.
func privilegeText(g schema.Grant) string {
	if g.Column != "" {
		return g.Privilege + " (" + g.Column + ")"
	}
	return g.Privilege
}

// renamer maps the names of a target's tables and columns to those the
// plan's renames give them, so that their grants follow them.
type renamer struct {
	tables  map[string]string    // old name → new
	columns map[[2]string]string // (table's new name, old column) → new column
}

func renamesOf(ps []pending, sc string) renamer {
	r := renamer{tables: map[string]string{}, columns: map[[2]string]string{}}
	for _, p := range ps {
		switch c := p.ch.(type) {
		case ddl.RenameTable:
			if c.Schema == sc {
				r.tables[c.From] = c.To
			}
		case ddl.RenameColumn:
			if c.Schema == sc {
				r.columns[[2]string{c.Table, c.From}] = c.To
			}
		}
	}
	return r
}

func (r renamer) grant(g schema.Grant) schema.Grant {
	if g.On != schema.GrantTable {
		return g
	}
	if to, ok := r.tables[g.Object]; ok {
		g.Object = to
	}
	if to, ok := r.columns[[2]string{g.Object, g.Column}]; ok && g.Column != "" {
		g.Column = to
	}
	return g
}

// objects renames the objects of an objectsOf set.
func (r renamer) objects(names map[string]bool) map[string]bool {
	if len(r.tables)+len(r.columns) == 0 {
		return names
	}
	out := make(map[string]bool, len(names))
	for name := range names {
		parts := strings.SplitN(name, "\x00", 3)
		if parts[0] == schema.GrantTable {
			g := schema.Grant{On: parts[0], Object: parts[1]}
			if len(parts) == 3 {
				g.Column = parts[2]
			}
			name = grantName("", r.grant(g))
		}
		out[name] = true
	}
	return out
}

func createsSchema(ps []pending, sc string) bool {
	return slices.ContainsFunc(ps, func(p pending) bool {
		c, ok := p.ch.(ddl.CreateSchema)
		return ok && c.Schema == sc
	})
}

func compareKeys(a, b grantKey) int {
	for _, p := range [][2]string{{a.on, b.on}, {a.object, b.object}, {a.column, b.column}, {a.grantee, b.grantee}, {a.privilege, b.privilege}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// columnGrantTables names the tables and views some column privilege is
// on, on either side (under either name a rename gives them).
func columnGrantTables(lists ...[]schema.Grant) map[string]bool {
	out := map[string]bool{}
	for _, gs := range lists {
		for _, g := range gs {
			if g.Column != "" {
				out[g.Object] = true
			}
		}
	}
	return out
}

// objectsOf lists the objects of a schema (named sc on the target) by
// grant kind and grant object name; the schema itself when it exists; and
// the columns of the tables and views in cols (listing every column of a
// large catalog was most of a compare's time).
func objectsOf(t *schema.Schema, sc string, schemaExists bool, cols map[string]bool) map[string]bool {
	out := map[string]bool{}
	if schemaExists {
		out[schema.GrantSchema+"\x00"+sc] = true
	}
	add := func(name string, columns []schema.Column) {
		out[schema.GrantTable+"\x00"+name] = true
		if !cols[name] {
			return
		}
		for _, col := range columns {
			out[schema.GrantTable+"\x00"+name+"\x00"+col.Name] = true
		}
	}
	for _, x := range t.Tables {
		add(x.Name, x.Columns)
	}
	for _, x := range t.Views {
		add(x.Name, x.Columns)
	}
	for _, x := range t.Sequences {
		out[schema.GrantSequence+"\x00"+x.Name] = true
	}
	for _, x := range t.Enums {
		out[schema.GrantType+"\x00"+x.Name] = true
	}
	for _, x := range t.Domains {
		out[schema.GrantType+"\x00"+x.Name] = true
	}
	for _, x := range t.Routines {
		on := schema.GrantFunction
		if x.Kind == schema.RoutineProcedure {
			on = schema.GrantProcedure
		}
		out[on+"\x00"+x.Signature()] = true
	}
	return out
}
