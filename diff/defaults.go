package diff

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Default privileges (schema.DefaultPrivilege, PostgreSQL's ALTER DEFAULT
// PRIVILEGES) are compared per (role, kind, grantee, privilege) with the
// grants and under the same rule: a source whose driver reads no
// privileges says nothing of them. A schema file does say something: it is
// loaded into a scratch database and read like a live one, so a file
// without ALTER DEFAULT PRIVILEGES wants none; undoing what the target has
// is destructive (selected only with AllowDestructive), as for revokes.
// They come before every creation (order.go), so that the objects the
// plan creates get the source's defaults, not the target's old ones. A
// role (FOR ROLE or grantee) the target server lacks is a note.

// defaultKey tells default privileges apart in one scope.
type defaultKey struct {
	role, on, grantee, privilege string
	revoked                      bool
}

func defaultKeyOf(d schema.DefaultPrivilege) defaultKey {
	return defaultKey{d.Role, d.On, d.Grantee, d.Privilege, d.Revoked}
}

// compareDefaults adds the changes that turn have, the default privileges
// of the target in schema sc ("" for the database-wide ones), into want;
// roles are the target server's (nil: unknown).
func compareDefaults(ps []pending, sc string, want, have []schema.DefaultPrivilege, roles []string) ([]pending, []string) {
	before := map[defaultKey]schema.DefaultPrivilege{}
	for _, d := range have {
		before[defaultKeyOf(d)] = d
	}
	var notes []string
	wanted := map[defaultKey]bool{}
	for _, d := range want {
		k := defaultKeyOf(d)
		wanted[k] = true
		old, ok := before[k]
		p := pending{object: defaultItem(d), source: d}
		switch {
		case ok && old.Grantable == d.Grantable:
			continue
		case lacksRole(roles, d.Role) || lacksRole(roles, d.Grantee):
			missing := d.Role
			if !lacksRole(roles, d.Role) {
				missing = d.Grantee
			}
			notes = append(notes, fmt.Sprintf("default privilege %s: role %q does not exist on the target; not changed",
				defaultText(sc, d), missing))
			continue
		case ok && old.Grantable:
			p.ch, p.target, p.changes, p.destructive = ddl.RevokeDefault{Schema: sc, Default: old, GrantOptionOnly: true}, old, []string{"grant option"}, true
		case d.Revoked:
			p.ch = ddl.RevokeDefault{Schema: sc, Default: d}
		default:
			p.ch = ddl.GrantDefault{Schema: sc, Default: d}
		}
		ps = append(ps, p)
	}
	var undo []schema.DefaultPrivilege
	for k, d := range before {
		if !wanted[k] {
			undo = append(undo, d)
		}
	}
	slices.SortFunc(undo, func(a, b schema.DefaultPrivilege) int {
		return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(a.On, b.On), cmp.Compare(a.Grantee, b.Grantee), cmp.Compare(a.Privilege, b.Privilege))
	})
	for _, d := range undo {
		p := pending{ch: ddl.RevokeDefault{Schema: sc, Default: d}, object: defaultItem(d), target: d, destructive: true}
		if d.Revoked { // the built-in default the target took away comes back
			back := d
			back.Revoked = false
			p.ch = ddl.GrantDefault{Schema: sc, Default: back}
		}
		ps = append(ps, p)
	}
	return ps, notes
}

// defaultItem is a default privilege's object name in its plan item.
func defaultItem(d schema.DefaultPrivilege) string {
	return d.Role + "." + d.On + "." + d.Grantee + "." + d.Privilege
}

// defaultText describes a default privilege for a note.
func defaultText(sc string, d schema.DefaultPrivilege) string {
	where := "database-wide"
	if sc != "" {
		where = "in schema " + sc
	}
	return fmt.Sprintf("%s on new %ss of role %q to %q (%s)", d.Privilege, d.On, d.Role, d.Grantee, where)
}
