package analysis

import (
	"strings"
	"testing"
)

func hover(t *testing.T, marked string) (string, string) {
	t.Helper()
	text, off := at(marked)
	md, r, ok := HoverAt(NewIndex(testSnapshot()), Postgres, NewDocument(text), off)
	if !ok {
		return "", ""
	}
	return md, text[r.Start:r.End]
}

func TestHoverTable(t *testing.T) {
	md, word := hover(t, "SELECT * FROM ord|ers")
	if word != "orders" {
		t.Errorf("range covers %q", word)
	}
	for _, want := range []string{"**table** `public.orders`", "| status | text | NOT NULL | 'new' |", "Primary key: `(id)`",
		"Foreign key: `(customer_id) → public.customers(id)`"} {
		if !strings.Contains(md, want) {
			t.Errorf("hover lacks %q:\n%s", want, md)
		}
	}
	md, _ = hover(t, "SELECT * FROM customers|")
	if !strings.Contains(md, "People who buy things") {
		t.Errorf("comment missing:\n%s", md)
	}
	md, _ = hover(t, "SELECT * FROM sales.le|ads")
	if !strings.Contains(md, "`sales.leads`") {
		t.Errorf("qualified:\n%s", md)
	}
	md, word = hover(t, `SELECT * FROM "Order |Items"`)
	if !strings.Contains(md, "`public.Order Items`") || word != `"Order Items"` {
		t.Errorf("quoted: %q\n%s", word, md)
	}
	md, _ = hover(t, "SELECT * FROM order_to|tals")
	if !strings.Contains(md, "**view**") {
		t.Errorf("view:\n%s", md)
	}
}

func TestHoverColumn(t *testing.T) {
	md, word := hover(t, "SELECT sta|tus FROM orders")
	if word != "status" {
		t.Errorf("range covers %q", word)
	}
	for _, want := range []string{"`public.orders.status`", "`text NOT NULL DEFAULT 'new'`", "not nullable", "index `ix_orders_status`"} {
		if !strings.Contains(md, want) {
			t.Errorf("hover lacks %q:\n%s", want, md)
		}
	}
	md, _ = hover(t, "SELECT o.customer|_id FROM orders o")
	if !strings.Contains(md, "foreign key `(customer_id) → public.customers(id)`") {
		t.Errorf("fk:\n%s", md)
	}
	md, _ = hover(t, "SELECT c.em|ail FROM orders o JOIN customers c ON true")
	if !strings.Contains(md, "`public.customers.email`") || !strings.Contains(md, "- nullable") {
		t.Errorf("alias column:\n%s", md)
	}
	md, _ = hover(t, "SELECT i|d FROM customers")
	if !strings.Contains(md, "primary key `(id)`") {
		t.Errorf("pk:\n%s", md)
	}
}

func TestHoverQualifiers(t *testing.T) {
	md, _ := hover(t, "SELECT o|.id FROM orders o")
	if !strings.Contains(md, "`public.orders`") {
		t.Errorf("alias:\n%s", md)
	}
	md, _ = hover(t, "SELECT * FROM sal|es.leads")
	if !strings.Contains(md, "**schema** `sales`") {
		t.Errorf("schema:\n%s", md)
	}
}

func TestHoverNothing(t *testing.T) {
	for _, marked := range []string{"SELECT | * FROM orders", "SELECT nothing|here FROM orders", "|", "SELECT 'orders|'", "-- orders|"} {
		if md, _ := hover(t, marked); md != "" {
			t.Errorf("%q hovers:\n%s", marked, md)
		}
	}
}

func TestHoverRowEstimate(t *testing.T) {
	snap := testSnapshot().Clone()
	snap.Schemas[0].Tables[0].RowEstimate = 1234567
	name := snap.Schemas[0].Tables[0].Name
	text := "SELECT * FROM " + snap.Schemas[0].Name + "." + name
	md, _, ok := HoverAt(NewIndex(snap), Postgres, NewDocument(text), len(text)-1)
	if !ok || !strings.Contains(md, "~1,234,567 rows") {
		t.Errorf("hover of %s lacks the row estimate:\n%s", name, md)
	}
	if md, _ := hover(t, "SELECT * FROM ord|ers"); strings.Contains(md, "rows") && strings.Contains(md, "~") {
		t.Errorf("a table without statistics shows an estimate:\n%s", md)
	}
}
