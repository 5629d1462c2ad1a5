package ddl

import "github.com/dbls/dbls/drivers/schema"

// Kinds of change to privileges.
const (
	KindGrant  Kind = "grant.add"
	KindRevoke Kind = "grant.revoke"
)

// ObjectGrant is the ObjectSyncer kind of GrantPrivilege and
// RevokePrivilege: engines whose renderer writes them get privileges
// compared.
const ObjectGrant = "grant"

// GrantPrivilege grants Grant (WITH GRANT OPTION when Grant.Grantable)
// on an object of Schema.
type GrantPrivilege struct {
	Schema string
	Grant  schema.Grant
}

// RevokePrivilege revokes Grant, as the target has it, on an object of
// Schema; with GrantOptionOnly, only the right to grant it on. With
// Cascade, what Grant.Grantee granted others with that right goes too
// (PostgreSQL refuses the revoke otherwise when there is some).
type RevokePrivilege struct {
	Schema          string
	Grant           schema.Grant
	GrantOptionOnly bool
	Cascade         bool
}

func (GrantPrivilege) Kind() Kind  { return KindGrant }
func (RevokePrivilege) Kind() Kind { return KindRevoke }

// Where returns the schema and the object the privilege is on (a
// routine with its argument types; the schema itself for a schema).
func (c GrantPrivilege) Where() (string, string)  { return c.Schema, GrantObject(c.Schema, c.Grant) }
func (c RevokePrivilege) Where() (string, string) { return c.Schema, GrantObject(c.Schema, c.Grant) }

func (GrantPrivilege) change()  {}
func (RevokePrivilege) change() {}

// GrantObject names the object of a grant in schema sc: a routine as
// name(types), a schema by its name.
func GrantObject(sc string, g schema.Grant) string {
	switch g.On {
	case schema.GrantSchema:
		return sc
	case schema.GrantFunction, schema.GrantProcedure:
		return g.Object + "(" + g.Args + ")"
	}
	return g.Object
}

// Kinds of change to default privileges.
const (
	KindGrantDefault  Kind = "default_privilege.grant"
	KindRevokeDefault Kind = "default_privilege.revoke"
)

// GrantDefault gives Default.Grantee Default.Privilege (WITH GRANT OPTION
// when Default.Grantable) on the objects of kind Default.On that
// Default.Role creates later in Schema, or anywhere in the database when
// Schema is "" (ALTER DEFAULT PRIVILEGES … GRANT). Default.Revoked is not
// read: granting a built-in default back is a GrantDefault.
type GrantDefault struct {
	Schema  string
	Default schema.DefaultPrivilege
}

// RevokeDefault takes Default away, as GrantDefault gives it; with
// GrantOptionOnly, only the right to grant it on.
type RevokeDefault struct {
	Schema          string
	Default         schema.DefaultPrivilege
	GrantOptionOnly bool
}

func (GrantDefault) Kind() Kind  { return KindGrantDefault }
func (RevokeDefault) Kind() Kind { return KindRevokeDefault }

// Where is the schema; the entry is the item's object.
func (c GrantDefault) Where() (string, string)  { return c.Schema, "" }
func (c RevokeDefault) Where() (string, string) { return c.Schema, "" }

func (GrantDefault) change()  {}
func (RevokeDefault) change() {}
