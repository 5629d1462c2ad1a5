package server_test

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/drivertest"
)

// A document bound to a MariaDB connection: names and value counts are
// checked on vitess's tree against the live snapshot, MariaDB's own syntax
// raises nothing, and a misspelt statement word is a syntax error.
func TestDiagnosticsMariaDB(t *testing.T) {
	url := drivertest.MySQLURL(t)
	execAll(t, url, "CREATE TABLE film (film_id INT PRIMARY KEY, title VARCHAR(100) NOT NULL, rate DECIMAL(4,2))",
		"CREATE TABLE actor (actor_id INT PRIMARY KEY, name VARCHAR(80))")
	c := start(t, setup{initOptions: map[string]any{"connections": map[string]any{"maria": map[string]any{"url": url}}}})
	uri := c.uri("films.sql")
	c.open(uri, "-- dbls: connection=maria\nSELECT title, rat FROM film;")
	p := c.lastDiagnostics(uri, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	wantDiag(t, p.Diagnostics, "unknown-column", protocol.DiagnosticSeverityWarning, prange(1, 14, 1, 17), "unknown column rat")

	valid := `-- dbls: connection=maria
SELECT f.title, a.name FROM film f JOIN actor a ON a.actor_id = f.film_id WHERE f.rate > 1 ORDER BY 1;
INSERT INTO film (film_id, title) VALUES (1, 'x') RETURNING film_id;
DELETE FROM actor WHERE actor_id = 1 RETURNING *;
SELECT title FROM film EXCEPT ALL SELECT name FROM actor;
CREATE OR REPLACE TABLE t (a INT) WITH SYSTEM VERSIONING;
`
	change(c, uri, 2, valid)
	p = c.lastDiagnostics(uri, atVersion(2))
	if len(p.Diagnostics) != 0 {
		t.Errorf("valid MariaDB: %s", describeDiags(p.Diagnostics))
	}

	change(c, uri, 3, "-- dbls: connection=maria\nINSERT INTO film (film_id, title) VALUES (1, 'a', 2);\nSELEC * FROM film;")
	p = c.lastDiagnostics(uri, atVersion(3))
	if len(p.Diagnostics) != 2 || p.Diagnostics[0].Code != "insert-arity" || p.Diagnostics[0].Range != prange(1, 41, 1, 52) ||
		p.Diagnostics[1].Code != "syntax-error" || p.Diagnostics[1].Range != prange(2, 0, 2, 5) {
		t.Errorf("got %s", describeDiags(p.Diagnostics))
	}
}
