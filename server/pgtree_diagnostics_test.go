package server_test

import (
	"testing"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/drivertest"
)

// PostgreSQL diagnostics from pg_query's tree, through the server, on a
// real database: exact ranges (UTF-16 columns after multi-byte text),
// each kind of name error, and silence on valid statements.
func TestDiagnosticsPostgresTree(t *testing.T) {
	url := drivertest.PostgresURL(t)
	execAll(t, url,
		"CREATE TABLE pt_language (language_id int PRIMARY KEY, name text, last_update timestamptz)",
		"CREATE TABLE pt_film (film_id int PRIMARY KEY, title text, language_id int REFERENCES pt_language, last_update timestamptz)")
	const warning = protocol.DiagnosticSeverityWarning
	c := start(t, setup{})
	uri := c.uri("tree.sql")
	header := "-- dbls: connection=" + url + "\n"
	c.open(uri, header+"SELECT f.title, é.name FROM pt_film f JOIN pt_language é USING (language_id);\nSELECT x.title FROM pt_film f;")
	p := c.lastDiagnostics(uri, func(p protocol.PublishDiagnosticsParams) bool { return len(p.Diagnostics) > 0 })
	wantDiag(t, p.Diagnostics, "unknown-table", protocol.DiagnosticSeverityWarning, prange(2, 7, 2, 8), "missing FROM-clause entry for table x")

	for v, tc := range []struct {
		text, code, msg string
		sev             protocol.DiagnosticSeverity
		r               protocol.Range
	}{
		{"SELECT 'ü→' AS u, nope FROM pt_film;", "unknown-column", "unknown column nope", warning, prange(1, 18, 1, 22)},
		{"SELECT last_update FROM pt_film f JOIN pt_language l ON l.language_id = f.language_id;", "ambiguous-column", "is ambiguous", warning, prange(1, 7, 1, 18)},
		{"INSERT INTO pt_film (film_id, title, language_id) VALUES\n  (1, 'a');", "insert-arity", "2 values for 3 columns", protocol.DiagnosticSeverityError, prange(2, 2, 2, 10)},
		{"WITH a AS (SELECT film_id, title FROM pt_film), b AS (SELECT name FROM pt_language)\nSELECT title FROM b;", "unknown-column", "unknown column title", warning, prange(2, 7, 2, 12)},
	} {
		change(c, uri, v+2, header+tc.text)
		p = c.lastDiagnostics(uri, atVersion(uint32(v+2)))
		wantDiag(t, p.Diagnostics, tc.code, tc.sev, tc.r, tc.msg)
	}

	change(c, uri, 10, header+"SELECT f.title, l.name, film_id FROM pt_film f JOIN pt_language l USING (language_id)\nWHERE f.last_update > now() - interval '1 day' ORDER BY 1;\n"+
		"INSERT INTO pt_film (film_id, title) VALUES (1, 'a') ON CONFLICT (film_id) DO UPDATE SET title = excluded.title RETURNING film_id;")
	p = c.lastDiagnostics(uri, atVersion(10))
	if len(p.Diagnostics) != 0 {
		t.Errorf("valid statements: %s", describeDiags(p.Diagnostics))
	}
}
