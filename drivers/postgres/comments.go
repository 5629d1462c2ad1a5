package postgres

// Comments on the objects that are not tables, columns, indexes, views,
// domains or routines (whose own renderers write theirs): schemas,
// sequences, enum types, triggers and constraints, plus a view's or view
// column's comment changed alone. A comment-only change is one COMMENT ON
// statement (ddl.SetComment), never a drop and create; an object the plan
// creates gets its comment right after its creation.

import (
	"fmt"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// setComment writes a ddl.SetComment; an empty comment removes it (IS NULL).
func (r *renderer) setComment(c ddl.SetComment) error {
	lit := commentLiteral(c.Comment)
	switch c.On {
	case ddl.CommentSchema:
		r.add("COMMENT ON SCHEMA %s IS %s", quote(c.Schema), lit)
	case ddl.CommentView:
		r.add("COMMENT ON VIEW %s IS %s", qualified(c.Schema, c.Name), lit)
	case ddl.CommentMaterializedView:
		r.add("COMMENT ON MATERIALIZED VIEW %s IS %s", qualified(c.Schema, c.Name), lit)
	case ddl.CommentViewColumn:
		r.add("COMMENT ON COLUMN %s.%s IS %s", qualified(c.Schema, c.Table), quote(c.Name), lit)
	case ddl.CommentSequence:
		r.add("COMMENT ON SEQUENCE %s IS %s", qualified(c.Schema, c.Name), lit)
	case ddl.CommentEnum, ddl.CommentComposite, ddl.CommentRange:
		r.add("COMMENT ON TYPE %s IS %s", qualified(c.Schema, c.Name), lit)
	case ddl.CommentExtension: // named per database, not per schema
		r.add("COMMENT ON EXTENSION %s IS %s", quote(c.Name), lit)
	case ddl.CommentCollation:
		r.add("COMMENT ON COLLATION %s IS %s", qualified(c.Schema, c.Name), lit)
	case ddl.CommentIndex:
		r.add("COMMENT ON INDEX %s IS %s", qualified(c.Schema, c.Name), lit)
	case ddl.CommentTrigger:
		r.add("COMMENT ON TRIGGER %s ON %s IS %s", quote(c.Name), qualified(c.Schema, c.Table), lit)
	case ddl.CommentConstraint:
		if c.Name == "" {
			return fmt.Errorf("cannot comment on an unnamed constraint of %s", displayName(c.Schema, c.Table))
		}
		r.add("COMMENT ON CONSTRAINT %s ON %s IS %s", quote(c.Name), qualified(c.Schema, c.Table), lit)
	case ddl.CommentDomainConstraint:
		r.add("COMMENT ON CONSTRAINT %s ON DOMAIN %s IS %s", quote(c.Name), qualified(c.Schema, c.Table), lit)
	default:
		return fmt.Errorf("comment on unknown object kind %q", c.On)
	}
	return nil
}

// creationComments adds, after the statements that create an object, the
// comment the object carries: CREATE statements have no COMMENT clause.
func (r *renderer) creationComments(c ddl.Change) {
	switch c := c.(type) {
	case ddl.CreateTable:
		t := c.Table
		if pk := t.PrimaryKey; pk != nil {
			name := pk.Name
			if name == "" {
				name = defaultPrimaryKeyName(t.Name)
			}
			r.constraintComment(t.Name, name, pk.Comment)
		}
		for _, u := range t.Uniques {
			r.constraintComment(t.Name, u.Name, u.Comment)
		}
		for _, ck := range t.Checks {
			r.constraintComment(t.Name, ck.Name, ck.Comment)
		}
	case ddl.AddPrimaryKey:
		name := c.PrimaryKey.Name
		if name == "" {
			name = defaultPrimaryKeyName(c.Table)
		}
		r.constraintComment(c.Table, name, c.PrimaryKey.Comment)
	case ddl.AddUnique:
		r.constraintComment(c.Table, c.Unique.Name, c.Unique.Comment)
	case ddl.AddCheck:
		r.constraintComment(c.Table, c.Check.Name, c.Check.Comment)
	case ddl.AddForeignKey:
		r.constraintComment(c.Table, c.ForeignKey.Name, c.ForeignKey.Comment)
	case ddl.AddExclusion:
		r.constraintComment(c.Table, c.Exclusion.Name, c.Exclusion.Comment)
	case ddl.CreateTrigger:
		table := c.Trigger.Table
		if table == "" {
			table = c.Table
		}
		if c.Trigger.Comment != "" {
			_ = r.setComment(ddl.SetComment{Schema: c.Schema, On: ddl.CommentTrigger, Table: table, Name: c.Trigger.Name, Comment: c.Trigger.Comment})
		}
	case ddl.CreateSequence:
		r.objectComment(c.Schema, ddl.CommentSequence, c.Sequence.Name, c.Sequence.Comment)
	case ddl.CreateEnum:
		r.objectComment(c.Schema, ddl.CommentEnum, c.Enum.Name, c.Enum.Comment)
	case ddl.CreateExtension:
		r.objectComment(c.Schema, ddl.CommentExtension, c.Extension.Name, c.Extension.Comment)
	case ddl.CreateComposite:
		r.objectComment(c.Schema, ddl.CommentComposite, c.Composite.Name, c.Composite.Comment)
	case ddl.CreateRange:
		r.objectComment(c.Schema, ddl.CommentRange, c.Range.Name, c.Range.Comment)
	case ddl.CreateCollation:
		r.objectComment(c.Schema, ddl.CommentCollation, c.Collation.Name, c.Collation.Comment)
	case ddl.CreateDomain:
		r.domainCheckComments(c.Schema, c.Domain, nil)
	case ddl.AlterDomain:
		r.domainCheckComments(c.Schema, c.To, c.From.Checks)
	}
}

// domainCheckComments comments on the checks of a domain that the change
// adds (those not in kept), where they have a comment.
func (r *renderer) domainCheckComments(sc string, d schema.Domain, kept []schema.Check) {
	for _, ck := range d.Checks {
		if ck.Comment != "" && ck.Name != "" && !hasDomainCheck(kept, ck) {
			_ = r.setComment(ddl.SetComment{Schema: sc, On: ddl.CommentDomainConstraint, Table: d.Name, Name: ck.Name, Comment: ck.Comment})
		}
	}
}

// constraintComment comments on a constraint just added, when it has a
// comment and a name to address it by (PostgreSQL names every constraint,
// but a snapshot of another engine may not).
func (r *renderer) constraintComment(table, name, comment string) {
	if comment == "" || name == "" {
		return
	}
	_ = r.setComment(ddl.SetComment{Schema: r.schema, On: ddl.CommentConstraint, Table: table, Name: name, Comment: comment})
}

func (r *renderer) objectComment(sc, on, name, comment string) {
	if comment != "" {
		_ = r.setComment(ddl.SetComment{Schema: sc, On: on, Name: name, Comment: comment})
	}
}
