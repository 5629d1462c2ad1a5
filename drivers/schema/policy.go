package schema

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Policy commands (Policy.Command).
const (
	PolicyAll    = "ALL"
	PolicySelect = "SELECT"
	PolicyInsert = "INSERT"
	PolicyUpdate = "UPDATE"
	PolicyDelete = "DELETE"
)

// Policy is a PostgreSQL row-level security policy of a table. Its name is
// unique per table: two tables may each have a policy of the same name.
type Policy struct {
	Name string `json:"name"`
	// Command is ALL, SELECT, INSERT, UPDATE or DELETE.
	Command string `json:"command"`
	// Permissive is false for AS RESTRICTIVE.
	Permissive bool `json:"permissive"`
	// Roles are the roles the policy applies to, sorted; PUBLIC when it
	// names none.
	Roles []string `json:"roles"`
	// Using and Check are the USING and WITH CHECK expressions as the
	// engine deparses them; empty when absent.
	Using string `json:"using,omitempty"`
	Check string `json:"check,omitempty"`
}

// Rule is a PostgreSQL rewrite rule of a table (CREATE RULE), other than a
// view's _RETURN rule. Its name is unique per table.
type Rule struct {
	Name string `json:"name"`
	// Event is SELECT, INSERT, UPDATE or DELETE.
	Event string `json:"event"`
	// Definition is the whole CREATE RULE statement as the engine deparses
	// it (pg_get_ruledef), naming the table as the source has it.
	Definition string `json:"definition"`
	// Enabled: see Trigger.Enabled (a view's rules are always enabled).
	Enabled string `json:"enabled,omitempty"`
}

// normalizeSecurity sorts policies and rules by name and each policy's
// roles, with PUBLIC standing for no role named.
func (t *Table) normalizeSecurity() {
	t.Policies = nilIfEmpty(t.Policies)
	t.Rules = nilIfEmpty(t.Rules)
	for i := range t.Policies {
		p := &t.Policies[i]
		p.Command = strings.ToUpper(p.Command)
		if p.Command == "" {
			p.Command = PolicyAll
		}
		if len(p.Roles) == 0 {
			p.Roles = []string{"PUBLIC"}
		}
		slices.Sort(p.Roles)
		p.Roles = slices.Compact(p.Roles)
	}
	slices.SortFunc(t.Policies, func(a, b Policy) int { return cmp.Compare(a.Name, b.Name) })
	slices.SortFunc(t.Rules, func(a, b Rule) int { return cmp.Compare(a.Name, b.Name) })
}

// ruleHead matches the head of a PostgreSQL rule definition up to its
// table's name: CREATE RULE name AS ON event TO [schema.]table. Names are
// as the engine prints them: plain or double-quoted.
var ruleHead = regexp.MustCompile(`(?is)^\s*CREATE\s+(?:OR\s+REPLACE\s+)?RULE\s+(?:"(?:[^"]|"")*"|[^\s"]+)\s+AS\s+ON\s+([a-z]+)\s+TO\s+(?:ONLY\s+)?` +
	`(?:"(?:[^"]|"")*"|[^\s."]+)(?:\.(?:"(?:[^"]|"")*"|[^\s."]+))?\s+`)

// Parts splits a rule's Definition into its event and what follows its
// table's name (WHERE …, DO [ALSO|INSTEAD] …), without the final semicolon:
// the rule without the names of its schema and table.
func (r Rule) Parts() (event, action string, ok bool) {
	m := ruleHead.FindStringSubmatchIndex(r.Definition)
	if m == nil {
		return "", "", false
	}
	action = strings.TrimSpace(r.Definition[m[1]:])
	action = strings.TrimSpace(strings.TrimSuffix(action, ";"))
	return strings.ToUpper(r.Definition[m[2]:m[3]]), action, action != ""
}

// Kinds of ObjectRef for a policy or rule that uses a routine
// (Routine.UsedBy): Table names the table, Name the policy or rule.
const (
	RefPolicy = "policy"
	RefRule   = "rule"
)
