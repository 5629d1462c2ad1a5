package crossengine

import "github.com/dbls/dbls/drivers/schema"

// typeNotes names the PostgreSQL extensions, composite and range types and
// collations of sc: other engines have no counterpart, so they are left
// out with a note, never guessed (columns of those types get the notes of
// their type mapping).
func (c *converter) typeNotes(sc schema.Schema) {
	if c.to == "postgres" {
		return
	}
	for _, x := range sc.Extensions {
		c.note("extension %s (in %s): PostgreSQL only, not translated", x.Name, sc.Name)
	}
	for _, x := range sc.Composites {
		c.note("composite type %s.%s: PostgreSQL only, not translated", sc.Name, x.Name)
	}
	for _, x := range sc.Ranges {
		c.note("range type %s.%s: PostgreSQL only, not translated", sc.Name, x.Name)
	}
	for _, x := range sc.Collations {
		c.note("collation %s.%s: PostgreSQL only, not translated", sc.Name, x.Name)
	}
}
