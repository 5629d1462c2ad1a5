package compare

import (
	"context"
	"fmt"
	"os"

	"github.com/dbls/dbls/diff/crossengine"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// crossSource puts a source of another engine into the target's terms:
// translated by the documented mapping (package crossengine), written as
// the target engine's DDL and loaded like a schema file (into in-memory
// SQLite, or a temporary database on the dev server), so that it reads in
// the target engine's own canonical spelling. The notes list what the
// mapping left out.
func crossSource(ctx context.Context, r *connect.Resolver, req Request, src *schema.Snapshot, targetDriver string, rd ddl.Renderer) (*schema.Snapshot, []string, error) {
	conv, notes, err := crossengine.Convert(src, targetDriver)
	if err != nil {
		return nil, nil, err
	}
	script, err := crossengine.Script(conv, rd)
	if err != nil {
		return nil, nil, fmt.Errorf("translate the %s source into %s: %w", src.Driver, targetDriver, err)
	}
	f, err := os.CreateTemp("", "dbls-crossengine-*.sql")
	if err != nil {
		return nil, nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(script); err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := f.Close(); err != nil {
		return nil, nil, err
	}
	dev := req.Dev
	if dev == "" {
		dev = r.DevFor(ctx, req.Target)
	}
	snap, err := r.SnapshotFile(ctx, f.Name(), targetDriver, dev)
	if err != nil {
		return nil, nil, fmt.Errorf("the %s source translated into %s: %w", src.Driver, targetDriver, err)
	}
	for i := range notes {
		notes[i] = "cross-engine: " + notes[i]
	}
	return snap, notes, nil
}
