package format

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
)

// largeDocument generates about lines lines of SQL as people write it:
// queries with joins and subqueries, inserts, updates, DDL, a function
// body and comments, none of it laid out yet.
func largeDocument(lines int) string {
	var b strings.Builder
	for i, n := 0, 0; n < lines; i, n = i+1, n+9 { // 9 lines a round
		fmt.Fprintf(&b, "-- block %d\nselect o.id, c.name, sum(i.qty * i.price) as total from orders o join customers c on c.id = o.customer_id\n"+
			"  left join items i on i.order_id = o.id where o.placed_at > now() - interval '7 days' and c.id in (select id from vip where tier = %d)\n"+
			"  group by o.id, c.name having sum(i.qty) > 1 order by total desc limit 50;\n", i, i%5)
		fmt.Fprintf(&b, "insert into audit (id, what, at) values (%d, 'x', now()), (%d, 'y', now());\n", i, i+1)
		fmt.Fprintf(&b, "update stock set qty = qty - 1, touched = true where sku = 'S%d'; /* keep */\n", i)
		fmt.Fprintf(&b, "create table t%d (id bigint primary key, name text not null, price numeric(10,2) check (price > 0));\n", i)
		fmt.Fprintf(&b, "create function f%d() returns int language sql as $$ select %d $$;\n\n", i, i)
	}
	return b.String()
}

// BenchmarkFormatLarge formats a generated 50,000-line document, as
// textDocument/formatting does.
func BenchmarkFormatLarge(b *testing.B) {
	doc := largeDocument(50000)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		editsOf(sqltext.Postgres, doc, Options{})
	}
}

// BenchmarkRangeLarge formats one statement in the middle of the same
// document, as textDocument/rangeFormatting does.
func BenchmarkRangeLarge(b *testing.B) {
	doc := largeDocument(50000)
	mid := strings.Index(doc[len(doc)/2:], "update") + len(doc)/2
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rangeEditsOf(sqltext.Postgres, doc, mid, mid+10, Options{})
	}
}

func TestLargeDocumentFormats(t *testing.T) {
	doc := largeDocument(2000)
	out := checkFormatted(t, sqltext.Postgres, "large", doc, Options{})
	if strings.Count(out, "\n") < 2*strings.Count(doc, "\n") {
		t.Errorf("the generated document was hardly laid out: %d lines became %d", strings.Count(doc, "\n"), strings.Count(out, "\n"))
	}
}
