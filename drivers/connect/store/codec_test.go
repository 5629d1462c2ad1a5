package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"runtime/debug"
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
// encoding: binary for new blobs, gob and JSON for blobs from earlier
// versions.
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
	if !bytes.HasPrefix(blob, binaryMagic) || len(blob) >= len(wantJSON) {
		t.Errorf("stored blob: %d bytes, JSON %d", len(blob), len(wantJSON))
	}
	// Blobs as earlier versions wrote them.
	wantGob, err := encodeGob(want)
	if err != nil {
		t.Fatal(err)
	}
	for key, blob := range map[string][]byte{"json": wantJSON, "gob": wantGob} {
		if _, err := s.db.Exec("INSERT INTO snapshots (conn_key, taken_at, data) VALUES (?, ?, ?)", key, time.Now().UTC().Format(time.RFC3339Nano), blob); err != nil {
			t.Fatal(err)
		}
	}
	for _, key := range []string{"k", "json", "gob"} {
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
	for _, magic := range [][]byte{gzipMagic, binaryMagic} {
		s.db.Exec("UPDATE snapshots SET data = ? WHERE conn_key = 'k'", append(append([]byte{}, magic...), 0, 1, 2))
		if _, _, _, err := s.Snapshot(ctx, "k"); err == nil {
			t.Errorf("damaged blob %x read", magic)
		}
	}
}

// encodeGob writes a snapshot as dbls wrote it before the binary form.
func encodeGob(snap *schema.Snapshot) ([]byte, error) {
	c := snap.Clone()
	c.Normalize()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := gob.NewEncoder(zw).Encode(gobSnapshot{Snapshot: c, Zero: zeroPointers(c, nil)}); err != nil {
		return nil, err
	}
	err = zw.Close()
	return buf.Bytes(), err
}

// fill sets every field reachable from v to a distinct non-zero value, so
// that a field added to the model and forgotten by the binary form fails
// TestBinaryEveryField.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprint("s", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(-*n))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(v.Index(0), n)
		fill(v.Index(1), n)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String())
	}
}

// The binary form keeps every field, and nil apart from empty and zero
// pointers apart from nil: what is decoded is deeply equal to what was
// encoded, without a Normalize.
func TestBinaryEveryField(t *testing.T) {
	var full schema.Snapshot
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	empty := ""
	zeros := richSnapshot()
	zeros.Schemas[0].Tables[0].PrimaryKey = &schema.PrimaryKey{}
	zeros.Schemas[0].Tables[0].Columns[0].Default = &empty
	zeros.Schemas[0].Tables[0].Columns[0].Generated = &schema.Generated{}
	zeros.Schemas[0].Tables[0].Options = map[string]string{}
	zeros.Schemas[0].Tables[0].Indexes = []schema.Index{}
	for name, snap := range map[string]*schema.Snapshot{"full": &full, "zeros": zeros, "empty": {}} {
		blob := encodeBinary(snap)
		got, err := decodeBinary(blob)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, snap) {
			t.Errorf("%s: decoded snapshot differs from the encoded one", name)
		}
		if again := encodeBinary(got); !bytes.Equal(again, blob) {
			t.Errorf("%s: encoding is not deterministic", name)
		}
	}
}

// Blobs of binary version 1 (testdata/snapshot-v1-*.bin, written by the
// version-1 encoder from richSnapshot and a snapshot with every field set)
// still decode, whole: written again as the current version, they decode
// to the same snapshot, and the columns keep every field.
func TestBinaryReadsVersion1(t *testing.T) {
	for _, name := range []string{"full", "rich"} {
		blob, err := os.ReadFile("testdata/snapshot-v1-" + name + ".bin")
		if err != nil {
			t.Fatal(err)
		}
		snap, err := decodeBinary(blob)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, err := decodeBinary(encodeBinary(snap))
		if err != nil || !reflect.DeepEqual(again, snap) {
			t.Errorf("%s: version 1 read, written and read again differs (%v)", name, err)
		}
		if name != "full" {
			continue
		}
		c := snap.Schemas[0].Tables[0].Columns[0]
		if c.Name == "" || c.Type == "" || c.Default == nil || *c.Default == "" || c.Generated == nil || !c.Generated.Stored ||
			c.Identity == "" || c.Collation == "" || c.Charset == "" || c.OnUpdate == "" || c.Comment == "" || !c.Nullable || !c.AutoIncrement {
			t.Errorf("full: a version-1 column lost a field: %+v", c)
		}
	}
}

// Every truncation and every single-byte change of a valid blob is either
// decoded or refused with an error; FuzzDecodeBinary explores further.
func TestBinaryDamaged(t *testing.T) {
	blob := encodeBinary(richSnapshot())
	for i := range blob {
		if _, err := decodeBinary(blob[:i]); err == nil {
			t.Fatalf("blob cut at %d of %d decoded", i, len(blob))
		}
		for _, b := range []byte{0, 0xff, blob[i] + 1} {
			bad := bytes.Clone(blob)
			bad[i] = b
			decodeBinary(bad) //nolint:errcheck // must not panic
		}
	}
	huge := append(bytes.Clone(binaryMagic), 1, 0xff, 0xff, 0xff, 0xff, 0x0f)
	if _, err := decodeBinary(huge); err == nil {
		t.Error("a string table longer than the blob decoded")
	}
}

func FuzzDecodeBinary(f *testing.F) {
	f.Add(encodeBinary(richSnapshot()))
	f.Add(encodeBinary(&schema.Snapshot{}))
	f.Add(append(bytes.Clone(binaryMagic), 1, 0x80, 0x80, 0x80, 0x80, 0x01))
	f.Fuzz(func(t *testing.T, data []byte) {
		snap, err := decodeSnapshot(append(bytes.Clone(binaryMagic), data...))
		if err == nil && snap == nil {
			t.Fatal("no snapshot and no error")
		}
	})
}

// benchSizes are the catalog sizes the codec benchmarks run at; 100,000
// tables only with DBLS_BENCH_LARGE=1 (a few GB of memory over the run).
func benchSizes() []int {
	if os.Getenv("DBLS_BENCH_LARGE") == "1" {
		return []int{10000, 100000}
	}
	return []int{10000}
}

// BenchmarkDecode decodes a cached snapshot of 20-column tables, as a
// warm start does, in the binary form and in the gob form it replaces.
func BenchmarkDecode(b *testing.B) {
	for _, n := range benchSizes() {
		snap := drivertest.LargeSnapshot(n, 20)
		gobBlob, err := encodeGob(snap)
		if err != nil {
			b.Fatal(err)
		}
		binBlob, _ := encodeSnapshot(snap)
		for _, c := range []struct {
			name string
			blob []byte
		}{{"binary", binBlob}, {"gob", gobBlob}} {
			b.Run(fmt.Sprintf("%s/%d", c.name, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := decodeSnapshot(c.blob); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(c.blob)), "blob-bytes")
			})
		}
	}
}

// BenchmarkEncode encodes a snapshot for the cache, as after every read
// of the catalog.
func BenchmarkEncode(b *testing.B) {
	for _, n := range benchSizes() {
		snap := drivertest.LargeSnapshot(n, 20)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := encodeSnapshot(snap); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Decoded lists share chunks (slab.take); each is capped at its length, so
// appending to one table's columns or a key's column list leaves the next
// table's as they were.
func TestBinaryListsDoNotAlias(t *testing.T) {
	snap := drivertest.LargeSnapshot(3, 4)
	got, err := decodeBinary(encodeBinary(snap))
	if err != nil {
		t.Fatal(err)
	}
	tables := got.Schemas[0].Tables
	_ = append(tables[0].Columns, schema.Column{Name: "extra"})
	_ = append(tables[0].PrimaryKey.Columns, "extra")
	_ = append(tables[0].Indexes[0].Columns, schema.IndexColumn{Name: "extra"})
	if !reflect.DeepEqual(got, snap) {
		t.Error("appending to a decoded list changed another one")
	}
}

// Decoding turns the collector off and back on, also when decodes overlap.
func TestDecodePausesGC(t *testing.T) {
	blob := encodeBinary(drivertest.LargeSnapshot(10, 4))
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	resume := PauseGC()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GC percent %d while paused, want -1", p)
	}
	if _, err := decodeBinary(blob); err != nil {
		t.Fatal(err)
	}
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Errorf("GC percent %d after a decode inside a pause, want -1 until the pause ends", p)
	}
	resume()
	if p := debug.SetGCPercent(77); p != 77 {
		t.Errorf("GC percent %d after the pause, want 77", p)
	}
}

// A blob large enough to take its columns from prefault decodes to what
// was encoded, and the prefaulting goroutine ends with the decode.
func TestBinaryPrefaulted(t *testing.T) {
	snap := drivertest.LargeSnapshot(8000, 20)
	blob := encodeBinary(snap)
	if len(blob) < 2*prefaultFrom {
		t.Fatalf("blob of %d bytes: too small to prefault", len(blob))
	}
	before := runtime.NumGoroutine()
	got, err := decodeBinary(blob)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, snap) {
		t.Error("decoded snapshot differs from the encoded one")
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("%d goroutines after decoding, %d before", runtime.NumGoroutine(), before)
}
