package postgres

// Row-level security and rewrite rules: the catalog queries that read a
// table's ENABLE/FORCE ROW LEVEL SECURITY, its policies and its rules, and
// the rendering of the changes to them.

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// rowSecuritySQL reads the tables whose row-level security is enabled or
// forced (most have neither, and then no row).
var rowSecuritySQL = `SELECT c.oid, c.relrowsecurity, c.relforcerowsecurity
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE (c.relrowsecurity OR c.relforcerowsecurity) AND ` + relationFilter(`'r', 'p'`)

// policiesSQL reads row-level security policies. Role OID 0 in polroles is
// PUBLIC; the expressions are deparsed against the policy's table.
var policiesSQL = `SELECT p.polrelid, p.polname::text, p.polcmd::text, p.polpermissive,
	ARRAY(SELECT CASE WHEN r.oid = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r.oid)::text END
		FROM unnest(p.polroles) r(oid) ORDER BY 1),
	coalesce(pg_get_expr(p.polqual, p.polrelid, true), ''),
	coalesce(pg_get_expr(p.polwithcheck, p.polrelid, true), '')
FROM pg_policy p
	JOIN pg_class c ON c.oid = p.polrelid
	JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE ` + relationFilter(`'r', 'p'`) + `
ORDER BY p.polrelid, p.polname`

// rulesSQL reads the rewrite rules of tables and views: every pg_rewrite
// row but a view's _RETURN rule (its query, read with the view).
var rulesSQL = `SELECT r.ev_class, r.rulename::text, r.ev_type::text, pg_get_ruledef(r.oid, true), r.ev_enabled::text
FROM pg_rewrite r
	JOIN pg_class c ON c.oid = r.ev_class
	JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN' AND ` + relationFilter(`'r', 'p', 'v'`) + `
ORDER BY r.ev_class, r.rulename`

// securityReaders are the catalog queries of this file, read after the
// relations they attach to.
func (b *builder) securityReaders() []reader {
	return []reader{
		{"row security", rowSecuritySQL, 2, b.scanRowSecurity},
		{"policies", policiesSQL, 2, b.scanPolicy},
		{"rules", rulesSQL, 2, b.scanRule},
	}
}

func (b *builder) scanRowSecurity(rows pgx.Rows) error {
	var (
		relID         uint32
		enable, force bool
	)
	if err := rows.Scan(&relID, &enable, &force); err != nil {
		return err
	}
	if r := b.rels[relID]; r != nil && r.table != nil {
		r.table.RowSecurity, r.table.ForceRowSecurity = enable, force
	}
	return nil
}

// policyCommands spells pg_policy.polcmd.
var policyCommands = map[string]string{
	"*": schema.PolicyAll, "r": schema.PolicySelect, "a": schema.PolicyInsert,
	"w": schema.PolicyUpdate, "d": schema.PolicyDelete,
}

func (b *builder) scanPolicy(rows pgx.Rows) error {
	var (
		relID                   uint32
		name, cmd, using, check string
		permissive              bool
		roles                   []string
	)
	if err := rows.Scan(&relID, &name, &cmd, &permissive, &roles, &using, &check); err != nil {
		return err
	}
	r := b.rels[relID]
	if r == nil || r.table == nil {
		return nil
	}
	command, ok := policyCommands[cmd]
	if !ok {
		return fmt.Errorf("policy %q: unknown command %q", name, cmd)
	}
	r.table.Policies = append(r.table.Policies, schema.Policy{Name: name, Command: command,
		Permissive: permissive, Roles: roles, Using: using, Check: check})
	return nil
}

// ruleEvents spells pg_rewrite.ev_type.
var ruleEvents = map[string]string{"1": "SELECT", "2": "UPDATE", "3": "INSERT", "4": "DELETE"}

// fires spells pg_trigger.tgenabled and pg_rewrite.ev_enabled; O (fires
// on origin, the default) is empty.
var fires = map[string]string{"O": "", "D": schema.FiresDisabled, "R": schema.FiresReplica, "A": schema.FiresAlways}

func (b *builder) scanRule(rows pgx.Rows) error {
	var (
		relID                  uint32
		name, ev, def, enabled string
	)
	if err := rows.Scan(&relID, &name, &ev, &def, &enabled); err != nil {
		return err
	}
	rule := schema.Rule{Name: name, Event: ruleEvents[ev], Definition: def, Enabled: fires[enabled]}
	switch r := b.rels[relID]; {
	case r == nil:
	case r.table != nil:
		r.table.Rules = append(r.table.Rules, rule)
	case r.view != nil:
		r.view.Rules = append(r.view.Rules, rule)
	}
	return nil
}

// renderSecurity writes the changes of this file; ok is false for any
// other change.
func (r *renderer) renderSecurity(c ddl.Change) (ok bool, err error) {
	switch c := c.(type) {
	case ddl.CreatePolicy:
		return true, r.createPolicy(c.Policy)
	case ddl.AlterPolicy:
		return true, r.alterPolicy(c.From, c.To)
	case ddl.DropPolicy:
		r.add("DROP POLICY %s ON %s", quote(c.Policy.Name), r.target())
	case ddl.SetRowSecurity:
		if c.Enable != c.FromEnable {
			r.add("ALTER TABLE %s %s ROW LEVEL SECURITY", r.target(), map[bool]string{true: "ENABLE", false: "DISABLE"}[c.Enable])
		}
		if c.Force != c.FromForce {
			r.add("ALTER TABLE %s %s ROW LEVEL SECURITY", r.target(), map[bool]string{true: "FORCE", false: "NO FORCE"}[c.Force])
		}
	case ddl.CreateRule:
		if err := r.createRule("CREATE", c.Rule); err != nil {
			return true, err
		}
		return true, r.ruleFires(c.Rule, "")
	case ddl.ReplaceRule:
		// CREATE OR REPLACE keeps when the rule fires: only a changed
		// definition is written, only a changed state altered.
		if c.From.Definition != c.To.Definition {
			if err := r.createRule("CREATE OR REPLACE", c.To); err != nil {
				return true, err
			}
		}
		return true, r.ruleFires(c.To, c.From.Enabled)
	case ddl.DropRule:
		r.add("DROP RULE %s ON %s", quote(c.Rule.Name), r.target())
	default:
		return false, nil
	}
	return true, nil
}

func (r *renderer) createPolicy(p schema.Policy) error {
	cmd := strings.ToUpper(p.Command)
	if _, ok := map[string]bool{"": true, schema.PolicyAll: true, schema.PolicySelect: true,
		schema.PolicyInsert: true, schema.PolicyUpdate: true, schema.PolicyDelete: true}[cmd]; !ok {
		return fmt.Errorf("policy %q: unknown command %q", p.Name, p.Command)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE POLICY %s ON %s", quote(p.Name), r.target())
	if !p.Permissive {
		b.WriteString(" AS RESTRICTIVE")
	}
	if cmd != "" && cmd != schema.PolicyAll {
		b.WriteString(" FOR " + cmd)
	}
	b.WriteString(" TO " + policyRoles(p.Roles))
	if p.Using != "" {
		fmt.Fprintf(&b, " USING (%s)", p.Using)
	}
	if p.Check != "" {
		fmt.Fprintf(&b, " WITH CHECK (%s)", p.Check)
	}
	r.add("%s", b.String())
	return nil
}

// alterPolicy changes what ALTER POLICY can: roles, and USING or WITH CHECK
// replaced (not removed: diff drops and creates the policy for that).
func (r *renderer) alterPolicy(from, to schema.Policy) error {
	if (from.Using != "" && to.Using == "") || (from.Check != "" && to.Check == "") {
		return fmt.Errorf("policy %q: ALTER POLICY cannot remove a USING or WITH CHECK expression", to.Name)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "ALTER POLICY %s ON %s", quote(to.Name), r.target())
	n := b.Len()
	if policyRoles(from.Roles) != policyRoles(to.Roles) {
		b.WriteString(" TO " + policyRoles(to.Roles))
	}
	if to.Using != from.Using {
		fmt.Fprintf(&b, " USING (%s)", to.Using)
	}
	if to.Check != from.Check {
		fmt.Fprintf(&b, " WITH CHECK (%s)", to.Check)
	}
	if b.Len() == n {
		return nil
	}
	r.add("%s", b.String())
	return nil
}

// policyRoles is a policy's TO list: PUBLIC is the keyword, every other
// role a quoted name.
func policyRoles(roles []string) string {
	if len(roles) == 0 {
		return "PUBLIC"
	}
	q := make([]string, len(roles))
	for i, name := range roles {
		if name == "PUBLIC" {
			q[i] = name
		} else {
			q[i] = quote(name)
		}
	}
	return strings.Join(q, ", ")
}

// ruleFires sets when a rule fires, if not as it was (from).
func (r *renderer) ruleFires(rule schema.Rule, from string) error {
	if rule.Enabled == from {
		return nil
	}
	action, err := firesClause(rule.Enabled)
	if err != nil {
		return fmt.Errorf("rule %q: %w", rule.Name, err)
	}
	r.add("ALTER TABLE %s %s RULE %s", r.target(), action, quote(rule.Name))
	return nil
}

// firesClause is the ALTER TABLE action that makes a trigger or rule fire
// as Trigger.Enabled or Rule.Enabled says.
func firesClause(enabled string) (string, error) {
	switch enabled {
	case "":
		return "ENABLE", nil
	case schema.FiresDisabled:
		return "DISABLE", nil
	case schema.FiresReplica, schema.FiresAlways:
		return "ENABLE " + enabled, nil
	}
	return "", fmt.Errorf("unknown firing state %q (want %s, %s or %s)", enabled, schema.FiresDisabled, schema.FiresReplica, schema.FiresAlways)
}

// createRule writes a rule on the change's table: the source's definition
// with its head (name, event and the source's table) written again, so
// that the rule lands on the target's schema and table.
func (r *renderer) createRule(verb string, rule schema.Rule) error {
	event, action, ok := rule.Parts()
	if !ok {
		return fmt.Errorf("rule %q: cannot read its definition %q", rule.Name, rule.Definition)
	}
	r.add("%s RULE %s AS ON %s TO %s %s", verb, quote(rule.Name), event, r.target(), action)
	return nil
}
