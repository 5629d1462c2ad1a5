package server_test

import (
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server"
)

// BenchmarkCommandsLargeSchema measures the browsing and compare commands
// end to end through the LSP client on generated SQLite schemas of 2,000
// tables (20 columns, 2 indexes, a foreign key each): browsing answers
// from the cached snapshot; compare reads both databases, diffs, renders
// and writes the preview.
func BenchmarkCommandsLargeSchema(b *testing.B) {
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	const n = 2000
	big, changed := drivertest.SQLiteURL(b), drivertest.SQLiteURL(b)
	for _, url := range []string{big, changed} {
		for _, script := range drivertest.LargeSchema("sqlite", n, 500) {
			execSQL(b, url, script)
		}
	}
	execSQL(b, changed, "ALTER TABLE t00100 ADD COLUMN extra TEXT; DROP INDEX ix_t00200_status;")
	opts := map[string]any{"connections": map[string]any{"big": map[string]any{"url": big}}}
	c := start(b, setup{initOptions: opts, st: openStore(b)})
	var warm server.ObjectList
	if err := command(c, server.CmdListObjects, map[string]any{"connection": "big"}, &warm); err != nil || len(warm.Tables) != n {
		b.Fatalf("listObjects: %d tables, %v", len(warm.Tables), err)
	}
	for _, bc := range []struct {
		name, cmd string
		arg       map[string]any
	}{
		{"listObjects", server.CmdListObjects, map[string]any{"connection": "big"}},
		{"describeTable", server.CmdDescribeTable, map[string]any{"connection": "big", "table": "t01000"}},
		{"showTableDDL", server.CmdShowTableDDL, map[string]any{"connection": "big", "table": "t01000"}},
		{"compareSchemas", server.CmdCompareSchemas, map[string]any{"source": changed, "target": "big"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := command(c, bc.cmd, bc.arg, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
