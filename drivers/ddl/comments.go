package ddl

// KindSetComment is a comment changed on an object that is otherwise
// unchanged. An object created or recreated by the plan carries its
// comment in its own creation instead.
const KindSetComment Kind = "comment.set"

// ObjectComment is the ObjectSyncer kind of SetComment: engines whose
// renderer writes it get comments compared on the objects below; others
// keep the changes they already had (table, column and index comments).
const ObjectComment = "comment"

// Objects a SetComment is on.
const (
	CommentSchema           = "schema"
	CommentView             = "view"
	CommentMaterializedView = "materialized view"
	CommentViewColumn       = "view column"
	CommentSequence         = "sequence"
	CommentEnum             = "enum"
	CommentTrigger          = "trigger"
	CommentConstraint       = "constraint"
	// CommentDomainConstraint is a domain's check: Table is the domain.
	CommentDomainConstraint = "domain constraint"
	CommentIndex            = "index"
	CommentExtension        = "extension"
	CommentComposite        = "composite type"
	CommentRange            = "range type"
	CommentCollation        = "collation"
)

// SetComment sets the comment of an object in place; "" removes it.
// Schema is the object's schema (the schema itself for CommentSchema),
// Table the table or view a trigger, constraint, index or view column
// belongs to (the domain of a domain constraint), and Name the object's own name (empty for CommentSchema).
type SetComment struct {
	Schema  string
	On      string
	Table   string
	Name    string
	Comment string
}

func (SetComment) Kind() Kind { return KindSetComment }

// Where returns the schema and the table or view the object belongs to,
// else the object's own name, so that a comment sorts with its table.
func (c SetComment) Where() (string, string) {
	if c.Table != "" {
		return c.Schema, c.Table
	}
	if c.On == CommentSchema {
		return c.Schema, c.Schema
	}
	return c.Schema, c.Name
}

func (SetComment) change() {}
