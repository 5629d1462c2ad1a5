package diff

import (
	"fmt"
	"slices"

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

// grantPhase comes after every creation and comment.
const grantPhase = 18

// grantKey tells grants apart within a schema.
type grantKey struct{ on, object, grantee, privilege string }

func keyOf(sc string, g schema.Grant) grantKey {
	return grantKey{g.On, ddl.GrantObject(sc, g), g.Grantee, g.Privilege}
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

// grants returns the grant and revoke changes of every schema pair, and
// notes for grants to roles the target lacks (target.Roles nil: unknown,
// no notes). A source without Roles was read by a driver that reads no
// privileges (another engine, an older snapshot file): its lack of grants
// says nothing, and nothing is compared.
func grants(e engine, ps []pending, src, dst []*schema.Schema, source, target *schema.Snapshot) ([]pending, []string) {
	if !e.syncs(ddl.ObjectGrant) || source.Roles == nil {
		return ps, nil
	}
	// Objects the plan creates, by schema: they start with the defaults.
	type object struct{ on, name, args string }
	created := map[string][]object{}
	for _, p := range ps {
		switch c := p.ch.(type) {
		case ddl.CreateSchema:
			created[c.Schema] = append(created[c.Schema], object{schema.GrantSchema, "", ""})
		case ddl.CreateTable:
			created[c.Schema] = append(created[c.Schema], object{schema.GrantTable, c.Table.Name, ""})
		case ddl.CreateView:
			created[c.Schema] = append(created[c.Schema], object{schema.GrantTable, c.View.Name, ""})
		case ddl.CreateSequence:
			created[c.Schema] = append(created[c.Schema], object{schema.GrantSequence, c.Sequence.Name, ""})
		case ddl.CreateEnum:
			created[c.Schema] = append(created[c.Schema], object{schema.GrantType, c.Enum.Name, ""})
		case ddl.CreateDomain:
			created[c.Schema] = append(created[c.Schema], object{schema.GrantType, c.Domain.Name, ""})
		case ddl.CreateFunction:
			on := schema.GrantFunction
			if c.Routine.Kind == schema.RoutineProcedure {
				on = schema.GrantProcedure
			}
			sig := c.Routine.Signature()
			created[c.Schema] = append(created[c.Schema], object{on, c.Routine.Name, sig[len(c.Routine.Name)+1 : len(sig)-1]})
		}
	}
	var notes []string
	for i := range src {
		s, t := src[i], dst[i]
		sc := t.Name
		isNew := map[string]bool{}
		before := map[grantKey]schema.Grant{}
		for _, o := range created[sc] {
			g := schema.Grant{On: o.on, Object: o.name, Args: o.args}
			isNew[o.on+"\x00"+ddl.GrantObject(sc, g)] = true
			for _, d := range defaultGrants(o.on, o.name, o.args) {
				before[keyOf(sc, d)] = d
			}
		}
		// Objects that stay keep the target's entries; those only the
		// target has are dropped (or kept by choice), not revoked.
		inSource := objectsOf(s, sc, true)
		for _, g := range t.Grants {
			name := g.On + "\x00" + ddl.GrantObject(sc, g)
			if !isNew[name] && inSource[name] {
				before[keyOf(sc, g)] = g
			}
		}
		exists := objectsOf(t, sc, target.Schema(sc) != nil)
		wanted := map[grantKey]bool{}
		for _, g := range s.Grants {
			k := keyOf(sc, g)
			name := g.On + "\x00" + k.object
			if !isNew[name] && !exists[name] {
				continue // an object the plan does not make (a note or an error says why)
			}
			wanted[k] = true
			old, ok := before[k]
			switch {
			case ok && old.Grantable == g.Grantable:
			case lacksRole(target.Roles, g.Grantee):
				notes = append(notes, fmt.Sprintf("%s on %s %s.%s to role %q: the role does not exist on the target; not granted",
					g.Privilege, g.On, sc, k.object, g.Grantee))
			case ok && old.Grantable:
				ps = append(ps, pending{ch: ddl.RevokePrivilege{Schema: sc, Grant: old, GrantOptionOnly: true},
					object: g.Grantee + "." + g.Privilege, changes: []string{"grant option"}, source: g, target: old,
					destructive: !isNew[name]})
			default:
				ps = append(ps, pending{ch: ddl.GrantPrivilege{Schema: sc, Grant: g},
					object: g.Grantee + "." + g.Privilege, source: g})
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
			ps = append(ps, pending{ch: ddl.RevokePrivilege{Schema: sc, Grant: g},
				object: g.Grantee + "." + g.Privilege, target: g, destructive: !isNew[g.On+"\x00"+ddl.GrantObject(sc, g)]})
		}
	}
	return ps, notes
}

func compareKeys(a, b grantKey) int {
	for _, p := range [][2]string{{a.on, b.on}, {a.object, b.object}, {a.grantee, b.grantee}, {a.privilege, b.privilege}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// objectsOf lists the objects of a schema (named sc on the target) by
// grant kind and grant object name; the schema itself when it exists.
func objectsOf(t *schema.Schema, sc string, schemaExists bool) map[string]bool {
	out := map[string]bool{}
	if schemaExists {
		out[schema.GrantSchema+"\x00"+sc] = true
	}
	for _, x := range t.Tables {
		out[schema.GrantTable+"\x00"+x.Name] = true
	}
	for _, x := range t.Views {
		out[schema.GrantTable+"\x00"+x.Name] = true
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
