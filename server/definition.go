package server

// textDocument/definition: analysis.DefinitionAt finds the declaration; a
// snapshot table or view is shown as its DDL, written to a generated,
// read-only file under the user cache directory
// (dbls/definitions/CONNECTION-HASH/SCHEMA.NAME-HASH.sql) and rendered by
// the connection's driver (ddl.Renderer) where it has one.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/server/i18n"
)

func init() {
	i18n.Register(i18n.English, map[string]string{
		"lsp.definition.source":   "%s %s, as dbls last read it from %s.",
		"lsp.definition.readonly": "Generated and read-only: editing this file changes nothing in the database.",
		"lsp.kind.table":          "table",
		"lsp.kind.view":           "view",
		"lsp.kind.function":       "function",
		"lsp.kind.procedure":      "procedure",
		"lsp.kind.aggregate":      "aggregate",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"lsp.definition.source":   "%s %s，dbls 上次从 %s 读取的定义。",
		"lsp.definition.readonly": "自动生成，只读：编辑此文件不会改变数据库。",
		"lsp.kind.table":          "表",
		"lsp.kind.view":           "视图",
		"lsp.kind.function":       "函数",
		"lsp.kind.procedure":      "存储过程",
		"lsp.kind.aggregate":      "聚合函数",
	})
}

func (s *Server) definition(ctx context.Context, at atPosition) (any, error) {
	t, ok := analysis.DefinitionAt(at.ix, at.d, at.doc.an, at.offset)
	switch {
	case !ok:
		return []protocol.Location{}, nil
	case t.InDocument:
		return []protocol.Location{{URI: protocol.DocumentURI(at.uri), Range: toRange(at.doc.Text, t.Range)}}, nil
	case at.entry == nil:
		return []protocol.Location{}, nil
	}
	driver := string(at.d)
	if at.snap != nil && at.snap.Driver != "" {
		driver = at.snap.Driver
	}
	path, text, err := writeDefinition(s.language(), at.entry.src, driver, t)
	if err != nil {
		return nil, fmt.Errorf("dbls: definition of %s.%s: %w", t.Schema, t.Name, err)
	}
	start := definitionLine(text, t)
	return []protocol.Location{{URI: protocol.DocumentURI(uri.File(path)), Range: toRange(text, analysis.Range{Start: start, End: start})}}, nil
}

// renderDefinition writes a table (with its indexes and foreign keys) or
// a view as SQL statements, through the driver's renderer when it has
// one, else as a plain CREATE from the snapshot.
func renderDefinition(driver string, t analysis.Target) []string {
	if t.Routine != nil {
		return []string{routineDefinition(t)}
	}
	if d, err := drivers.Get(driver); err == nil {
		if r, ok := d.(ddl.Renderer); ok {
			if stmts, err := renderWith(r, d, t); err == nil && len(stmts) > 0 {
				return stmts
			}
		}
	}
	return plainDefinition(driver, t)
}

func renderWith(r ddl.Renderer, d drivers.Driver, t analysis.Target) ([]string, error) {
	if t.View != nil {
		return r.Render(ddl.CreateView{Schema: t.Schema, View: *t.View})
	}
	inline := false
	if il, ok := d.(ddl.InlineForeignKeys); ok {
		inline = il.InlineForeignKeys()
	}
	// As diff creates a table: indexes, and foreign keys unless the
	// engine wants them inline, as statements of their own.
	bare := *t.Table
	bare.Indexes = nil
	if !inline {
		bare.ForeignKeys = nil
	}
	out, err := r.Render(ddl.CreateTable{Schema: t.Schema, Table: bare})
	if err != nil {
		return nil, err
	}
	on := ddl.On{Schema: t.Schema, Table: t.Name, Desired: t.Table}
	for _, ix := range t.Table.Indexes {
		stmts, err := r.Render(ddl.CreateIndex{On: on, Index: ix})
		if err != nil {
			return nil, err
		}
		out = append(out, stmts...)
	}
	if !inline {
		for _, fk := range t.Table.ForeignKeys {
			stmts, err := r.Render(ddl.AddForeignKey{On: on, ForeignKey: fk})
			if err != nil {
				return nil, err
			}
			out = append(out, stmts...)
		}
	}
	return out, nil
}

// plainDefinition is a CREATE built from the snapshot alone, for drivers
// without a renderer.
func plainDefinition(driver string, t analysis.Target) []string {
	q := func(name string) string {
		if driver == "mysql" {
			return "`" + strings.ReplaceAll(name, "`", "``") + "`"
		}
		return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
	}
	qualified := q(t.Name)
	if t.Schema != "" {
		qualified = q(t.Schema) + "." + qualified
	}
	if t.View != nil {
		return []string{"CREATE VIEW " + qualified + " AS\n" + strings.TrimSpace(t.View.Definition)}
	}
	var lines []string
	for _, c := range t.Table.Columns {
		l := "  " + q(c.Name) + " " + c.Type
		if !c.Nullable {
			l += " NOT NULL"
		}
		if c.Default != nil {
			l += " DEFAULT " + *c.Default
		}
		lines = append(lines, l)
	}
	cols := func(names []string) string {
		out := make([]string, len(names))
		for i, n := range names {
			out[i] = q(n)
		}
		return "(" + strings.Join(out, ", ") + ")"
	}
	if pk := t.Table.PrimaryKey; pk != nil && len(pk.Columns) > 0 {
		lines = append(lines, "  PRIMARY KEY "+cols(pk.Columns))
	}
	for _, u := range t.Table.Uniques {
		lines = append(lines, "  UNIQUE "+cols(u.Columns))
	}
	for _, fk := range t.Table.ForeignKeys {
		ref := q(fk.RefTable)
		if fk.RefSchema != "" {
			ref = q(fk.RefSchema) + "." + ref
		}
		lines = append(lines, "  FOREIGN KEY "+cols(fk.Columns)+" REFERENCES "+ref+" "+cols(fk.RefColumns))
	}
	return []string{"CREATE TABLE " + qualified + " (\n" + strings.Join(lines, ",\n") + "\n)"}
}

// routineDefinition is a routine as the catalog holds it: PostgreSQL
// keeps the whole CREATE; MySQL and others only the body, which is shown
// under its signature.
func routineDefinition(t analysis.Target) string {
	r := t.Routine
	def := strings.TrimSpace(r.Definition)
	if len(def) >= 6 && strings.EqualFold(def[:6], "CREATE") {
		return def
	}
	var b strings.Builder
	fmt.Fprintf(&b, "-- %s %s.%s", r.Kind, t.Schema, r.Signature())
	if r.Returns != "" {
		b.WriteString(" returns " + oneLine(r.Returns))
	}
	if r.Language != "" {
		b.WriteString(", language " + oneLine(r.Language))
	}
	b.WriteString("\n")
	if def == "" {
		def = "-- (the catalog holds no body for it)"
	}
	b.WriteString(def)
	return b.String()
}

// writeDefinition writes the DDL of t to its file and returns the path
// and the text written.
func writeDefinition(lang string, src source, driver string, t analysis.Target) (string, string, error) {
	base, err := dirs.Cache()
	if err != nil {
		return "", "", err
	}
	dir := filepath.Join(base, "definitions", shortHash(src.Key))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	kind := "table"
	switch {
	case t.View != nil:
		kind = "view"
	case t.Routine != nil:
		kind = t.Routine.Kind
	}
	var b strings.Builder
	if bind := bindingArg(src); bind != "" {
		// Opened in the editor, the file is served from the same snapshot.
		fmt.Fprintf(&b, "-- dbls: connection=%s\n", bind)
	}
	fmt.Fprintf(&b, "-- %s\n", i18n.T(lang, "lsp.definition.source", i18n.T(lang, "lsp.kind."+kind), t.Schema+"."+t.Name, oneLine(src.Label)))
	fmt.Fprintf(&b, "-- %s\n\n", i18n.T(lang, "lsp.definition.readonly"))
	for _, st := range renderDefinition(driver, t) {
		b.WriteString(strings.TrimRight(st, "; \n"))
		b.WriteString(";\n\n")
	}
	text := b.String()
	// The dialect in the file name gives the right syntax checks to an
	// editor that opens it unbound.
	ext := ".sql"
	switch driver {
	case "mysql", "sqlite":
		ext = "." + driver + ".sql"
	}
	name := fileSafe(t.Schema) + "." + fileSafe(t.Name) + "-" + shortHash(kind + "\x00" + t.Schema + "\x00" + t.Name)[:8] + ext
	path := filepath.Join(dir, name)
	// Write beside it and rename, so that an editor never reads half a
	// file, and a read-only file from an earlier run is replaced.
	tmp, err := os.CreateTemp(dir, ".def-*")
	if err != nil {
		return "", "", err
	}
	_, werr := tmp.WriteString(text)
	cerr := tmp.Close()
	if err := joinErr(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return "", "", err
	}
	if err := os.Chmod(tmp.Name(), 0o444); err != nil {
		os.Remove(tmp.Name())
		return "", "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", "", err
	}
	return path, text, nil
}

// bindingArg is how the generated file names its connection in a binding
// comment: the name, the snapshot file, or a URL that carries no secret;
// "" when the argument holds what must not be written down.
func bindingArg(src source) string {
	arg := src.Arg
	switch {
	case strings.ContainsAny(arg, " \t\r\n"):
		return ""
	case src.File != "", !strings.Contains(arg, ":"):
		return arg
	case arg == src.Key:
		return arg // a URL whose redacted form is itself: no password in it
	}
	return ""
}

// definitionLine is the offset in the generated text to show: the line of
// the column the cursor was on, else the first statement.
func definitionLine(text string, t analysis.Target) int {
	first := strings.Index(text, "\n\n") + 2
	if t.Column == "" || t.Table == nil {
		return first
	}
	for _, cand := range []string{t.Column, `"` + strings.ReplaceAll(t.Column, `"`, `""`) + `"`, "`" + strings.ReplaceAll(t.Column, "`", "``") + "`"} {
		for off := first; off < len(text); {
			end := strings.IndexByte(text[off:], '\n')
			if end < 0 {
				end = len(text) - off
			}
			line := text[off : off+end]
			trimmed := strings.TrimLeft(line, " \t")
			if rest, ok := strings.CutPrefix(trimmed, cand); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t' || rest[0] == ',') {
				return off + len(line) - len(trimmed)
			}
			if strings.HasPrefix(trimmed, ");") || trimmed == ")" {
				break // the end of CREATE TABLE
			}
			off += end + 1
		}
	}
	return first
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

// fileSafe keeps a name's letters, digits, '_' and '-' for a file name.
func fileSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
