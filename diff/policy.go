package diff

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// A table's row-level security (ENABLE/FORCE ROW LEVEL SECURITY), its
// policies and its rewrite rules: PostgreSQL only. Engines whose renderer
// does not sync them get a note instead (securityNotes).
//
// Order (phase in order.go): policies and rules are dropped first, before
// the columns, tables and functions they use go, and created last among
// table changes, once tables, columns, views and routines exist.

// security compares s, the source's table, with t, the target's (nil for a
// table the plan creates).
func (d *differ) security(s, t *schema.Table) {
	cur := t
	if cur == nil {
		cur = &schema.Table{}
	}
	if d.e.syncs(ddl.ObjectPolicy) {
		if s.RowSecurity != cur.RowSecurity || s.ForceRowSecurity != cur.ForceRowSecurity {
			var changed []string
			if s.RowSecurity != cur.RowSecurity {
				changed = append(changed, "row_security")
			}
			if s.ForceRowSecurity != cur.ForceRowSecurity {
				changed = append(changed, "force_row_security")
			}
			d.add(pending{ch: ddl.SetRowSecurity{On: d.on(s.Name, s, t), Enable: s.RowSecurity, Force: s.ForceRowSecurity,
				FromEnable: cur.RowSecurity, FromForce: cur.ForceRowSecurity}, changes: changed,
				source: rowSecurity(s), target: rowSecurity(t)})
		}
		d.policies(s, t, cur)
	}
	if d.e.syncs(ddl.ObjectRule) {
		d.rules(d.on(s.Name, s, t), s.Rules, cur.Rules, d.retyped(s.Name))
	}
}

// rowSecurity is what a row_security item shows of a table.
func rowSecurity(t *schema.Table) any {
	if t == nil {
		return nil
	}
	return map[string]bool{"row_security": t.RowSecurity, "force_row_security": t.ForceRowSecurity}
}

func (d *differ) policies(s, t, cur *schema.Table) {
	retypedColumns := d.retyped(s.Name)
	dst := index(cur.Policies, func(p schema.Policy) string { return d.e.key("policy", p.Name) })
	seen := map[string]bool{}
	for i := range s.Policies {
		sp := &s.Policies[i]
		k := d.e.key("policy", sp.Name)
		seen[k] = true
		tp, ok := dst[k]
		if !ok {
			d.add(pending{ch: ddl.CreatePolicy{On: d.on(s.Name, s, t), Policy: *sp}, object: sp.Name, source: sp})
			continue
		}
		changed := policyChanges(sp, tp)
		retyped := usesAny(retypedColumns, tp.Using, tp.Check)
		if len(changed) == 0 && !retyped {
			continue
		}
		if retyped {
			// PostgreSQL refuses to change the type of a column a policy
			// uses: the policy goes first and comes back after.
			changed = append(changed, "column_type")
		} else if policyAlterable(sp, tp) {
			d.add(pending{ch: ddl.AlterPolicy{On: d.on(s.Name, s, t), From: *tp, To: *sp},
				object: sp.Name, changes: changed, source: sp, target: tp})
			continue
		}
		d.add(pending{ch: ddl.DropPolicy{On: d.on(s.Name, s, t), Policy: *tp}, object: tp.Name, changes: changed, target: tp})
		d.add(pending{ch: ddl.CreatePolicy{On: d.on(s.Name, s, t), Policy: *sp}, object: sp.Name, changes: changed, source: sp, target: tp})
	}
	for i := range cur.Policies {
		tp := &cur.Policies[i]
		if !seen[d.e.key("policy", tp.Name)] {
			// Gated like every drop: without the policy, RLS hides every
			// row, or shows rows another policy would have hidden.
			d.add(pending{ch: ddl.DropPolicy{On: d.on(s.Name, s, t), Policy: *tp}, object: tp.Name, target: tp, destructive: true})
		}
	}
}

// policyChanges names the aspects in which two versions of a policy differ.
func policyChanges(s, t *schema.Policy) []string {
	var out []string
	check := func(name string, differs bool) {
		if differs {
			out = append(out, name)
		}
	}
	check("command", s.Command != t.Command)
	check("permissive", s.Permissive != t.Permissive)
	check("roles", !slices.Equal(s.Roles, t.Roles))
	check("using", squash(s.Using) != squash(t.Using))
	check("check", squash(s.Check) != squash(t.Check))
	return out
}

// policyAlterable reports whether ALTER POLICY can turn t into s: it
// changes roles and replaces USING and WITH CHECK, but cannot change the
// command or AS PERMISSIVE/RESTRICTIVE, nor remove an expression.
func policyAlterable(s, t *schema.Policy) bool {
	return s.Command == t.Command && s.Permissive == t.Permissive &&
		(s.Using != "" || t.Using == "") && (s.Check != "" || t.Check == "")
}

// rules compares the rules of one table or view: src the source's, cur
// the target's; retypedColumns are the table's columns whose type the plan
// changes.
func (d *differ) rules(on ddl.On, src, cur []schema.Rule, retypedColumns []string) {
	dst := index(cur, func(r schema.Rule) string { return d.e.key("rule", r.Name) })
	seen := map[string]bool{}
	for i := range src {
		sr := &src[i]
		k := d.e.key("rule", sr.Name)
		seen[k] = true
		tr, ok := dst[k]
		switch {
		case !ok:
			d.add(pending{ch: ddl.CreateRule{On: on, Rule: *sr}, object: sr.Name, source: sr})
		case usesAny(retypedColumns, tr.Definition):
			// As for policies: no column type change under a rule.
			changed := []string{"column_type"}
			d.add(pending{ch: ddl.DropRule{On: on, Rule: *tr}, object: tr.Name, changes: changed, target: tr})
			d.add(pending{ch: ddl.CreateRule{On: on, Rule: *sr}, object: sr.Name, changes: changed, source: sr, target: tr})
		default:
			var changed []string
			if !sameRule(sr, tr) {
				changed = append(changed, "definition")
			}
			if sr.Enabled != tr.Enabled {
				changed = append(changed, "enabled")
			}
			if len(changed) > 0 {
				d.add(pending{ch: ddl.ReplaceRule{On: on, From: *tr, To: *sr}, object: sr.Name, changes: changed, source: sr, target: tr})
			}
		}
	}
	for i := range cur {
		tr := &cur[i]
		if !seen[d.e.key("rule", tr.Name)] {
			d.add(pending{ch: ddl.DropRule{On: on, Rule: *tr}, object: tr.Name, target: tr, destructive: true})
		}
	}
}

// viewRules compares the rules of a view the plan keeps (s and t) or
// creates (t nil). A view dropped and created again gets its rules back
// from viewTriggers, as its triggers.
func (d *differ) viewRules(s, t *schema.View) {
	if !d.e.syncs(ddl.ObjectRule) {
		return
	}
	var cur []schema.Rule
	if t != nil {
		cur = t.Rules
	}
	d.rules(ddl.On{Schema: d.dstName, Table: s.Name}, s.Rules, cur, nil)
}

// recreateRules creates again the rules of a view the plan drops and
// creates (DROP VIEW takes its rules), as src (the source schema compared
// with schemaName) has them, those the plan does not create already.
func recreateRules(e engine, ps []pending, schemaName, view string, src *schema.Schema) []pending {
	v := findView(e, src, view)
	if v == nil {
		return nil
	}
	var out []pending
	for i := range v.Rules {
		rule := &v.Rules[i]
		if slices.ContainsFunc(ps, func(p pending) bool { return createsRule(e, p.ch, schemaName, view, rule.Name) }) {
			continue
		}
		out = append(out, pending{ch: ddl.CreateRule{On: ddl.On{Schema: schemaName, Table: view}, Rule: *rule},
			object: rule.Name, changes: []string{"recreated with its view"}, source: rule})
	}
	return out
}

// createsRule reports whether c creates (or replaces) the named rule of a
// table or view.
func createsRule(e engine, c ddl.Change, schemaName, table, name string) bool {
	var rule schema.Rule
	switch c := c.(type) {
	case ddl.CreateRule:
		rule = c.Rule
	case ddl.ReplaceRule:
		rule = c.To
	default:
		return false
	}
	sc, tb := c.Where()
	return sc == schemaName && e.key("table", tb) == e.key("table", table) && e.key("rule", rule.Name) == e.key("rule", name)
}

// sameRule compares two rules without the schema and table names in their
// heads, which differ when schemas are mapped or the table renamed.
func sameRule(a, b *schema.Rule) bool {
	ea, xa, oka := a.Parts()
	eb, xb, okb := b.Parts()
	if !oka || !okb {
		return squash(a.Definition) == squash(b.Definition)
	}
	return ea == eb && squash(xa) == squash(xb)
}

// securityNotes names, for an engine that does not sync them, the tables
// of either side whose row-level security, policies or rules diff leaves
// alone.
func (e engine) securityNotes(s, t *schema.Schema) []string {
	if e.syncs(ddl.ObjectPolicy) && e.syncs(ddl.ObjectRule) {
		return nil
	}
	var notes []string
	for _, side := range []struct {
		name string
		sc   *schema.Schema
	}{{"source", s}, {"target", t}} {
		if side.sc == nil {
			continue
		}
		for i := range side.sc.Tables {
			tb := &side.sc.Tables[i]
			if !e.syncs(ddl.ObjectPolicy) && (tb.RowSecurity || tb.ForceRowSecurity || len(tb.Policies) > 0) {
				notes = append(notes, fmt.Sprintf("table %s.%s in the %s: row-level security and its %d policies are not synced on this engine",
					side.sc.Name, tb.Name, side.name, len(tb.Policies)))
			}
			if !e.syncs(ddl.ObjectRule) && len(tb.Rules) > 0 {
				notes = append(notes, fmt.Sprintf("table %s.%s in the %s: its %d rules are not synced on this engine",
					side.sc.Name, tb.Name, side.name, len(tb.Rules)))
			}
		}
	}
	return notes
}

// retyped lists the columns of a table (by its name in the plan) whose
// type the plan changes so far: table() compares columns before security,
// and its changes start at tableStart.
func (d *differ) retyped(table string) []string {
	var cols []string
	for _, p := range d.out[d.tableStart:] {
		if c, ok := p.ch.(ddl.AlterColumn); ok && c.Table == table && slices.Contains(p.changes, "type") {
			cols = append(cols, c.From.Name)
		}
	}
	return cols
}

// usesAny reports whether any of the texts mentions one of the columns (a
// false positive only costs a drop and create).
func usesAny(cols []string, texts ...string) bool {
	for _, col := range cols {
		for _, text := range texts {
			if text != "" && mentions(text, col) {
				return true
			}
		}
	}
	return false
}

// security drops and recreates a policy or rule that uses a routine the
// plan drops (routineUsers).
func (u *users) security(on ddl.On, ref schema.ObjectRef, tt, st *schema.Table) {
	if ref.Kind == schema.RefPolicy {
		pair(u, "policy", ref.Name, tt.Policies, st.Policies, func(x schema.Policy) string { return x.Name },
			func(x schema.Policy) ddl.Change { return ddl.DropPolicy{On: on, Policy: x} },
			func(x schema.Policy) ddl.Change { return ddl.CreatePolicy{On: on, Policy: x} })
		return
	}
	pair(u, "rule", ref.Name, tt.Rules, st.Rules, func(x schema.Rule) string { return x.Name },
		func(x schema.Rule) ddl.Change { return ddl.DropRule{On: on, Rule: x} },
		func(x schema.Rule) ddl.Change { return ddl.CreateRule{On: on, Rule: x} })
}

// viewRule drops and recreates a view's rule that uses a routine the plan
// drops (routineUsers).
func (u *users) viewRule(on ddl.On, name string, tv, sv *schema.View) {
	pair(u, "rule", name, tv.Rules, sv.Rules, func(x schema.Rule) string { return x.Name },
		func(x schema.Rule) ddl.Change { return ddl.DropRule{On: on, Rule: x} },
		func(x schema.Rule) ddl.Change { return ddl.CreateRule{On: on, Rule: x} })
}

// securityName is the table and name of the policy or rule a change is
// about, for routineUsers' planned.
func securityName(c ddl.Change) string {
	switch c := c.(type) {
	case ddl.DropPolicy:
		return c.Table + "." + c.Policy.Name
	case ddl.CreatePolicy:
		return c.Table + "." + c.Policy.Name
	case ddl.DropRule:
		return c.Table + "." + c.Rule.Name
	case ddl.CreateRule:
		return c.Table + "." + c.Rule.Name
	}
	return ""
}

// lacksRole reports whether a target server whose roles are roles (nil:
// unknown) lacks the role a grant or a policy names; PUBLIC is no role.
func lacksRole(roles []string, role string) bool {
	return role != "PUBLIC" && roles != nil && !slices.Contains(roles, role)
}

// missingPolicyRoles takes out of the plan the creation or alteration of a
// policy whose TO list names a role the target server lacks, with a note
// naming policy and role: PostgreSQL would refuse the statement and stop
// the whole apply. A drop paired with such a creation goes too, so the
// target keeps its version, unless the plan needs the drop (a column type
// change or a dropped routine under the policy): then the policy is gone
// until the role exists, and the note says so.
func missingPolicyRoles(ps []pending, roles []string) ([]pending, []string) {
	if roles == nil {
		return ps, nil
	}
	skips := map[string]*skippedPolicy{} // by policyKey
	var order []string
	for _, p := range ps {
		on, pol, alter := policyOf(p.ch)
		if pol == nil || skips[policyKey(on, pol.Name)] != nil {
			continue
		}
		var missing []string
		for _, r := range pol.Roles {
			if lacksRole(roles, r) {
				missing = append(missing, strconv.Quote(r))
			}
		}
		if len(missing) > 0 {
			k := policyKey(on, pol.Name)
			skips[k] = &skippedPolicy{on: on, name: pol.Name, missing: missing, alter: alter}
			order = append(order, k)
		}
	}
	if len(skips) == 0 {
		return ps, nil
	}
	out := ps[:0:0]
	for _, p := range ps {
		switch c := p.ch.(type) {
		case ddl.CreatePolicy, ddl.AlterPolicy:
			on, pol, _ := policyOf(c)
			if skips[policyKey(on, pol.Name)] != nil {
				continue
			}
		case ddl.DropPolicy:
			if s := skips[policyKey(c.On, c.Policy.Name)]; s != nil {
				if !slices.Contains(p.changes, "column_type") && !slices.Contains(p.changes, userChange) {
					continue
				}
				s.dropped = true // the plan cannot do without this drop
			}
		}
		out = append(out, p)
	}
	notes := make([]string, len(order))
	for i, k := range order {
		notes[i] = skips[k].note()
	}
	return out, notes
}

// skippedPolicy is a policy missingPolicyRoles takes out of the plan.
type skippedPolicy struct {
	on             ddl.On
	name           string
	missing        []string // quoted
	alter, dropped bool
}

func (s *skippedPolicy) note() string {
	what := "not created"
	switch {
	case s.dropped:
		what = "the plan drops the target's version and does not create it again"
	case s.alter:
		what = "not altered; the target's version is kept"
	case s.on.Current != nil && slices.ContainsFunc(s.on.Current.Policies, func(p schema.Policy) bool { return p.Name == s.name }):
		what = "not replaced; the target's version is kept"
	}
	return fmt.Sprintf("policy %s on %s.%s names role %s, which does not exist on the target; %s",
		s.name, s.on.Schema, s.on.Table, strings.Join(s.missing, ", "), what)
}

// policyOf is the table and the policy as the source wants it of a
// creation or alteration of a policy (nil for other changes).
func policyOf(c ddl.Change) (on ddl.On, p *schema.Policy, alter bool) {
	switch c := c.(type) {
	case ddl.CreatePolicy:
		return c.On, &c.Policy, false
	case ddl.AlterPolicy:
		return c.On, &c.To, true
	}
	return ddl.On{}, nil, false
}

func policyKey(on ddl.On, name string) string { return on.Schema + "\x00" + on.Table + "\x00" + name }
