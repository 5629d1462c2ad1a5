package diff_test

import (
	"fmt"
	"testing"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
)

// largeSnapshot builds, in memory, n tables of 20 columns with a primary
// key, two indexes, a foreign key and a check each — the shape of
// drivertest.LargeSchema. changed alters every changed-th table.
func largeSnapshot(n, changed int) *schema.Snapshot {
	sc := schema.Schema{Name: "public"}
	for i := range n {
		t := schema.Table{Name: fmt.Sprintf("t%05d", i), PrimaryKey: &schema.PrimaryKey{Name: fmt.Sprintf("t%05d_pkey", i), Columns: []string{"id"}}}
		for c := range 20 {
			t.Columns = append(t.Columns, schema.Column{Name: fmt.Sprintf("c%02d", c), Position: c + 1, Type: "character varying(40)", Nullable: c > 0})
		}
		t.Columns[0].Name, t.Columns[0].Type = "id", "integer"
		t.Indexes = []schema.Index{
			{Name: fmt.Sprintf("ix_t%05d_a", i), Columns: []schema.IndexColumn{{Name: "c01"}, {Name: "c02"}}},
			{Name: fmt.Sprintf("ux_t%05d_b", i), Unique: true, Columns: []schema.IndexColumn{{Name: "c03"}}},
		}
		t.Checks = []schema.Check{{Name: fmt.Sprintf("t%05d_check", i), Expr: "c04 IS NOT NULL OR c05 IS NOT NULL"}}
		if i > 0 {
			t.ForeignKeys = []schema.ForeignKey{{Name: fmt.Sprintf("fk_t%05d", i), Columns: []string{"c06"},
				RefSchema: "public", RefTable: fmt.Sprintf("t%05d", i-1), RefColumns: []string{"id"}}}
		}
		if changed > 0 && i%changed == 0 {
			t.Columns[7].Type = "text"
			t.Columns = append(t.Columns, schema.Column{Name: "added", Position: 21, Type: "integer", Nullable: true})
			t.Indexes = t.Indexes[:1]
		}
		sc.Tables = append(sc.Tables, t)
	}
	s := &schema.Snapshot{Driver: "postgres", DefaultSchema: "public", Schemas: []schema.Schema{sc}}
	s.Normalize()
	return s
}

// BenchmarkCompare10000 compares two 10,000-table snapshots that differ in
// one table of every hundred, rendering the plan in PostgreSQL's dialect.
// Goal (issue 5): under 300 ms.
func BenchmarkCompare10000(b *testing.B) {
	d, err := drivers.Get("postgres")
	if err != nil {
		b.Fatal(err)
	}
	r := d.(ddl.Renderer)
	src, dst := largeSnapshot(10000, 100), largeSnapshot(10000, 0)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		plan, err := diff.Compare(src, dst, diff.Options{Renderer: r})
		if err != nil {
			b.Fatal(err)
		}
		if len(plan.Items) != 300 {
			b.Fatalf("%d items, want 300", len(plan.Items))
		}
	}
}
