package plugin_test

import (
	"context"
	"io"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/plugin"
)

// BenchmarkGuardedCall is the isolation's price per call: a goroutine, a
// timer and panic recovery around a command that does nothing.
func BenchmarkGuardedCall(b *testing.B) {
	h := plugin.NewHost(plugin.Options{})
	h.Add(newTest("bench.noop"))
	ctx := context.Background()
	for b.Loop() {
		if _, _, err := h.RunCommand(ctx, "dbls.test.run", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportRowsJSON streams rows through the built-in JSON exporter
// behind the host's per-row panic guard.
func BenchmarkExportRowsJSON(b *testing.B) {
	rw, err := plugin.NewHost(plugin.Options{}).Export(context.Background(), "json", io.Discard,
		plugin.Header{Columns: []drivers.ResultColumn{{Name: "id"}, {Name: "name"}}})
	if err != nil {
		b.Fatal(err)
	}
	row := []any{int64(42), "a name"}
	b.ReportAllocs()
	for b.Loop() {
		if err := rw.WriteRow(row); err != nil {
			b.Fatal(err)
		}
	}
}
