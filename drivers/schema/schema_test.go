package schema

import (
	"reflect"
	"strings"
	"testing"
)

func ptr(s string) *string { return &s }

// messy is a snapshot as a careless driver might build it: unsorted, mixed
// spellings, empty-but-non-nil lists.
func messy() *Snapshot {
	return &Snapshot{
		Driver: "test",
		Schemas: []Schema{
			{Name: "zeta", Tables: []Table{}},
			{Name: "alpha", Tables: []Table{
				{Name: "orders", Columns: []Column{
					{Name: "total", Position: 2, Type: "numeric", Nullable: true},
					{Name: "id", Position: 1, Type: "integer", Default: ptr("nextval('s')")},
				},
					Indexes: []Index{{Name: "ix_b", Method: "BTREE", Columns: []IndexColumn{{Name: "total"}}}, {Name: "ix_a", Include: []string{}}},
					ForeignKeys: []ForeignKey{{Name: "fk", Columns: []string{"id"}, RefTable: "customers",
						RefColumns: []string{"id"}, OnDelete: "cascade", OnUpdate: "", Match: "simple"}},
					Options: map[string]string{},
				},
				{Name: "customers"},
			}},
		},
	}
}

func TestNormalize(t *testing.T) {
	s := messy()
	s.Normalize()
	if s.Schemas[0].Name != "alpha" || s.Schemas[1].Tables != nil {
		t.Fatalf("schemas not sorted / empty lists not nil: %+v", s.Schemas)
	}
	orders := s.Schemas[0].Table("orders")
	if s.Schemas[0].Tables[0].Name != "customers" || orders.Kind != TableOrdinary {
		t.Fatalf("tables: %+v", s.Schemas[0].Tables)
	}
	if orders.Columns[0].Name != "id" || orders.Indexes[0].Name != "ix_a" || orders.Indexes[1].Method != "btree" {
		t.Fatalf("order/case: %+v %+v", orders.Columns, orders.Indexes)
	}
	fk := orders.ForeignKeys[0]
	if fk.OnDelete != "CASCADE" || fk.OnUpdate != ActionNoAction || fk.Match != "" || fk.RefSchema != "alpha" {
		t.Fatalf("fk: %+v", fk)
	}
	if orders.Options != nil || orders.Indexes[0].Include != nil {
		t.Fatal("empty map/list not nil")
	}
	if s.Schemas[0].Table("customers").Columns == nil {
		t.Fatal("required list is nil")
	}
	again := s.Clone()
	again.Normalize()
	if !reflect.DeepEqual(s, again) {
		t.Fatal("Normalize is not idempotent")
	}
}

func TestJSONRoundTripAndEqual(t *testing.T) {
	data, err := Marshal(messy())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), "{\n  \"format\": \""+FormatVersion+"\"") {
		t.Fatalf("format tag not first: %.80s", data)
	}
	back, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if !Equal(back, messy()) {
		t.Fatal("round trip changed the structure")
	}
	again, _ := Marshal(back)
	if string(again) != string(data) {
		t.Fatal("marshal is not deterministic")
	}
	other := messy()
	other.Schemas[1].Tables[0].Columns[0].Type = "bigint"
	if Equal(other, messy()) {
		t.Fatal("Equal ignores a type change")
	}
	if *back.Schemas[0].Table("orders").Columns[0].Default != "nextval('s')" {
		t.Fatal("default lost")
	}
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"driver": "x"}`, "not a dbls snapshot"},
		{`{"format": "dbls.snapshot/v2", "schemas": []}`, "unsupported format"},
		{`[1, 2]`, "invalid JSON"},
		{`{"format": "dbls.snapshot/v1", "schemas": [`, "invalid JSON"},
	}
	for _, tc := range cases {
		if _, err := Unmarshal([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Unmarshal(%s) = %v, want %q", tc.in, err, tc.want)
		}
	}
	s, err := Unmarshal([]byte(`{"format": "dbls.snapshot/v1.3", "driver": "x", "schemas": [], "future_field": 1}`))
	if err != nil || s.Driver != "x" {
		t.Fatalf("minor version / unknown field: %v", err)
	}
}

func TestSignature(t *testing.T) {
	r := Routine{Name: "f", Params: []Parameter{{Name: "o", Type: "int", Mode: "out"}, {Type: "text"}, {Type: "int"}}}
	if got := r.Signature(); got != "f(text, int)" {
		t.Fatalf("Signature = %q", got)
	}
}
