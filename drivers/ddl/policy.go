package ddl

import "github.com/dbls/dbls/drivers/schema"

// Kinds of change to PostgreSQL row-level security and rewrite rules. Each
// is about one table (they embed On); policies and rules are named per
// table.
const (
	KindCreatePolicy   Kind = "policy.create"
	KindAlterPolicy    Kind = "policy.alter"
	KindDropPolicy     Kind = "policy.drop"
	KindSetRowSecurity Kind = "table.row_security"
	KindCreateRule     Kind = "rule.create"
	KindReplaceRule    Kind = "rule.replace"
	KindDropRule       Kind = "rule.drop"
)

// CreatePolicy creates a row-level security policy on a table.
type CreatePolicy struct {
	On
	Policy schema.Policy
}

// AlterPolicy changes a policy's roles, USING or WITH CHECK expression in
// place (ALTER POLICY). A change of command or of permissive/restrictive
// is a DropPolicy and a CreatePolicy instead.
type AlterPolicy struct {
	On
	From, To schema.Policy
}

// DropPolicy drops a policy, as the target has it.
type DropPolicy struct {
	On
	Policy schema.Policy
}

// SetRowSecurity sets a table's ENABLE/DISABLE and FORCE/NO FORCE ROW
// LEVEL SECURITY to Enable and Force where they differ from the target's
// (From*).
type SetRowSecurity struct {
	On
	Enable, Force         bool
	FromEnable, FromForce bool
}

// CreateRule creates a rewrite rule on a table.
type CreateRule struct {
	On
	Rule schema.Rule
}

// ReplaceRule changes a rule's definition (CREATE OR REPLACE RULE).
type ReplaceRule struct {
	On
	From, To schema.Rule
}

// DropRule drops a rule, as the target has it.
type DropRule struct {
	On
	Rule schema.Rule
}

func (CreatePolicy) Kind() Kind   { return KindCreatePolicy }
func (AlterPolicy) Kind() Kind    { return KindAlterPolicy }
func (DropPolicy) Kind() Kind     { return KindDropPolicy }
func (SetRowSecurity) Kind() Kind { return KindSetRowSecurity }
func (CreateRule) Kind() Kind     { return KindCreateRule }
func (ReplaceRule) Kind() Kind    { return KindReplaceRule }
func (DropRule) Kind() Kind       { return KindDropRule }

func (CreatePolicy) change()   {}
func (AlterPolicy) change()    {}
func (DropPolicy) change()     {}
func (SetRowSecurity) change() {}
func (CreateRule) change()     {}
func (ReplaceRule) change()    {}
func (DropRule) change()       {}

// ObjectSyncer kinds of this file: a renderer that syncs them says so;
// diff lists a table's policies and rules as notes for any other engine.
const (
	ObjectPolicy = "policy" // row-level security and its policies
	ObjectRule   = "rule"
)
