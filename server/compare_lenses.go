package server

import (
	"context"
	"sort"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers/connect/saved"
	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plantext"
)

// compareCommands are the commands a document offers: in a preview, apply
// all selected (at the top) and apply each item; in a DDL file, compare
// with its connection or the configured ones.
func (s *Server) compareCommands(ctx context.Context, doc document) []protocol.CodeLens {
	lang := s.language()
	if pv, ok := s.previewOf(doc.URI); ok {
		items := plantext.Parse(doc.Text)
		var lenses []protocol.CodeLens
		var checked []string
		for _, it := range items {
			if it.Checked {
				checked = append(checked, it.ID)
			}
		}
		if len(checked) > 0 {
			lenses = append(lenses, lensAt(0, i18n.T(lang, "compare.lens.applyAll", len(checked)), CmdSyncSchemas,
				compareArgs{Preview: doc.URI, Items: checked}))
		}
		for _, it := range items {
			if pv.destructive[it.ID] && !pv.args.AllowDestructive {
				continue // refused anyway: compare again allowing destructive changes
			}
			lenses = append(lenses, lensAt(it.Line, i18n.T(lang, "compare.lens.applyOne"), CmdSyncSchemas,
				compareArgs{Preview: doc.URI, Items: []string{it.ID}}))
		}
		return lenses
	}
	path := uriPath(doc.URI)
	if !strings.HasSuffix(strings.ToLower(path), ".sql") || generated(doc.URI) {
		return nil // not a schema file, or one dbls generated (a definition, a preview of an earlier session)
	}
	var targets []string
	own := s.connectionFor(doc.URI, doc.Text)
	if own != "" {
		targets = []string{own}
	} else if r := s.currentResolver(); r.Config != nil {
		targets = r.Config.Names()
	}
	var lenses []protocol.CodeLens
	ddl := map[analysis.Dialect]bool{}
	for _, t := range targets {
		// The file is split the way the target's engine would read it.
		d := analysis.Postgres
		if src, err := resolveSource(ctx, s.currentResolver(), t, s.baseDir(doc.URI)); err != nil || src.File != "" {
			continue
		} else if src.Driver != "" {
			d = analysis.Dialect(src.Driver)
		}
		is, known := ddl[d]
		if !known {
			is = isDDL(d, doc.an.Statements(d), doc.Text)
			ddl[d] = is
		}
		if !is {
			continue
		}
		// The document's own connection is implied by its URI, so that a URL
		// (with a password, perhaps) is neither shown nor sent back.
		arg := compareArgs{URI: doc.URI}
		title, _ := saved.SplitPassword(t)
		if t != own {
			arg.Target = t
		}
		lenses = append(lenses, lensAt(0, i18n.T(lang, "compare.lens.compareWith", title), CmdCompareSchemas, arg))
	}
	return lenses
}

func lensAt(line uint32, title, command string, arg any) protocol.CodeLens {
	return protocol.CodeLens{
		Range:   protocol.Range{Start: protocol.Position{Line: line}, End: protocol.Position{Line: line}},
		Command: &protocol.Command{Title: title, Command: command, Arguments: []any{arg}},
	}
}

func compareLenses(s *Server, ctx context.Context, doc document) []protocol.CodeLens {
	return s.compareCommands(ctx, doc)
}

// compareActions offers the same commands as code actions, for clients
// that show actions rather than lenses: in a preview, apply all selected
// and apply the item under the cursor.
func compareActions(s *Server, ctx context.Context, doc document, p protocol.CodeActionParams) []protocol.CodeAction {
	var out []protocol.CodeAction
	_, isPreview := s.previewOf(doc.URI)
	var blocks []plantext.Mark
	if isPreview {
		blocks = plantext.Parse(doc.Text)
	}
	for _, l := range s.compareCommands(ctx, doc) {
		if isPreview && l.Range.Start.Line != 0 && !blockUnder(blocks, l.Range.Start.Line, p.Range) {
			continue
		}
		out = append(out, protocol.CodeAction{Title: l.Command.Title, Command: l.Command})
	}
	return out
}

// blockUnder reports whether r touches the item block starting at line
// (which runs to the next block, or the end of the document). blocks are
// in document order, as plantext.Parse returns them.
func blockUnder(blocks []plantext.Mark, line uint32, r protocol.Range) bool {
	end := ^uint32(0)
	if i := sort.Search(len(blocks), func(i int) bool { return blocks[i].Line > line }); i < len(blocks) {
		end = blocks[i].Line
	}
	return r.Start.Line < end && r.End.Line >= line
}

// isDDL reports whether every statement of text defines structure
// (CREATE, ALTER, DROP, COMMENT …) or only sets up the session the way
// dump tools write around it, and there is at least one CREATE: a schema
// kept as code, or the output of pg_dump -s (SET, SELECT
// pg_catalog.set_config(…), GRANT/REVOKE, \restrict lines), mysqldump
// --no-data (/*!40101 SET … */, LOCK TABLES) or sqlite3 .schema, which can
// be compared with a database. Verbs are read by sqltext.Classify, which
// sees through MySQL's executable comments.
func isDDL(d analysis.Dialect, stmts []analysis.Statement, text string) bool {
	creates := 0
	for _, st := range stmts {
		if st.Command {
			continue // psql \restrict, \connect …: the loader leaves them out
		}
		stmt := skipSandbox(st.Text(text))
		c := sqltext.Classify(d, stmt)
		switch c.Verb {
		case "":
			continue // only comments
		case "CREATE":
			creates++
		case "SELECT":
			// pg_dump's SELECT pg_catalog.set_config('search_path', '', false)
			// and setval(…): they set up the session, they read nothing.
			low := strings.ToLower(stmt)
			if !strings.Contains(low, "set_config(") && !strings.Contains(low, "setval(") {
				return false
			}
		case "ALTER", "DROP", "COMMENT", "PRAGMA", "SET", "BEGIN", "START", "COMMIT", "USE",
			"GRANT", "REVOKE", "LOCK", "UNLOCK", "DELIMITER":
		default:
			return false
		}
	}
	return creates > 0
}

// skipSandbox drops the sandbox line current mariadb-dump writes first
// (/*M!999999\- enable the sandbox mode */, a client command in a
// comment, without a semicolon, so it heads the first statement).
func skipSandbox(stmt string) string {
	t := strings.TrimSpace(stmt)
	if strings.HasPrefix(t, "/*M!999999\\-") {
		if end := strings.Index(t, "*/"); end >= 0 {
			return t[end+2:]
		}
	}
	return stmt
}
