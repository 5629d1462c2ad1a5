package store

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// richSnapshot uses every part of the model, with empty and nil slices,
// pointers and zero values where gob and JSON could differ.
func richSnapshot() *schema.Snapshot {
	def, empty := "'new'", ""
	snap := drivertest.LargeSnapshot(30, 6)
	sc := &snap.Schemas[0]
	sc.Comment = "the shop"
	sc.Tables = append(sc.Tables, schema.Table{Name: "orders", Comment: "orders ✓", Columns: []schema.Column{
		{Name: "id", Position: 1, Type: "integer", Identity: "always"},
		{Name: "status", Position: 2, Type: "text", Default: &def, Comment: "state"},
		{Name: "note", Position: 3, Type: "text", Nullable: true, Default: &empty},
		{Name: "total", Position: 4, Type: "numeric(12,2)", Generated: &schema.Generated{Expr: "1 + 1", Stored: true}},
	}, PrimaryKey: &schema.PrimaryKey{Name: "orders_pkey", Columns: []string{"id"}},
		Indexes: []schema.Index{{Name: "ix", Unique: true, Columns: []schema.IndexColumn{{Name: "status", Desc: true}, {Expr: "lower(note)"}}, Where: "note IS NOT NULL"}},
		Checks:  []schema.Check{{Name: "ck", Expr: "total >= 0"}}, Uniques: []schema.Unique{{Name: "uq", Columns: []string{"note"}}}})
	sc.Views = []schema.View{{Name: "v", Definition: "SELECT 1", Columns: []schema.Column{{Name: "x", Position: 1, Type: "integer"}}, Materialized: true}}
	sc.Routines = []schema.Routine{{Name: "f", Kind: "function", Params: []schema.Parameter{{Name: "a", Type: "int", Mode: "variadic", Default: "1"}}, Returns: "int"}, {Name: "p", Kind: "procedure"}}
	sc.Triggers = []schema.Trigger{{Name: "tr", Table: "orders", Timing: "AFTER", Events: []string{"INSERT"}, Definition: "x"}}
	sc.Enums = []schema.Enum{{Name: "mood", Values: []string{}}}
	return snap
}

// A snapshot read back from the store is the one stored, whatever the
// encoding: gob for new blobs, JSON for blobs from earlier versions.
func TestSnapshotEncodings(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := richSnapshot()
	wantJSON, err := schema.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.PutSnapshot(ctx, "k", want, time.Now()); err != nil {
		t.Fatal(err)
	}
	var blob []byte
	s.db.QueryRow("SELECT data FROM snapshots WHERE conn_key = 'k'").Scan(&blob)
	if !bytes.HasPrefix(blob, gzipMagic) || len(blob) >= len(wantJSON) {
		t.Errorf("stored blob: %d bytes, JSON %d", len(blob), len(wantJSON))
	}
	// A JSON blob as earlier versions wrote it.
	if _, err := s.db.Exec("INSERT INTO snapshots (conn_key, taken_at, data) VALUES ('old', ?, ?)", time.Now().UTC().Format(time.RFC3339Nano), wantJSON); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"k", "old"} {
		got, _, ok, err := s.Snapshot(ctx, key)
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", key, ok, err)
		}
		gotJSON, _ := schema.Marshal(got)
		if !schema.Equal(got, want) || !bytes.Equal(gotJSON, wantJSON) {
			t.Errorf("%s: read back differs", key)
		}
	}
	// A damaged blob is an error naming the key, not a panic.
	s.db.Exec("UPDATE snapshots SET data = ? WHERE conn_key = 'k'", append(append([]byte{}, gzipMagic...), 0, 1, 2))
	if _, _, _, err := s.Snapshot(ctx, "k"); err == nil {
		t.Error("damaged blob read")
	}
}
