package crossengine

import (
	"fmt"
	"strings"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// Script renders a converted snapshot as the DDL that creates it, in
// dependency order, through the target driver's renderer: what a scratch
// database of the target's engine loads, so that the source is read back
// in that engine's own canonical spelling before it is compared.
func Script(conv *schema.Snapshot, r ddl.Renderer) (string, error) {
	empty := &schema.Snapshot{Driver: conv.Driver, DefaultSchema: conv.DefaultSchema,
		Schemas: []schema.Schema{{Name: conv.DefaultSchema}}}
	plan, err := diff.Compare(conv, empty, diff.Options{Renderer: r, AllowDestructive: true})
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, it := range plan.Items {
		if it.Error != "" {
			return "", fmt.Errorf("%s: %s", it.ID, it.Error)
		}
		for _, s := range it.SQL {
			b.WriteString(s)
			b.WriteString(";\n")
		}
	}
	return b.String(), nil
}
