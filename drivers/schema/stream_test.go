package schema

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
)

// Encode writes exactly Marshal's bytes and a newline, whatever the
// snapshot holds: every field, schemas with and without tables, comments
// and the fields after the tables.
func TestEncodeIsMarshal(t *testing.T) {
	var full Snapshot
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	tables := func(k int) []Table {
		var ts []Table
		for i := range k {
			ts = append(ts, Table{Name: fmt.Sprint("t", i), Comment: "a\nb \"q\"", Columns: []Column{{Name: "id", Position: 1, Type: "int"}}})
		}
		return ts
	}
	cases := map[string]*Snapshot{
		"empty":      {},
		"messy":      messy(),
		"full":       &full,
		"tablesOnly": {Driver: "x", Schemas: []Schema{{Name: "a", Tables: tables(3)}}},
		"comment":    {Schemas: []Schema{{Name: "a", Comment: "c", Tables: tables(2)}, {Name: "b", Comment: "only"}}},
		"after": {Schemas: []Schema{{Name: "a\nb", Comment: "c,", Tables: tables(1),
			Views: []View{{Name: "v", Definition: "SELECT 1"}}, Enums: []Enum{{Name: "e", Values: []string{"x"}}}}}},
	}
	for name, snap := range cases {
		want, err := Marshal(snap)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := Encode(&got, snap); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), append(want, '\n')) {
			t.Errorf("%s: Encode differs from Marshal:\n%s\n---\n%s", name, got.Bytes(), want)
		}
	}
}
