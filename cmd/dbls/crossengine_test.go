package main

import (
	"os"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
)

// TestCrossEngineClone: a realistic MariaDB schema (unsigned keys,
// AUTO_INCREMENT, tinyint(1), enums, datetime defaults, JSON, foreign keys,
// indexes) is cloned by sync into an empty PostgreSQL database and an empty
// SQLite file; a second diff finds nothing but the notes of what the
// mapping cannot carry, and rows go in (identity, defaults, enum checks and
// foreign keys at work).
func TestCrossEngineClone(t *testing.T) {
	ddl, err := os.ReadFile("../../diff/crossengine/testdata/shop.mariadb.sql")
	if err != nil {
		t.Fatal(err)
	}
	source := drivertest.MySQLURL(t)
	runScript(t, source, string(ddl))
	pgDev := "postgres://postgres@" + drivertest.PostgresAddr + "/postgres?sslmode=disable"
	for _, tc := range []struct {
		name   string
		target func(testing.TB) string
		dev    []string
	}{
		{"postgres", drivertest.PostgresURL, []string{"--dev", pgDev}},
		{"sqlite", drivertest.SQLiteURL, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			target := tc.target(t)
			out, errs, code := dbls(t, append([]string{"sync", source, target, "--yes"}, tc.dev...)...)
			if code != 0 {
				t.Fatalf("sync: %d\n%s%s", code, out, errs)
			}
			for _, want := range []string{"create table", "-- applied ",
				"-- note: cross-engine: column ", "updated_at: ON UPDATE CURRENT_TIMESTAMP has no counterpart"} {
				if !strings.Contains(out, want) {
					t.Errorf("sync output lacks %q:\n%s", want, out)
				}
			}
			out, errs, code = dbls(t, append([]string{"diff", source, target}, tc.dev...)...)
			if code != 0 || strings.Contains(out, "-- item: ") || !strings.Contains(out, "note: cross-engine:") {
				t.Fatalf("second diff is not empty under the mapping: %d\n%s%s", code, out, errs)
			}
			rows := []string{
				"INSERT INTO categories (name, slug) VALUES ('Books', 'books')",
				"INSERT INTO products (category_id, sku, title, price, attributes) VALUES (1, 'SKU-1', 'Go', 39.90, '{\"pages\": 380}')",
				"INSERT INTO customers (email, tier) VALUES ('a@example.com', 'pro')",
				"INSERT INTO orders (customer_id) VALUES (1)",
				"INSERT INTO order_items (order_id, line_no, product_id, unit_price) VALUES (1, 1, 1, 39.90)",
			}
			for _, q := range rows {
				if out, errs, code := dbls(t, "query", target, q); code != 0 {
					t.Fatalf("%s: %s%s", q, out, errs)
				}
			}
			out, _, _ = dbls(t, "query", target, "SELECT o.id, o.status, c.is_active, o.gift, i.quantity FROM orders o JOIN customers c ON c.id = o.customer_id JOIN order_items i ON i.order_id = o.id", "--format", "csv")
			if want := map[string]string{"postgres": "1,new,true,false,1", "sqlite": "1,new,1,0,1"}[tc.name]; !strings.Contains(out, want) {
				t.Errorf("rows read back: %q, want %q", out, want)
			}
			for _, q := range []string{
				"INSERT INTO customers (email, tier) VALUES ('b@example.com', 'platinum')", // not an enum label
				"INSERT INTO orders (customer_id) VALUES (42)",                             // no such customer
			} {
				if _, _, code := dbls(t, "query", target, q); code == 0 {
					t.Errorf("%s: accepted", q)
				}
			}
		})
	}
}

// TestCrossEngineIntoMySQL: the rental fixtures of PostgreSQL and SQLite
// cloned into empty MariaDB databases converge under the mapping, and what
// the mapping cannot carry (views, triggers, routines, checks in the
// source's SQL) is listed.
func TestCrossEngineIntoMySQL(t *testing.T) {
	dev := "mysql://root@" + drivertest.MySQLAddr + "/"
	for _, tc := range []struct {
		driver string
		url    func(testing.TB) string
	}{
		{"postgres", drivertest.PostgresURL},
		{"sqlite", drivertest.SQLiteURL},
	} {
		t.Run(tc.driver, func(t *testing.T) {
			fx, err := drivertest.Fixture(tc.driver)
			if err != nil {
				t.Fatal(err)
			}
			source := tc.url(t)
			runScript(t, source, fx)
			source = strings.TrimSuffix(source, "?mode=rwc")
			target := drivertest.MySQLURL(t)
			out, errs, code := dbls(t, "sync", source, target, "--dev", dev, "--yes")
			if code != 0 || !strings.Contains(out, "view main.customer_rentals: its query is "+tc.driver+" SQL and is not translated") &&
				!strings.Contains(out, "view public.customer_rentals: its query is "+tc.driver+" SQL and is not translated") {
				t.Fatalf("sync: %d\n%s%s", code, out, errs)
			}
			out, errs, code = dbls(t, "diff", source, target, "--dev", dev)
			if code != 0 || strings.Contains(out, "-- item: ") {
				t.Fatalf("second diff is not empty under the mapping: %d\n%s%s", code, out, errs)
			}
			if out, errs, code := dbls(t, "query", target, "INSERT INTO country (country_id, name) VALUES (99, 'Iceland')"); code != 0 {
				t.Fatalf("insert: %s%s", out, errs)
			}
		})
	}
}
