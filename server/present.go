package server

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plugin/export"
	"github.com/dbls/dbls/server/runner"
)

// How results, previews and confirmations reach a client whatever it
// declared. A client with window/showDocument gets the document opened; one
// without (Helix, eglot) gets a window/showMessage summary naming the file,
// and the command's reply carries the rendered text. Confirmations ask with
// window/showMessageRequest, which every common client answers; a client
// that cannot (an error reply) gets the error with the "force" hint.

// messageRows is how many rows a window/showMessage summary shows.
const messageRows = 5

// canShowDocument reports whether the client declared window/showDocument.
func (s *Server) canShowDocument() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.showDoc
}

// tableText renders res (its first n rows; n < 0: all) as an aligned text
// table through the table exporter, or "" when that exporter is disabled.
func (s *Server) tableText(res *drivers.Result, n int) string {
	w, err := export.Lookup(s.opts.Plugins, "table")
	if err != nil {
		return ""
	}
	page := *res
	if n >= 0 && len(page.Rows) > n {
		page.Rows = page.Rows[:n]
	}
	var b strings.Builder
	if err := w(&b, &page); err != nil {
		return ""
	}
	return strings.TrimRight(b.String(), "\n")
}

// resultSummary is the first line of a result message: the statement,
// the row count (or rows affected) and the page.
func (s *Server) resultSummary(res *runner.Result) string {
	lang := s.language()
	verb := res.Class.Verb
	if verb == "" {
		verb = firstLine(res.SQL)
	}
	switch {
	case res.HasResultSet():
		line := verb + " · " + i18n.N(lang, "query.rows", len(res.Rows), len(res.Rows))
		if res.Page > 1 || res.HasMore {
			line += " · " + i18n.T(lang, "query.msg.page", res.Page)
		}
		if res.HasMore {
			line += " · " + i18n.T(lang, "query.msg.more", CmdNextPage)
		}
		return line
	case res.RowsAffected >= 0:
		return verb + " · " + i18n.N(lang, "query.affected", int(res.RowsAffected), res.RowsAffected)
	}
	return verb + " · OK"
}

// presentResult shows a result to a client that cannot open the result
// document: a window/showMessage with the summary, the first rows aligned
// and the path of the document.
func (s *Server) presentResult(res *runner.Result, path string) {
	// The path is on the first line: some clients show only that one.
	msg := "dbls: " + s.resultSummary(res) + " · " + i18n.T(s.language(), "query.msg.file", path)
	if res.HasResultSet() {
		if t := s.tableText(res.Result, messageRows); t != "" {
			msg += "\n" + t
		}
		if len(res.Rows) > messageRows {
			msg += "\n" + i18n.T(s.language(), "query.msg.rest", len(res.Rows)-messageRows)
		}
	}
	s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: msg})
}

// presentPreview shows a migration preview to a client that cannot open
// it: the number of differences, the first items and the path.
func (s *Server) presentPreview(res CompareResult, path string) {
	lang := s.language()
	var b strings.Builder
	fmt.Fprintf(&b, "dbls: %s: %s · %s", i18n.T(lang, "compare.preview.from", res.Target, res.Source),
		i18n.T(lang, "compare.done", len(res.Items)+len(res.Notes)), i18n.T(lang, "query.msg.file", path))
	for i, it := range res.Items {
		if i == messageRows {
			b.WriteString("\n" + i18n.T(lang, "compare.msg.rest", len(res.Items)-messageRows))
			break
		}
		mark := " "
		if it.Selected {
			mark = "x"
		}
		fmt.Fprintf(&b, "\n[%s] %s", mark, it.Label)
	}
	s.notify("window/showMessage", protocol.ShowMessageParams{Type: protocol.MessageTypeInfo, Message: b.String()})
}

// confirmWait bounds how long a confirmation waits for the user.
const confirmWait = 10 * time.Minute

// errNoConfirm says the client cannot ask the user (it answered
// window/showMessageRequest with an error).
var errNoConfirm = errors.New("the client cannot ask for confirmation")

// confirm asks the user with window/showMessageRequest whether to go on:
// true when they chose yes, false when they chose no or dismissed it,
// errNoConfirm when the client does not handle the request.
func (s *Server) confirm(ctx context.Context, t protocol.MessageType, msg, yes, no string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, confirmWait)
	defer cancel()
	var choice *protocol.MessageActionItem
	params := protocol.ShowMessageRequestParams{Type: t, Message: msg, Actions: []protocol.MessageActionItem{{Title: yes}, {Title: no}}}
	if _, err := s.conn.Call(ctx, "window/showMessageRequest", params, &choice); err != nil {
		var je *jsonrpc2.Error
		if errors.As(err, &je) {
			return false, errNoConfirm
		}
		return false, err
	}
	return choice != nil && choice.Title == yes, nil
}

// confirmUnbounded asks whether to run a WHERE-less UPDATE or DELETE that
// the runner refused; true means run it again with force.
func (s *Server) confirmUnbounded(ctx context.Context, err error) bool {
	var refused *runner.RefusedError
	if !errors.As(err, &refused) || !errors.Is(err, runner.ErrUnbounded) {
		return false
	}
	lang := s.language()
	ok, cerr := s.confirm(ctx, protocol.MessageTypeWarning, i18n.T(lang, "query.confirm.unbounded", refused.Verb),
		i18n.T(lang, "query.confirm.run"), i18n.T(lang, "query.confirm.cancel"))
	if cerr != nil && !errors.Is(cerr, errNoConfirm) {
		s.logger.Printf("window/showMessageRequest: %v", cerr)
	}
	return ok
}

// confirmDestructive asks whether to apply chosen items that drop or
// narrow something, which the plan refused without allowDestructive;
// true means select them allowing it. Any other refusal (an unknown item,
// one without SQL) is not asked about.
func (s *Server) confirmDestructive(ctx context.Context, err error) bool {
	if !errors.Is(err, compare.ErrDestructive) || errors.Is(err, compare.ErrUnknownItem) || errors.Is(err, compare.ErrNoSQL) {
		return false
	}
	lang := s.language()
	ok, cerr := s.confirm(ctx, protocol.MessageTypeWarning, i18n.T(lang, "compare.confirm.destructive", err.Error()),
		i18n.T(lang, "compare.confirm.apply"), i18n.T(lang, "query.confirm.cancel"))
	if cerr != nil && !errors.Is(cerr, errNoConfirm) {
		s.logger.Printf("window/showMessageRequest: %v", cerr)
	}
	return ok
}

func init() {
	i18n.Register(i18n.English, map[string]string{
		"compare.confirm.destructive": "dbls: the chosen changes destroy data (%s). Apply them anyway?",
		"compare.confirm.apply":       "Apply anyway",
		"query.rows.one":              "%d row",
		"query.rows":                  "%d rows",
		"query.affected.one":          "%d row affected",
		"query.affected":              "%d rows affected",
		"query.msg.page":              "page %d",
		"query.msg.more":              "more rows: %s",
		"query.msg.rest":              "… %d more row(s) in the file",
		"query.msg.file":              "File: %s",
		"compare.msg.rest":            "… %d more item(s) in the file",
		"query.confirm.unbounded":     "dbls: %s without WHERE changes every row of the table. Run it anyway?",
		"query.confirm.run":           "Run anyway",
		"query.confirm.cancel":        "Cancel",
	})
	i18n.Register(i18n.SimplifiedChinese, map[string]string{
		"compare.confirm.destructive": "dbls：所选变更会破坏数据（%s）。仍要应用吗？",
		"compare.confirm.apply":       "仍然应用",
		"query.rows":                  "%d 行",
		"query.affected":              "影响 %d 行",
		"query.msg.page":              "第 %d 页",
		"query.msg.more":              "还有更多行：%s",
		"query.msg.rest":              "… 文件中还有 %d 行",
		"query.msg.file":              "文件：%s",
		"compare.msg.rest":            "… 文件中还有 %d 项",
		"query.confirm.unbounded":     "dbls：没有 WHERE 的 %s 会修改表中的每一行。仍要运行吗？",
		"query.confirm.run":           "仍然运行",
		"query.confirm.cancel":        "取消",
	})
}

// localTimes returns res with the values of date and time columns that
// carry no time zone (timestamp without time zone, DATETIME, a MySQL
// DATE read as a time) written as the database shows them, without the
// "Z" an RFC 3339 time would claim: drivers read them as UTC times, which
// they are not. Columns with a zone keep RFC 3339. res itself is not
// changed: the runner keeps it for the next page and exports.
func localTimes(res *runner.Result) *runner.Result {
	layouts := make([]string, len(res.Columns))
	local := false
	for i, c := range res.Columns {
		layouts[i] = localLayout(c.Type)
		local = local || layouts[i] != ""
	}
	if !local {
		return res
	}
	rows := make([][]any, len(res.Rows))
	for i, row := range res.Rows {
		r := make([]any, len(row))
		for j, v := range row {
			if t, ok := v.(time.Time); ok && j < len(layouts) && layouts[j] != "" {
				r[j] = t.Format(layouts[j])
			} else {
				r[j] = v
			}
		}
		rows[i] = r
	}
	page := *res.Result
	page.Rows = rows
	out := *res
	out.Result = &page
	return &out
}

// localLayout is how a column type without a time zone is written, or ""
// for other types.
func localLayout(typ string) string {
	switch strings.ToLower(typ) {
	case "timestamp without time zone", "timestamp", "datetime", "smalldatetime":
		return "2006-01-02 15:04:05.999999999"
	case "date":
		return "2006-01-02"
	}
	return ""
}
