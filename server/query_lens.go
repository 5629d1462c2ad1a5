package server

import (
	"context"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/server/i18n"
)

func init() {
	registerLenses(runLenses)
	registerActions(runActions)
	i18n.Register(i18n.English, map[string]string{
		"query.lens.run":            "▶ Run",
		"query.action.run":          "Run statement",
		"query.action.runSelection": "Run selection",
		"query.action.explain":      "Explain",
		"query.action.runForce":     "Run anyway: %s without WHERE changes every row",
		"query.progress":            "dbls: running %s",
		"query.noConnection":        "dbls: %s is bound to no connection: add a first line -- dbls: connection=NAME, or pass \"connection\"",
		"query.snapshotOnly":        "dbls: %s is a snapshot file, not a database: there is nothing to run the statement on",
		"query.noStatement":         "dbls: there is no statement at line %d",
		"query.noStatementIndex":    "dbls: there is no statement %d (the document has %d)",
		"query.explainOne":          "dbls: Explain takes one statement, not %d",
		"query.readOnly":            "dbls: %s refused: connection %s is read-only",
		"query.unbounded":           "dbls: %s without WHERE would change every row of the table; run it again with \"force\": true to confirm",
		"query.timeout":             "dbls: the statement ran past query_timeout (%s) and was cancelled",
		"query.cancelled":           "dbls: the statement was cancelled",
		"query.tooLarge":            "dbls: the result is larger than result_max_bytes (%s), so the editor does not keep it: page through it (\"limit\" and dbls.nextPage), or export every row outside the server: dbls query CONNECTION \"SQL\" --limit 0 --format csv > result.csv",
		"query.doc.title":           "Result %s",
		"query.doc.summary":         "%s · page %d · %s",
		"query.doc.more":            "More rows: run `%s` with `{\"queryId\": \"%s\"}`.",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"query.lens.run":            "▶ 运行",
		"query.action.run":          "运行语句",
		"query.action.runSelection": "运行选中内容",
		"query.action.explain":      "查看执行计划",
		"query.action.runForce":     "仍然运行：没有 WHERE 的 %s 会修改每一行",
		"query.progress":            "dbls：正在运行 %s",
		"query.noConnection":        "dbls：%s 没有绑定连接：请在第一行加上 -- dbls: connection=名称，或传入 \"connection\"",
		"query.snapshotOnly":        "dbls：%s 是快照文件而不是数据库：无法在其上运行语句",
		"query.noStatement":         "dbls：第 %d 行没有语句",
		"query.noStatementIndex":    "dbls：没有第 %d 条语句（文档共有 %d 条）",
		"query.explainOne":          "dbls：查看执行计划只能针对一条语句，而不是 %d 条",
		"query.readOnly":            "dbls：已拒绝 %s：连接 %s 是只读的",
		"query.unbounded":           "dbls：没有 WHERE 的 %s 会修改表中的每一行；如确认执行，请加上 \"force\": true 再运行",
		"query.timeout":             "dbls：语句运行超过 query_timeout（%s），已取消",
		"query.cancelled":           "dbls：语句已取消",
		"query.tooLarge":            "dbls：结果超过 result_max_bytes（%s），编辑器不保留它：请分页查看（\"limit\" 与 dbls.nextPage），或在服务器之外导出全部行：dbls query 连接 \"SQL\" --limit 0 --format csv > result.csv",
		"query.doc.title":           "结果 %s",
		"query.doc.summary":         "%s · 第 %d 页 · %s",
		"query.doc.more":            "还有更多行：以 `{\"queryId\": \"%[2]s\"}` 运行 `%[1]s`。",
	})
}

// runTarget is the dialect of a document's connection, when it has one
// that statements can run on. It never touches the network.
func (s *Server) runTarget(ctx context.Context, doc document) (analysis.Dialect, bool) {
	if _, ok := s.previewOf(doc.URI); ok || generated(doc.URI) {
		return "", false // a migration preview is applied item by item, never run; nothing dbls generated runs
	}
	arg := s.connectionFor(doc.URI, doc.Text)
	if arg == "" {
		return "", false
	}
	src, err := resolveSource(ctx, s.currentResolver(), arg, s.baseDir(doc.URI))
	if err != nil || src.File != "" {
		return "", false
	}
	return analysis.Dialect(src.Driver), true
}

// runLenses puts "Run" above each statement of a document bound to a
// database.
func runLenses(s *Server, ctx context.Context, doc document) []protocol.CodeLens {
	d, ok := s.runTarget(ctx, doc)
	if !ok {
		return nil
	}
	title := i18n.T(s.language(), "query.lens.run")
	stmts := runnable(doc.an.Statements(d))
	conv := newPositions(doc.Text)
	out := make([]protocol.CodeLens, 0, len(stmts))
	for i, st := range stmts {
		if i%cancelCheck == 0 && ctx.Err() != nil {
			return nil // the handler answers RequestCancelled
		}
		rng := conv.rangeOf(st.Range)
		out = append(out, protocol.CodeLens{
			Range:   protocol.Range{Start: rng.Start, End: rng.Start},
			Command: &protocol.Command{Title: title, Command: CmdExecuteQuery, Arguments: []any{queryCommandArgs{URI: doc.URI, Range: &rng}}},
		})
	}
	return out
}

// queryCommandArgs is the argument lenses and actions give
// dbls.executeQuery.
type queryCommandArgs struct {
	URI     string          `json:"uri"`
	Range   *protocol.Range `json:"range,omitempty"`
	Explain bool            `json:"explain,omitempty"`
	Force   bool            `json:"force,omitempty"`
}

// runActions offers "Run statement" at the cursor, "Run selection" for a
// non-empty selection and "Explain" where the engine has EXPLAIN.
func runActions(s *Server, ctx context.Context, doc document, p protocol.CodeActionParams) []protocol.CodeAction {
	d, ok := s.runTarget(ctx, doc)
	if !ok || !wantsKind(p.Context.Only, protocol.Source) {
		return nil
	}
	lang := s.language()
	start := OffsetOf(doc.Text, p.Range.Start.Line, p.Range.Start.Character)
	end := OffsetOf(doc.Text, p.Range.End.Line, p.Range.End.Character)
	var out []protocol.CodeAction
	action := func(title string, a queryCommandArgs) {
		out = append(out, protocol.CodeAction{Title: title, Kind: protocol.Source,
			Command: &protocol.Command{Title: title, Command: CmdExecuteQuery, Arguments: []any{a}}})
	}
	st, found := analysis.StatementAt(runnable(doc.an.Statements(d)), start)
	if found {
		rng := toRange(doc.Text, st.Range)
		action(i18n.T(lang, "query.action.run"), queryCommandArgs{URI: doc.URI, Range: &rng})
		if hasExplain(d) {
			action(i18n.T(lang, "query.action.explain"), queryCommandArgs{URI: doc.URI, Range: &rng, Explain: true})
		}
		if sqltext.Classify(d, st.Text(doc.Text)).Unbounded {
			// Choosing it is the confirmation, for clients that cannot
			// answer window/showMessageRequest (Helix).
			action(i18n.T(lang, "query.action.runForce", sqltext.Classify(d, st.Text(doc.Text)).Verb), queryCommandArgs{URI: doc.URI, Range: &rng, Force: true})
		}
	}
	if end > start {
		sel := p.Range
		action(i18n.T(lang, "query.action.runSelection"), queryCommandArgs{URI: doc.URI, Range: &sel})
	}
	return out
}

// wantsKind reports whether a client that asked only for kinds in only
// wants actions of kind k (a kind covers its sub-kinds: "source" covers
// "source.x").
func wantsKind(only []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if o == k || strings.HasPrefix(string(k), string(o)+".") {
			return true
		}
	}
	return false
}
