package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dustin/go-humanize"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/server/i18n"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/export"
	"github.com/dbls/dbls/server/runner"
)

// Commands that run SQL and page, cancel and export its results.
const (
	CmdExecuteQuery  = "dbls.executeQuery"
	CmdCancelQuery   = "dbls.cancelQuery"
	CmdNextPage      = "dbls.nextPage"
	CmdExportResults = "dbls.exportResults"
)

// defaultLimit is the page size when the client names none.
const defaultLimit = 100

// queryState is the server's side of package runner: the runner, made on
// first use, and which document started each running statement.
type queryState struct {
	once sync.Once
	r    *runner.Runner

	mu       sync.Mutex
	from     map[string]string // running query id → document URI
	resolver *connect.Resolver // the one the runner's connections came from
}

// runner returns the session's runner. The connections it keeps were
// opened through one resolver; when the configuration has replaced it
// (other credentials, readonly, tunnels), they are dropped.
func (s *Server) runner() *runner.Runner {
	s.queries.once.Do(func() {
		r := runner.New(func(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error) {
			return s.currentResolver().Open(ctx, arg)
		}, 0)
		s.queries.mu.Lock()
		s.queries.r = r
		s.queries.from = map[string]string{}
		s.queries.mu.Unlock()
		s.spawn(pruneResults)
	})
	res := s.currentResolver()
	s.queries.mu.Lock()
	changed := s.queries.resolver != nil && s.queries.resolver != res
	s.queries.resolver = res
	s.queries.mu.Unlock()
	if changed {
		s.queries.r.Reset()
	}
	result, cache := res.Config.ResultLimits()
	s.queries.r.SetLimits(runner.Limits{Result: result, Cache: cache})
	return s.queries.r
}

// closeQueries closes the runner's connections as the session ends.
func (s *Server) closeQueries() {
	s.queries.mu.Lock()
	r := s.queries.r
	s.queries.mu.Unlock()
	if r != nil {
		r.Close()
	}
}

// queryTimeout is the configured query_timeout.
func (s *Server) queryTimeout() time.Duration {
	return s.currentResolver().Config.QueryTimeoutDuration()
}

// queryArgs is the object dbls.executeQuery takes. The SQL is sql, or
// statement (its index in the document), or what range covers: a
// selection runs as it is, an empty range runs the statement around it.
type queryArgs struct {
	URI        string          `json:"uri"`
	Range      *protocol.Range `json:"range"`
	Statement  *int            `json:"statement"`
	SQL        string          `json:"sql"`
	Connection string          `json:"connection"`
	Limit      *int            `json:"limit"`
	Page       int             `json:"page"`
	Force      bool            `json:"force"`
	Explain    bool            `json:"explain"`
	Format     string          `json:"format"`
	QueryID    string          `json:"queryId"`
	Open       *bool           `json:"open"`
}

const queryArgsShape = `{"uri": …, "range" | "statement" | "sql": …, "connection"?, "limit"?, "page"?, "force"?, "explain"?, "format"?, "queryId"?, "open"?}`

// QueryResult is the reply to dbls.executeQuery and dbls.nextPage.
type QueryResult struct {
	QueryID    string `json:"queryId"`
	Connection string `json:"connection"`
	Statement  string `json:"statement"` // the leading verb
	// SQL is the text that ran, so that a client can run it again.
	SQL     string                 `json:"sql"`
	Columns []drivers.ResultColumn `json:"columns"`
	Rows    [][]any                `json:"rows"`
	// Affected is the row count of a statement without a result set.
	Affected  *int64  `json:"affected,omitempty"`
	HasMore   bool    `json:"hasMore"`
	Page      int     `json:"page"`
	Limit     int     `json:"limit"`
	ElapsedMs float64 `json:"elapsedMs"`
	// Document is the file: URI of the readable result document, Path
	// its local path.
	Document string `json:"document"`
	Path     string `json:"path"`
	// Editable names the table the rows are rows of, its key and the
	// table column of each result column, when the statement is a SELECT
	// of one table with a key in the result; NotEditable says why not, for
	// other result sets. Only dbls.executeQuery answers them: a client
	// keeps them for the later pages.
	Editable    *Editable `json:"editable,omitempty"`
	NotEditable string    `json:"notEditable,omitempty"`
	// Text is the page as an aligned text table with a summary line, for
	// clients that show a command's reply but cannot open the document
	// (no window/showDocument); empty for those that can.
	Text string `json:"text,omitempty"`
}

func init() {
	registerCommand(CmdExecuteQuery, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a queryArgs
		if err := objectArg(CmdExecuteQuery, args, &a, queryArgsShape); err != nil {
			return nil, nil, err
		}
		return s.executeQuery(ctx, a)
	})
	registerCommand(CmdNextPage, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a queryArgs
		if err := objectArg(CmdNextPage, args, &a, `{"queryId": …, "format"?, "open"?}`); err != nil {
			return nil, nil, err
		}
		if a.QueryID == "" {
			return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s needs {\"queryId\": …}", CmdNextPage)
		}
		return nil, func() (any, error) {
			res, err := s.runner().Next(ctx, a.QueryID)
			if err != nil {
				return nil, s.queryError(err)
			}
			return s.answer(ctx, res, a)
		}, nil
	})
	registerCommand(CmdCancelQuery, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a struct {
			QueryID string `json:"queryId"`
			URI     string `json:"uri"`
		}
		if err := objectArg(CmdCancelQuery, args, &a, `{"queryId": …} or {"uri": …}`); err != nil {
			return nil, nil, err
		}
		if a.QueryID == "" && a.URI == "" {
			return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s needs {\"queryId\": …} or {\"uri\": …}", CmdCancelQuery)
		}
		return s.cancelQueries(a.QueryID, a.URI), nil, nil
	})
	registerCommand(CmdExportResults, func(s *Server, ctx context.Context, args []json.RawMessage) (any, func() (any, error), error) {
		var a exportArgs
		if err := objectArg(CmdExportResults, args, &a, exportArgsShape); err != nil {
			return nil, nil, err
		}
		return s.exportResults(ctx, a)
	})
}

// CancelResult is the reply to dbls.cancelQuery: the ids cancelled.
type CancelResult struct {
	Cancelled []string `json:"cancelled"`
}

func (s *Server) cancelQueries(id, uri string) CancelResult {
	r := s.runner()
	out := CancelResult{Cancelled: []string{}}
	var ids []string
	if id != "" {
		ids = append(ids, id)
	} else {
		s.queries.mu.Lock()
		for q, from := range s.queries.from {
			if from == uri {
				ids = append(ids, q)
			}
		}
		s.queries.mu.Unlock()
	}
	for _, q := range ids {
		if r.Cancel(q) {
			out.Cancelled = append(out.Cancelled, q)
		}
	}
	return out
}

func (s *Server) executeQuery(ctx context.Context, a queryArgs) (any, func() (any, error), error) {
	arg, e, text, err := s.querySource(ctx, a)
	if err != nil {
		return nil, nil, err
	}
	if _, err := s.exportFormat(a.Format); err != nil {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %v", CmdExecuteQuery, err)
	}
	d := analysis.Dialect(e.src.Driver)
	if a.Explain {
		// EXPLAIN covers the first statement only: the rest would run.
		if n := len(runnable(analysis.Split(d, text))); n != 1 {
			return nil, nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, i18n.T(s.language(), "query.explainOne", n))
		}
		text = explain(d, text)
	}
	limit := defaultLimit
	if a.Limit != nil {
		limit = max(*a.Limit, 0)
	}
	req := runner.Request{ID: a.QueryID, Connection: arg, Dialect: d, SQL: text, Limit: limit, Page: a.Page,
		Force: a.Force, Timeout: s.queryTimeout()}
	return nil, func() (any, error) {
		stop := s.slowProgress(i18n.T(s.language(), "query.progress", firstLine(text)))
		res, err := s.runTracked(ctx, a.URI, req)
		stop()
		if err != nil && !req.Force && s.confirmUnbounded(ctx, err) {
			req.Force = true
			res, err = s.runTracked(ctx, a.URI, req)
		}
		if err != nil {
			return nil, s.queryError(err)
		}
		if res.Class.DDL {
			s.refreshAfterDDL(e)
		}
		s.publish(plugin.Event{Kind: plugin.QueryExecuted, Conn: e.src.Label, URI: a.URI, SQL: text})
		out, err := s.answer(ctx, res, a)
		if err == nil && !a.Explain {
			// The first run of a session may end before the snapshot's
			// first load, which started with it: whether the rows can be
			// edited needs the catalog. The wait is bounded as completion's
			// is: past it the rows come without editing (and say why).
			t := time.NewTimer(s.opts.FirstLoadWait)
			select {
			case <-e.ready:
			case <-t.C:
			case <-ctx.Done():
			}
			t.Stop()
			out.Editable, out.NotEditable = s.editable(e, d, res)
		}
		return out, err
	}, nil
}

// runTracked runs req, remembering which document started it so that
// dbls.cancelQuery can cancel by document.
func (s *Server) runTracked(ctx context.Context, uri string, req runner.Request) (*runner.Result, error) {
	r := s.runner()
	if req.ID == "" {
		req.ID = s.newQueryID()
	}
	s.queries.mu.Lock()
	s.queries.from[req.ID] = uri
	s.queries.mu.Unlock()
	defer func() {
		s.queries.mu.Lock()
		delete(s.queries.from, req.ID)
		s.queries.mu.Unlock()
	}()
	return r.Run(ctx, req)
}

// newQueryID names a run: unique in the process (the session's tag tells
// sessions apart), and a safe file name.
func (s *Server) newQueryID() string {
	return fmt.Sprintf("q%d-%s-%d", os.Getpid(), s.queryTag, s.querySeq.Add(1))
}

// connectionOf finds the connection argument a command names, or its
// document is bound to, and its cache entry. Snapshot files are refused:
// nothing runs on them.
func (s *Server) connectionOf(ctx context.Context, docURI, connection string) (string, *entry, error) {
	arg := connection
	if arg == "" {
		if doc, ok := s.docs.get(docURI); ok {
			arg = s.connectionFor(docURI, doc.Text)
		}
	}
	lang := s.language()
	if arg == "" {
		return "", nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, i18n.T(lang, "query.noConnection", docURI))
	}
	if strings.HasPrefix(arg, snapshotScheme) {
		return "", nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, i18n.T(lang, "query.snapshotOnly", arg))
	}
	e, err := s.entryFor(ctx, docURI, arg)
	if err != nil {
		return "", nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %v", err)
	}
	return arg, e, nil
}

// querySource finds the connection argument, its cache entry and the SQL
// a run names.
func (s *Server) querySource(ctx context.Context, a queryArgs) (arg string, e *entry, sql string, err error) {
	if arg, e, err = s.connectionOf(ctx, a.URI, a.Connection); err != nil {
		return "", nil, "", err
	}
	doc, open := s.docs.get(a.URI)
	lang := s.language()
	d := analysis.Dialect(e.src.Driver)
	switch {
	case a.SQL != "":
		sql = a.SQL
	case !open:
		return "", nil, "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: %s is not open (or pass \"sql\")", CmdExecuteQuery, a.URI)
	case a.Statement != nil:
		stmts := runnable(doc.an.Statements(d))
		if *a.Statement < 0 || *a.Statement >= len(stmts) {
			return "", nil, "", jsonrpc2.NewError(jsonrpc2.InvalidParams, i18n.T(lang, "query.noStatementIndex", *a.Statement, len(stmts)))
		}
		sql = stmts[*a.Statement].Text(doc.Text)
	case a.Range != nil:
		start := OffsetOf(doc.Text, a.Range.Start.Line, a.Range.Start.Character)
		end := OffsetOf(doc.Text, a.Range.End.Line, a.Range.End.Character)
		if end > start {
			sql = strings.TrimSpace(doc.Text[start:end])
			sql = strings.TrimSpace(strings.TrimSuffix(sql, ";"))
		} else if st, ok := statementToRun(runnable(doc.an.Statements(d)), doc.Text, start); ok {
			sql = st.Text(doc.Text)
		}
		if sql == "" {
			return "", nil, "", jsonrpc2.NewError(jsonrpc2.InvalidParams, i18n.T(lang, "query.noStatement", a.Range.Start.Line+1))
		}
	default:
		return "", nil, "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "dbls: %s: want %s", CmdExecuteQuery, queryArgsShape)
	}
	return arg, e, sql, nil
}

// runnable drops client command lines (psql \d …), which no server runs.
func runnable(stmts []analysis.Statement) []analysis.Statement {
	out := stmts[:0:0]
	for _, st := range stmts {
		if !st.Command {
			out = append(out, st)
		}
	}
	return out
}

// explain asks the engine for the statement's plan.
func explain(d analysis.Dialect, sql string) string {
	if d == analysis.SQLite {
		return "EXPLAIN QUERY PLAN " + sql
	}
	return "EXPLAIN " + sql
}

// hasExplain reports whether the engine has EXPLAIN.
func hasExplain(d analysis.Dialect) bool {
	switch d {
	case analysis.Postgres, analysis.MySQL, analysis.SQLite, "mariadb":
		return true
	}
	return false
}

func firstLine(sql string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(sql), "\n")
	if r := []rune(line); len(r) > 60 {
		line = string(r[:60]) + "…"
	}
	return line
}

// refreshAfterDDL re-reads the snapshot in the background, so that
// completion knows a table the statement just created.
func (s *Server) refreshAfterDDL(e *entry) {
	s.spawn(func() {
		select {
		case <-e.ready:
		case <-s.ctx.Done():
			return
		}
		s.refresh(e) //nolint:errcheck // refresh reports to the user itself
	})
}

// answer writes the result document, asks the client to show it, and
// builds the reply.
func (s *Server) answer(ctx context.Context, res *runner.Result, a queryArgs) (*QueryResult, error) {
	res = localTimes(res)
	out := &QueryResult{QueryID: res.ID, Connection: res.Connection, Statement: res.Class.Verb, SQL: res.SQL, Columns: res.Columns,
		Rows: res.Rows, HasMore: res.HasMore, Page: res.Page, Limit: res.Limit,
		ElapsedMs: float64(res.Elapsed.Microseconds()) / 1000}
	if out.Columns == nil {
		out.Columns = []drivers.ResultColumn{}
	}
	if out.Rows == nil {
		out.Rows = [][]any{}
	}
	if !res.HasResultSet() && res.RowsAffected >= 0 {
		n := res.RowsAffected
		out.Affected = &n
	}
	out.Rows = jsonRows(out.Rows)
	path, err := s.writeResultDocument(res, a.Format)
	if err != nil {
		return nil, jsonrpc2.Errorf(jsonrpc2.InternalError, "dbls: result document: %v", err)
	}
	out.Document, out.Path = fileURI(path), path
	show := a.Open == nil || *a.Open
	if s.canShowDocument() {
		if show {
			s.showDocument(out.Document)
		}
		return out, nil
	}
	out.Text = s.resultSummary(res)
	if t := s.tableText(res.Result, -1); t != "" && res.HasResultSet() {
		out.Text += "\n" + t
	}
	if show {
		s.presentResult(res, path)
	}
	return out, nil
}

// jsonRows makes every value encodable: bytes as the exporters write them
// (\x hex) rather than base64, and NaN and infinities, which JSON has no
// number for, as text.
func jsonRows(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, row := range rows {
		r := make([]any, len(row))
		for j, v := range row {
			switch x := v.(type) {
			case []byte:
				r[j] = export.Text(x)
			case float64:
				if math.IsNaN(x) || math.IsInf(x, 0) {
					r[j] = export.Text(x)
				} else {
					r[j] = x
				}
			default:
				r[j] = v
			}
		}
		out[i] = r
	}
	return out
}

// slowProgress reports $/progress for a run that lasts past
// Options.ProgressDelay.
func (s *Server) slowProgress(title string) (stop func()) {
	if s.opts.ProgressDelay <= 0 {
		end := s.beginProgress(title)
		return func() { end("") }
	}
	var mu sync.Mutex
	var end func(string)
	stopped := false
	t := time.AfterFunc(s.opts.ProgressDelay, func() {
		e := s.beginProgress(title)
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			e("")
			return
		}
		end = e
	})
	return func() {
		t.Stop()
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		if end != nil {
			end("")
		}
	}
}

// queryError turns a runner error into an LSP error in the client's
// language; data.reason lets a client offer the way out (run with force).
func (s *Server) queryError(err error) error {
	lang := s.language()
	var refused *runner.RefusedError
	var qe *drivers.QueryError
	reason, msg := "failed", "dbls: "+err.Error()
	data := map[string]any{}
	switch {
	case errors.As(err, &refused) && errors.Is(err, runner.ErrReadOnly):
		reason, msg = "readOnly", i18n.T(lang, "query.readOnly", refused.Verb, refused.Connection)
	case errors.As(err, &refused) && errors.Is(err, runner.ErrUnbounded):
		reason, msg = "unbounded", i18n.T(lang, "query.unbounded", refused.Verb)
	case errors.Is(err, runner.ErrTimeout):
		reason, msg = "timeout", i18n.T(lang, "query.timeout", s.queryTimeout())
	case errors.Is(err, runner.ErrCancelled):
		reason, msg = "cancelled", i18n.T(lang, "query.cancelled")
	case errors.Is(err, runner.ErrNoSession):
		reason = "noResult"
	case errors.Is(err, drivers.ErrResultTooLarge):
		limit, _ := s.currentResolver().Config.ResultLimits()
		reason, msg = "tooLarge", i18n.T(lang, "query.tooLarge", humanize.IBytes(uint64(max(limit, 0))))
	case errors.As(err, &qe):
		if qe.Line > 0 {
			data["line"], data["column"] = qe.Line, qe.Column
		}
		if qe.Code != "" {
			data["code"] = qe.Code
		}
	}
	data["reason"] = reason
	raw, _ := json.Marshal(data)
	rm := json.RawMessage(raw)
	return &jsonrpc2.Error{Code: codeRequestFailed, Message: msg, Data: &rm}
}

// statementToRun is the statement a run at offset means: the one around
// it, else the one just above when only blank space lies between (the
// cursor left on the empty line after a statement, as after typing it).
func statementToRun(stmts []analysis.Statement, text string, offset int) (analysis.Statement, bool) {
	if st, ok := analysis.StatementAt(stmts, offset); ok {
		return st, true
	}
	i := sort.Search(len(stmts), func(i int) bool { return stmts[i].Range.Start > offset }) - 1
	if i < 0 {
		return analysis.Statement{}, false
	}
	end := stmts[i].Range.End
	if stmts[i].Terminated {
		end = max(end, stmts[i].Terminator.End)
	}
	if end <= offset && strings.TrimSpace(text[end:offset]) == "" {
		return stmts[i], true
	}
	return analysis.Statement{}, false
}
