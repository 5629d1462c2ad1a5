package diff

import (
	"slices"

	"github.com/dbls/dbls/drivers/ddl"
)

// applyOptions carries the plan-wide options into the changes that use
// them: Online into index and constraint changes, Backfill into a column
// made NOT NULL that has a default to fill its NULLs from.
func applyOptions(ps []pending, opts Options) {
	for i := range ps {
		p := &ps[i]
		switch c := p.ch.(type) {
		case ddl.CreateIndex:
			c.Online = opts.Online
			p.ch = c
		case ddl.DropIndex:
			c.Online = opts.Online
			p.ch = c
		case ddl.AddForeignKey:
			c.Online = opts.Online
			p.ch = c
		case ddl.AddCheck:
			c.Online = opts.Online
			p.ch = c
		case ddl.AlterColumn:
			c.Backfill = opts.Backfill && c.From.Nullable && !c.To.Nullable && c.To.Default != nil
			p.ch = c
		}
	}
}

// hazards labels a change: data loss from what diff knows (a destructive
// drop of a table or column, a narrowing type, a losing rebuild), the rest
// from the engine's ddl.Hazarder.
func (e engine) hazards(c ddl.Change, destructive bool) []string {
	var out []string
	switch c.(type) {
	case ddl.DropTable, ddl.DropColumn, ddl.AlterColumn, ddl.RebuildTable:
		if destructive {
			out = append(out, ddl.HazardDeletesData)
		}
	}
	if h, ok := e.r.(ddl.Hazarder); ok {
		out = append(out, h.Hazards(c)...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
