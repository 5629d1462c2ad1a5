package server_test

import (
	"os"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/drivers/drivertest"
)

type sigHelp struct {
	Signatures []struct {
		Label      string `json:"label"`
		Parameters []struct {
			Label [2]uint32 `json:"label"`
		} `json:"parameters"`
	} `json:"signatures"`
	ActiveSignature uint32 `json:"activeSignature"`
	ActiveParameter uint32 `json:"activeParameter"`
}

func (c *client) definition(docURI string, line, char uint32) []protocol.Location {
	c.t.Helper()
	var locs []protocol.Location
	c.call("textDocument/definition", pos(docURI, line, char), &locs)
	return locs
}

// readDefinition reads the file a definition points into and checks it is
// a read-only generated file under the cache directory.
func readDefinition(t *testing.T, cacheDir string, loc protocol.Location) (string, string) {
	t.Helper()
	path := uri.URI(loc.URI).Filename()
	if !strings.HasPrefix(path, cacheDir+"/dbls/definitions/") {
		t.Fatalf("definition file %s is not under %s", path, cacheDir)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm()&0o222 != 0 {
		t.Errorf("definition file is writable: %v", fi.Mode())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if int(loc.Range.Start.Line) >= len(lines) {
		t.Fatalf("location %v past the file's end:\n%s", loc.Range, data)
	}
	return string(data), lines[loc.Range.Start.Line][loc.Range.Start.Character:]
}

func TestSignatureSymbolsDefinitionSQLite(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	c := start(t, setup{initOptions: shopOptions(shopDB(t))})
	docURI := c.uri("features.sql")
	text := "-- dbls: connection=shop\n" +
		"WITH recent AS (SELECT * FROM orders)\n" +
		"SELECT r.id, coalesce(r.status, ) FROM recent r;\n" +
		"CREATE TABLE tmp_é😀 (a int);\n" +
		"SELECT a FROM tmp_é😀 t;\n" +
		"SELECT c.email FROM customers c JOIN orders o ON o.customer_id = c.id"
	c.open(docURI, text)

	// Functions are completed with their signature, inserting "name(".
	list := c.complete(docURI, 2, 16) // SELECT r.id, coa|lesce
	fn, ok := labels(list)["coalesce"]
	if !ok || fn.Kind != protocol.CompletionItemKindFunction || fn.TextEdit == nil || fn.TextEdit.NewText != "coalesce(" ||
		!strings.HasPrefix(fn.Detail, "coalesce(value1, value2") || fn.Documentation != "First argument that is not null." {
		t.Errorf("coalesce item: %+v", fn)
	}

	// Signature help inside coalesce( , |).
	var h *sigHelp
	c.call("textDocument/signatureHelp", pos(docURI, 2, 32), &h)
	if h == nil || len(h.Signatures) == 0 || !strings.HasPrefix(h.Signatures[h.ActiveSignature].Label, "coalesce(") || h.ActiveParameter != 1 {
		t.Fatalf("signature help: %+v", h)
	}
	sig := h.Signatures[h.ActiveSignature]
	if p := sig.Parameters[1].Label; sig.Label[p[0]:p[1]] != "value2" {
		t.Errorf("second parameter at %v of %q", p, sig.Label)
	}
	var none *sigHelp
	c.call("textDocument/signatureHelp", pos(docURI, 2, 5), &none)
	if none != nil {
		t.Errorf("signature help outside a call: %+v", none)
	}

	// The outline: statements named by verb and object, the CTE as a child,
	// ranges in UTF-16.
	var syms []protocol.DocumentSymbol
	c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": docURI}}, &syms)
	names := []string{}
	for _, s := range syms {
		names = append(names, s.Name)
	}
	want := []string{"SELECT … FROM recent", "CREATE TABLE tmp_é😀", "SELECT … FROM tmp_é😀", "SELECT … FROM customers, orders"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("symbols %q, want %q", names, want)
	}
	if len(syms[0].Children) != 1 || syms[0].Children[0].Name != "recent" || syms[0].Children[0].Kind != protocol.SymbolKindVariable {
		t.Errorf("CTE child: %+v", syms[0].Children)
	}
	if r := syms[0].Range; r.Start.Line != 1 || r.End.Line != 2 || r.End.Character != 47 {
		t.Errorf("first statement range %+v", r)
	}
	if r := syms[1].SelectionRange; r.Start != (protocol.Position{Line: 3, Character: 13}) || r.End != (protocol.Position{Line: 3, Character: 13 + 4 + 1 + 2}) {
		t.Errorf("CREATE TABLE selection %+v (UTF-16: é is 1 unit, 😀 2)", r)
	}
	if syms[1].Kind != protocol.SymbolKindStruct {
		t.Errorf("CREATE TABLE kind %v", syms[1].Kind)
	}

	// Definitions inside the document: alias, CTE, table created above.
	for _, tc := range []struct {
		line, char uint32
		want       protocol.Range
	}{
		{2, 7, rangeOf(2, 46, 2, 47)},  // r.id → the alias r
		{2, 41, rangeOf(1, 5, 1, 11)},  // FROM recent → WITH recent
		{4, 16, rangeOf(3, 13, 3, 20)}, // FROM tmp_é😀 → CREATE TABLE tmp_é😀
		{5, 8, rangeOf(5, 30, 5, 31)},  // c.email → the alias c
	} {
		locs := c.definition(docURI, tc.line, tc.char)
		if len(locs) != 1 || string(locs[0].URI) != docURI || locs[0].Range != tc.want {
			t.Errorf("definition at %d:%d: %+v, want %+v", tc.line, tc.char, locs, tc.want)
		}
	}

	// A snapshot table: its DDL, rendered by the SQLite driver, in a
	// generated read-only file; a column goes to its line.
	locs := c.definition(docURI, 5, 24) // customers
	if len(locs) != 1 {
		t.Fatalf("definition of customers: %+v", locs)
	}
	ddl, at := readDefinition(t, cache, locs[0])
	if !strings.HasPrefix(ddl, "-- dbls: connection=shop\n") || !strings.HasSuffix(string(locs[0].URI), ".sqlite.sql") {
		t.Errorf("generated file %s does not bind itself to shop:\n%s", locs[0].URI, ddl)
	}
	if !strings.HasPrefix(at, "CREATE TABLE") || !strings.Contains(ddl, "email") || !strings.Contains(ddl, "CREATE INDEX") ||
		!strings.Contains(ddl, "read-only") {
		t.Errorf("customers DDL (at %q):\n%s", at, ddl)
	}
	locs = c.definition(docURI, 5, 11) // c.email
	if len(locs) != 1 {
		t.Fatalf("definition of c.email: %+v", locs)
	}
	if _, at := readDefinition(t, cache, locs[0]); !strings.HasPrefix(at, `"email"`) && !strings.HasPrefix(at, "email") {
		t.Errorf("c.email points at %q", at)
	}
	// Asking again rewrites the read-only file in place.
	if again := c.definition(docURI, 5, 11); len(again) != 1 || again[0] != locs[0] {
		t.Errorf("second definition: %+v", again)
	}
	// Nothing to go to: a keyword, a string, an unknown document.
	if locs := c.definition(docURI, 2, 1); len(locs) != 0 {
		t.Errorf("definition of SELECT: %+v", locs)
	}
	if locs := c.definition(c.uri("nowhere.sql"), 0, 0); len(locs) != 0 {
		t.Errorf("definition in an unknown document: %+v", locs)
	}
}

func rangeOf(l1, c1, l2, c2 uint32) protocol.Range {
	return protocol.Range{Start: protocol.Position{Line: l1, Character: c1}, End: protocol.Position{Line: l2, Character: c2}}
}

// The DDL of a table on the server engines comes from their renderers:
// the table, its indexes and its foreign keys.
func TestDefinitionDDLPostgresMariaDB(t *testing.T) {
	for _, tc := range []struct {
		name, function, body string
		url                  func(testing.TB) string
	}{
		{"postgres", "CREATE FUNCTION def_double(x int) RETURNS int LANGUAGE sql AS 'SELECT x * 2'", "CREATE OR REPLACE FUNCTION",
			func(t testing.TB) string { return drivertest.PostgresURL(t) }},
		{"mariadb", "CREATE FUNCTION def_double(x INT) RETURNS INT DETERMINISTIC RETURN x * 2", "RETURN x * 2",
			func(t testing.TB) string { return drivertest.MySQLURL(t) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := tc.url(t)
			execAll(t, url, "CREATE TABLE def_parent (id int PRIMARY KEY)",
				"CREATE TABLE def_child (id int PRIMARY KEY, parent_id int NOT NULL, label varchar(40), CONSTRAINT def_fk FOREIGN KEY (parent_id) REFERENCES def_parent (id))",
				"CREATE INDEX def_label ON def_child (label)", tc.function)
			cache := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", cache)
			c := start(t, setup{})
			docURI := c.uri("def.sql")
			line := "SELECT k.label, def_double(k.id) FROM def_child k"
			c.open(docURI, "-- dbls: connection="+url+"\n"+line)
			fn := c.definition(docURI, 1, uint32(strings.Index(line, "def_double")+2))
			if len(fn) != 1 {
				t.Fatalf("definition of def_double: %+v", fn)
			}
			if text, _ := readDefinition(t, cache, fn[0]); !strings.Contains(text, tc.body) || !strings.Contains(text, "def_double") {
				t.Errorf("function definition:\n%s", text)
			}
			locs := c.definition(docURI, 1, uint32(strings.Index(line, "def_child")+2))
			if len(locs) != 1 {
				t.Fatalf("definition: %+v", locs)
			}
			ddl, at := readDefinition(t, cache, locs[0])
			if !strings.HasPrefix(at, "CREATE TABLE") || !strings.Contains(ddl, "def_label") || !strings.Contains(ddl, "def_fk") ||
				!strings.Contains(ddl, "REFERENCES") {
				t.Errorf("DDL (at %q):\n%s", at, ddl)
			}
			if strings.Contains(ddl, "password") || strings.Contains(ddl, "@") && strings.Contains(url, ":@") {
				t.Errorf("DDL header leaks connection details:\n%s", ddl)
			}
			locs = c.definition(docURI, 1, 10)
			if len(locs) != 1 {
				t.Fatalf("definition of k.label: %+v", locs)
			}
			if _, at := readDefinition(t, cache, locs[0]); !strings.Contains(at, "label") {
				t.Errorf("k.label points at %q", at)
			}
		})
	}
}

// The generated file's header speaks the client's language.
func TestDefinitionHeaderInClientLanguage(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	c := launch(t, t.TempDir(), setup{})
	c.call("initialize", map[string]any{"locale": "zh-CN", "capabilities": map[string]any{}, "initializationOptions": shopOptions(shopDB(t))}, nil)
	c.notify("initialized", map[string]any{})
	docURI := c.uri("zh.sql")
	c.open(docURI, "-- dbls: connection=shop\nSELECT * FROM orders")
	locs := c.definition(docURI, 1, 16)
	if len(locs) != 1 {
		t.Fatalf("definition: %+v", locs)
	}
	if text, _ := readDefinition(t, cache, locs[0]); !strings.Contains(text, "表 main.orders") || !strings.Contains(text, "只读") {
		t.Errorf("header not in Chinese:\n%s", text)
	}
}
