package analysis

import (
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

func strp(s string) *string { return &s }

// testSnapshot is a PostgreSQL-like catalog: public in the search path,
// sales outside it, names that need quoting.
func testSnapshot() *schema.Snapshot {
	return &schema.Snapshot{
		Driver: "postgres", DefaultSchema: "public", SearchPath: []string{"public"},
		Schemas: []schema.Schema{
			{Name: "public", Tables: []schema.Table{
				{Name: "customers", Comment: "People who buy things", Columns: []schema.Column{
					{Name: "id", Position: 1, Type: "integer"},
					{Name: "email", Position: 2, Type: "text", Nullable: true},
				}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}}},
				{Name: "orders", Columns: []schema.Column{
					{Name: "id", Position: 1, Type: "integer"},
					{Name: "customer_id", Position: 2, Type: "integer"},
					{Name: "status", Position: 3, Type: "text", Default: strp("'new'")},
				}, PrimaryKey: &schema.PrimaryKey{Columns: []string{"id"}},
					ForeignKeys: []schema.ForeignKey{{Columns: []string{"customer_id"}, RefSchema: "public", RefTable: "customers", RefColumns: []string{"id"}}},
					Indexes:     []schema.Index{{Name: "ix_orders_status", Columns: []schema.IndexColumn{{Name: "status"}}}}},
				{Name: "Order Items", Columns: []schema.Column{{Name: "Line No", Position: 1, Type: "integer"}}},
				{Name: "Users", Columns: []schema.Column{{Name: "select", Position: 1, Type: "text"}}},
			}, Views: []schema.View{{Name: "order_totals", Columns: []schema.Column{{Name: "total", Position: 1, Type: "numeric", Nullable: true}}}},
				Routines: []schema.Routine{{Name: "order_total", Kind: "function", Params: []schema.Parameter{{Type: "integer"}}, Returns: "numeric"}}},
			{Name: "sales", Tables: []schema.Table{{Name: "leads", Columns: []schema.Column{{Name: "lead_id", Position: 1, Type: "bigint"}}}}},
		},
	}
}

// at splits text at the "|" marking the cursor.
func at(text string) (string, int) {
	i := strings.Index(text, "|")
	return text[:i] + text[i+1:], i
}

func complete(d Dialect, marked string) map[string]CompletionItem {
	text, off := at(marked)
	m := map[string]CompletionItem{}
	for _, it := range Complete(NewIndex(testSnapshot()), d, NewDocument(text), off) {
		m[it.Kind+":"+it.Label] = it
	}
	return m
}

func TestCompleteTablesAfterFrom(t *testing.T) {
	got := complete(Postgres, "SELECT * FROM |")
	for _, want := range []string{"table:customers", "table:orders", "view:order_totals", "table:sales.leads", "schema:sales"} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %s in %v", want, got)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "keyword:") || strings.HasPrefix(k, "column:") {
			t.Errorf("%s offered where a table goes", k)
		}
	}
	if it := got["table:sales.leads"]; it.InsertText != "sales.leads" {
		t.Errorf("out-of-path table inserts %q", it.InsertText)
	}
	if it := got["table:Order Items"]; it.InsertText != `"Order Items"` {
		t.Errorf("name with a space inserts %q", it.InsertText)
	}
	if it := got["table:Users"]; it.InsertText != `"Users"` {
		t.Errorf("upper-case PostgreSQL name inserts %q", it.InsertText)
	}
}

func TestCompletePrefixIsCaseInsensitive(t *testing.T) {
	got := complete(Postgres, "select * from ORD|")
	if _, ok := got["table:orders"]; !ok {
		t.Fatalf("ORD does not find orders: %v", got)
	}
	if _, ok := got["table:customers"]; ok {
		t.Error("customers does not start with ORD")
	}
	got = complete(Postgres, "sel|")
	if _, ok := got["keyword:SELECT"]; !ok {
		t.Errorf("keywords: %v", got)
	}
}

func TestCompleteAfterSchemaQualifier(t *testing.T) {
	got := complete(Postgres, "SELECT * FROM sales.|")
	if len(got) != 1 || got["table:leads"].InsertText != "leads" {
		t.Errorf("sales.: %v", got)
	}
	got = complete(Postgres, `SELECT * FROM "public".ord|`)
	if _, ok := got["table:orders"]; !ok || len(got) != 4 { // orders, order_totals, Order Items, order_total()
		t.Errorf(`"public".ord: %v`, got)
	}
}

func TestCompleteColumnsOfStatementTables(t *testing.T) {
	got := complete(Postgres, "SELECT | FROM orders")
	for _, want := range []string{"column:status", "column:customer_id", "keyword:FROM", "table:customers"} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing %s", want)
		}
	}
	if _, ok := got["column:email"]; ok {
		t.Error("column of a table the statement does not name")
	}
	if d := got["column:status"].Detail; !strings.Contains(d, "public.orders") || !strings.Contains(d, "text") {
		t.Errorf("detail %q", d)
	}
	// Only the statement under the cursor counts; ';' in a string does not split.
	got = complete(Postgres, "SELECT * FROM customers; SELECT 'a;b', | FROM orders; SELECT 1 FROM customers")
	if _, ok := got["column:email"]; ok {
		t.Error("columns leak from other statements")
	}
	if _, ok := got["column:status"]; !ok {
		t.Error("the statement's own columns are missing")
	}
}

func TestCompleteAliasQualifier(t *testing.T) {
	got := complete(Postgres, "SELECT o.st| FROM orders AS o JOIN customers c ON c.id = o.customer_id")
	if len(got) != 1 || got["column:status"].InsertText != "status" {
		t.Errorf("o.st: %v", got)
	}
	got = complete(Postgres, "SELECT c.| FROM orders o JOIN customers c ON true")
	if _, ok := got["column:email"]; !ok || len(got) != 2 {
		t.Errorf("c.: %v", got)
	}
	// A table name works as qualifier too, in or out of the statement.
	got = complete(Postgres, "SELECT customers.|")
	if _, ok := got["column:email"]; !ok {
		t.Errorf("customers.: %v", got)
	}
	// Quoted qualifier and quoted column names.
	got = complete(Postgres, `SELECT "Order Items".| FROM "Order Items"`)
	if got["column:Line No"].InsertText != `"Line No"` {
		t.Errorf("quoted: %v", got)
	}
}

func TestCompleteQuotedPrefixStaysQuoted(t *testing.T) {
	text, off := at(`SELECT * FROM "Ord|`)
	items := Complete(NewIndex(testSnapshot()), Postgres, NewDocument(text), off)
	found := false
	for _, it := range items {
		if it.Kind == KindKeyword {
			t.Errorf("keyword %s inside a quoted identifier", it.Label)
		}
		if it.Label == "orders" && it.InsertText != `"orders"` {
			t.Errorf("orders inserts %q", it.InsertText)
		}
		if it.Label == "Order Items" {
			found = it.InsertText == `"Order Items"`
		}
	}
	if !found {
		t.Errorf("Order Items: %v", items)
	}
	if r := WordRange(Postgres, text, off); text[r.Start:r.End] != `"Ord` {
		t.Errorf("word range %q", text[r.Start:r.End])
	}
	// MySQL quotes with backticks.
	text, off = at("SELECT * FROM `Ord|")
	for _, it := range Complete(NewIndex(testSnapshot()), MySQL, NewDocument(text), off) {
		if it.Label == "Order Items" && it.InsertText != "`Order Items`" {
			t.Errorf("mysql inserts %q", it.InsertText)
		}
	}
	// A reserved word as column name is quoted.
	got := complete(Postgres, `SELECT sel| FROM "Users"`)
	if got["column:select"].InsertText != `"select"` {
		t.Errorf("reserved column: %v", got["column:select"])
	}
}

func TestCompleteFunctions(t *testing.T) {
	got := complete(Postgres, "SELECT order_t| FROM orders")
	if it := got["function:order_total"]; it.Detail != "order_total(integer) → numeric" || it.InsertText != "order_total(" {
		t.Errorf("functions: %v", got)
	}
}

// Functions from the snapshot (qualified outside the search path) and the
// dialect's built-ins, in expression positions only.
func TestCompleteFunctionsPerDialect(t *testing.T) {
	cases := []struct {
		d      Dialect
		marked string
		want   map[string]string // label → detail
		not    []string
	}{
		{Postgres, "SELECT date_t| FROM orders", map[string]string{"date_trunc": "date_trunc(field, source) → timestamp"}, nil},
		{Postgres, "SELECT coal| FROM orders", map[string]string{"coalesce": "coalesce(value1, value2, ...) → same type"}, nil},
		{Postgres, "SELECT * FROM orders WHERE ifn|", nil, []string{"function:ifnull"}},
		{MySQL, "SELECT * FROM orders WHERE ifn|", map[string]string{"ifnull": "ifnull(value, fallback) → same type"}, nil},
		{MySQL, "SELECT date_f|", map[string]string{"date_format": "date_format(date, format) → varchar"}, []string{"function:date_trunc"}},
		{SQLite, "SELECT strf|", map[string]string{"strftime": "strftime(format, time_value, modifier1, ...) → text"}, nil},
		{SQLite, "SELECT now|", nil, []string{"function:now"}},
		{Postgres, "SELECT audit.|", map[string]string{"log_event": "audit.log_event(what text, VARIADIC tags text[]) → void"}, nil},
		{Postgres, "SELECT log_e|", map[string]string{"audit.log_event": "audit.log_event(what text, VARIADIC tags text[]) → void"}, nil},
		{Postgres, "SELECT * FROM coal|", nil, []string{"function:coalesce"}},
	}
	for _, c := range cases {
		snap := testSnapshot()
		snap.Schemas = append(snap.Schemas, schema.Schema{Name: "audit", Routines: []schema.Routine{{Name: "log_event", Kind: "function",
			Params: []schema.Parameter{{Name: "what", Type: "text"}, {Name: "tags", Type: "text[]", Mode: "variadic"}}, Returns: "void"}}})
		text, off := at(c.marked)
		got := map[string]CompletionItem{}
		for _, it := range Complete(NewIndex(snap), c.d, NewDocument(text), off) {
			got[it.Kind+":"+it.Label] = it
		}
		for label, detail := range c.want {
			it, ok := got["function:"+label]
			if !ok || it.Detail != detail || !strings.HasSuffix(it.InsertText, "(") {
				t.Errorf("%s %q: %s = %+v", c.d, c.marked, label, it)
			}
		}
		for _, n := range c.not {
			if _, ok := got[n]; ok {
				t.Errorf("%s %q offers %s", c.d, c.marked, n)
			}
		}
	}
}

// Nothing the user can type makes completion or hover panic.
func TestNeverPanics(t *testing.T) {
	texts := []string{
		"", ".", "\"", "`", "'", "--", "/*", "$$", "$tag$ body", ";;;", "SELECT \"unterminated",
		"SELECT * FROM \xff\xfe orders.\xc3", "SELECT é😀.x FROM \"😀\".\"é\"", "a.b.c.d.", "\"\"\"\".\"\"",
		"SELECT $1, $$;$$ FROM orders o WHERE o.", "SELECT * FROM orders -- comment;\n WHERE ",
	}
	snaps := []*schema.Snapshot{nil, {}, testSnapshot()}
	for _, text := range texts {
		doc := NewDocument(text)
		for _, snap := range snaps {
			ix := NewIndex(snap)
			for _, d := range []Dialect{Postgres, MySQL, SQLite, "other"} {
				for off := -2; off <= len(text)+2; off++ {
					Complete(ix, d, doc, off)
					WordRange(d, text, off)
					HoverAt(ix, d, doc, off)
				}
			}
		}
	}
}

// Names typed in upper case are completed in upper case where the engine
// reads them the same, and never where it would not: a name that needs
// quotes, a non-ASCII one (PostgreSQL folds ASCII letters only), a MySQL
// table name (case-sensitive on most systems).
func TestCompleteKeepsTypedCase(t *testing.T) {
	snap := testSnapshot()
	snap.Schemas[0].Tables = append(snap.Schemas[0].Tables, schema.Table{Name: "ordré", Columns: []schema.Column{{Name: "x", Position: 1}}})
	for _, tc := range []struct {
		d            Dialect
		marked, want string
		insert       string
	}{
		{Postgres, "SELECT * FROM ORD|", "table:orders", "ORDERS"},
		{Postgres, "SELECT * FROM ORDR|", "table:ordré", `"ordré"`},
		{Postgres, "SELECT * FROM US|", "table:Users", `"Users"`},
		{Postgres, "SELECT EM| FROM customers", "column:email", "EMAIL"},
		{Postgres, "SELECT COAL| FROM customers", "function:coalesce", "COALESCE("},
		{MySQL, "SELECT * FROM ORD|", "table:orders", "orders"},
		{MySQL, "SELECT EM| FROM customers", "column:email", "EMAIL"},
		{SQLite, "SELECT * FROM ORD|", "table:orders", "ORDERS"},
		{Postgres, "SELECT Em| FROM customers", "column:email", "email"},
	} {
		text, off := at(tc.marked)
		got := map[string]CompletionItem{}
		for _, it := range Complete(NewIndex(snap), tc.d, NewDocument(text), off) {
			got[it.Kind+":"+it.Label] = it
		}
		if it, ok := got[tc.want]; !ok || it.InsertText != tc.insert {
			t.Errorf("%s %q: %s inserts %q (offered %v), want %q", tc.d, tc.marked, tc.want, it.InsertText, ok, tc.insert)
		}
	}
}

// isKeyword matches keywordSet on the upper-cased name, whatever its case,
// length or alphabet.
func TestIsKeyword(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{
		{"select", true}, {"Select", true}, {"FROM", true}, {"t_00042", false}, {"selectx", false},
		{"", false}, {strings.Repeat("a", 40), false}, {"ınsert", keywordSet[strings.ToUpper("ınsert")]},
	} {
		if got := isKeyword(c.name); got != c.want {
			t.Errorf("isKeyword(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
