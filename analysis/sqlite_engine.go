package analysis

// SQLite diagnostics from SQLite itself: every data statement of a SQLite
// document is prepared — compiled, never stepped — against a private
// in-memory database holding the snapshot's tables, views and indexes, and
// what SQLite refuses ("no such table: x", "no such column: y", `near
// "FORM": syntax error`, "3 values for 2 columns") becomes the statement's
// diagnostics. The database is built once per snapshot, on first use, and
// belongs to the Index: it is closed when the Index is collected.
//
// Only SELECT, INSERT, UPDATE, DELETE, REPLACE, VALUES and WITH are
// prepared: DDL would be refused for objects the snapshot already has, and
// statements that change the session (ATTACH, PRAGMA, transactions) are not
// ours to compile. A statement naming an object that the document creates
// or alters, or one the snapshot has but SQLite could not rebuild (a
// virtual table of a module this build lacks), is left to the checks of
// diagnose.go. So are unknown functions: the application may register its
// own.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/schema"
	"github.com/dbls/dbls/drivers/sqlite"
	sqlitelib "modernc.org/sqlite"
)

// CodeEngine is a statement SQLite refuses for a reason none of the other
// codes names.
const CodeEngine = "engine-error"

// maxEngineObjects bounds the snapshots that get an engine database:
// SQLite rereads its catalog on every CREATE, so building costs time in the
// square of the tables (about 0.5 s for 1,000 tables of 20 columns, 10 s
// for 4,000, on a loaded 2-core machine). Above it the checks of
// diagnose.go stand alone.
const maxEngineObjects = 1000

// maxEngineVerdicts bounds the verdicts kept per snapshot; the cache is
// emptied when it is full.
const maxEngineVerdicts = 20000

// engineKinds are the statements that are prepared.
var engineKinds = makeSet(`SELECT WITH INSERT UPDATE DELETE REPLACE VALUES`)

// sqliteEngine is the private database of one snapshot.
type sqliteEngine struct {
	mu   sync.Mutex
	db   *sql.DB
	conn *sql.Conn
	// failed are the lower-cased names of the snapshot's objects SQLite
	// would not create.
	failed   map[string]bool
	verdicts map[string]engineVerdict
}

// engineVerdict is what SQLite said of one statement; ok when it compiled.
type engineVerdict struct {
	ok  bool
	msg string
}

// lazyEngine is the Index's engine, built on first use; nil engine when the
// snapshot is not SQLite's, too large, or the database could not be made.
type lazyEngine struct {
	once   sync.Once
	engine *sqliteEngine
}

// sqliteEngine returns the engine database of x, building it once.
func (x *Index) sqliteEngine() *sqliteEngine {
	if x == nil || x.snap == nil || x.snap.Driver != "sqlite" {
		return nil
	}
	x.engine.once.Do(func() {
		e, err := buildEngine(x.snap)
		if err != nil || e == nil {
			return
		}
		x.engine.engine = e
		runtime.AddCleanup(x, func(e *sqliteEngine) { e.close() }, e)
	})
	return x.engine.engine
}

func buildEngine(snap *schema.Snapshot) (*sqliteEngine, error) {
	n := 0
	for _, s := range snap.Schemas {
		n += len(s.Tables) + len(s.Views)
	}
	if n > maxEngineObjects {
		return nil, nil
	}
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, fmt.Errorf("sqlite engine: %w", err)
	}
	// One connection is one in-memory database: keep it.
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite engine: %w", err)
	}
	e := &sqliteEngine{db: db, conn: conn, failed: map[string]bool{}, verdicts: map[string]engineVerdict{}}
	e.load(ctx, snap)
	return e, nil
}

// load creates the snapshot's objects: tables, then views (retried while
// some succeed, for views on views), then indexes. What fails is
// remembered, not reported.
func (e *sqliteEngine) load(ctx context.Context, snap *schema.Snapshot) {
	var r sqlite.Driver
	exec := func(c ddl.Change, name string) bool {
		stmts, err := r.Render(c)
		if err == nil {
			for _, s := range stmts {
				if _, err = e.conn.ExecContext(ctx, s); err != nil {
					break
				}
			}
		}
		if err != nil {
			e.failed[strings.ToLower(name)] = true
			return false
		}
		return true
	}
	// Attached databases first: ATTACH cannot run inside a transaction.
	for _, s := range snap.Schemas {
		if !strings.EqualFold(s.Name, "main") && s.Name != "" {
			// An attached database of the snapshot: an empty one here.
			if _, err := e.conn.ExecContext(ctx, "ATTACH DATABASE ':memory:' AS "+sqlite.Dialect{}.QuoteIdent(s.Name)); err != nil {
				e.failed[strings.ToLower(s.Name)+"."] = true
				for _, t := range s.Tables {
					e.failed[strings.ToLower(t.Name)] = true
				}
				for _, v := range s.Views {
					e.failed[strings.ToLower(v.Name)] = true
				}
			}
		}
	}
	// One transaction: a schema change per autocommit transaction costs
	// time in the size of the schema so far.
	if _, err := e.conn.ExecContext(ctx, "BEGIN"); err == nil {
		defer e.conn.ExecContext(ctx, "COMMIT")
	}
	for _, s := range snap.Schemas {
		if e.failed[strings.ToLower(s.Name)+"."] {
			continue
		}
		for _, t := range s.Tables {
			exec(ddl.CreateTable{Schema: s.Name, Table: t}, t.Name)
		}
	}
	type pending struct {
		schema string
		v      schema.View
	}
	var views []pending
	for _, s := range snap.Schemas {
		for _, v := range s.Views {
			views = append(views, pending{s.Name, v})
		}
	}
	for len(views) > 0 {
		var again []pending
		for _, p := range views {
			if !exec(ddl.CreateView{Schema: p.schema, View: p.v}, p.v.Name) {
				again = append(again, p)
			}
		}
		if len(again) == len(views) {
			break
		}
		for _, p := range again {
			delete(e.failed, strings.ToLower(p.v.Name))
		}
		views = again
	}
	for _, s := range snap.Schemas {
		for i := range s.Tables {
			t := &s.Tables[i]
			for _, ix := range t.Indexes {
				if strings.HasPrefix(strings.ToLower(ix.Name), "sqlite_") {
					continue // made by the table's constraints
				}
				// An index that fails only loses INDEXED BY checks.
				exec(ddl.CreateIndex{On: ddl.On{Schema: s.Name, Table: t.Name}, Index: ix}, ix.Name)
			}
		}
	}
}

func (e *sqliteEngine) close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.conn.Close()
	e.db.Close()
}

// prepare compiles src and returns SQLite's verdict.
func (e *sqliteEngine) prepare(src string) engineVerdict {
	e.mu.Lock()
	defer e.mu.Unlock()
	if v, ok := e.verdicts[src]; ok {
		return v
	}
	v := engineVerdict{ok: true}
	st, err := e.conn.PrepareContext(context.Background(), src)
	if err != nil {
		v = engineVerdict{msg: engineMessage(err)}
	} else {
		st.Close()
	}
	if len(e.verdicts) >= maxEngineVerdicts {
		clear(e.verdicts)
	}
	e.verdicts[src] = v
	return v
}

// engineMessage is SQLite's own message, without the driver's result-code
// wording around it.
func engineMessage(err error) string {
	msg := err.Error()
	var se *sqlitelib.Error
	if errors.As(err, &se) {
		msg = se.Error()
	}
	msg = strings.TrimPrefix(msg, "SQL logic error: ")
	if i := strings.LastIndex(msg, " ("); i > 0 && strings.HasSuffix(msg, ")") {
		if _, err := strconv.Atoi(msg[i+2 : len(msg)-1]); err == nil {
			msg = msg[:i]
		}
	}
	return msg
}

// engineCheck gives SQLite's verdict on a SQLite statement and reports
// whether it did; false leaves the statement to the checks of diagnose.go.
func (dg *diagnoser) engineCheck(x *Index, st Statement, toks []Token) bool {
	if dg.d != SQLite || !engineKinds[upperWord(dg.text, toks[0])] {
		return false
	}
	e := x.sqliteEngine()
	if e == nil {
		return false
	}
	for _, t := range toks {
		if t.Kind != Word && t.Kind != QuotedIdent {
			continue
		}
		n := strings.ToLower(identText(dg.text, t))
		if dg.docNames[n] || e.failed[n] {
			return false
		}
	}
	src := dg.text[st.Range.Start:st.Range.End]
	v := e.prepare(src)
	if v.ok {
		return true
	}
	code, qual, name := engineCode(v.msg)
	if code == "" {
		return false // an arity error (diagnose.go places it on the row), or one we keep quiet on
	}
	r := Range{Start: toks[0].Start, End: toks[len(toks)-1].End}
	switch {
	case v.msg == "incomplete input":
		last := toks[len(toks)-1]
		r = Range{Start: last.Start, End: last.End}
	case name != "":
		i := tokenNamed(dg.text, toks, qual, name)
		if i < 0 && code != CodeSyntax {
			return false // SQLite named what we cannot find: keep quiet
		}
		if code == CodeUnknownTab && i+1 < len(toks) && toks[i+1].Text(dg.text) == "(" {
			return false // a table-valued function this build lacks
		}
		if i >= 0 {
			r = Range{Start: toks[i].Start, End: toks[i].End}
		}
	}
	if code == CodeSyntax || code == CodeEngine {
		dg.add(r, SeverityError, code, v.msg)
		return true
	}
	// A name error: SQLite stops at the first; the checks of diagnose.go
	// may find the others.
	from := len(dg.out)
	dg.statement(toks)
	for _, d := range dg.out[from:] {
		if d.Code == code && d.Range.Start < r.End && r.Start < d.Range.End {
			return true // found by both: one diagnostic
		}
	}
	dg.add(r, SeverityError, code, v.msg)
	return true
}

// engineCode maps SQLite's message to a diagnostic code and the token it
// names, if any. An empty code means: say nothing.
func engineCode(msg string) (code, qual, name string) {
	named := func(c, prefix string) (string, string, string) {
		q, n := splitName(strings.TrimPrefix(msg, prefix))
		return c, q, n
	}
	switch {
	case strings.HasPrefix(msg, "no such table: "):
		c, q, n := named(CodeUnknownTab, "no such table: ")
		if q != "" && !strings.EqualFold(q, "main") {
			return "", "", "" // temp, or a database attached at run time
		}
		return c, q, n
	case strings.HasPrefix(msg, "no such column: "):
		return named(CodeUnknownCol, "no such column: ")
	case strings.HasPrefix(msg, "ambiguous column name: "):
		return named(CodeAmbiguous, "ambiguous column name: ")
	case strings.HasPrefix(msg, "near \""):
		rest := strings.TrimPrefix(msg, "near \"")
		if i := strings.LastIndex(rest, "\": "); i >= 0 {
			return CodeSyntax, "", rest[:i]
		}
		return CodeSyntax, "", ""
	case msg == "incomplete input" || strings.Contains(msg, "syntax error"):
		return CodeSyntax, "", ""
	case strings.HasPrefix(msg, "table ") && strings.Contains(msg, " has no column named "):
		return CodeUnknownCol, "", msg[strings.LastIndex(msg, " ")+1:]
	case strings.Contains(msg, " values for "), strings.Contains(msg, " values were supplied"),
		strings.Contains(msg, "must have the same number of terms"),
		strings.HasPrefix(msg, "no such function: "), strings.HasPrefix(msg, "no such module: "),
		strings.HasPrefix(msg, "no such collation sequence: "), strings.HasPrefix(msg, "no such index: "),
		strings.HasPrefix(msg, "unknown database "):
		return "", "", ""
	}
	return CodeEngine, "", ""
}

// splitName splits a name SQLite printed (schema.table, table.column) at
// its last dot.
func splitName(s string) (qual, name string) {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return "", s
}

// tokenNamed finds the token of toks that SQLite's message names: an
// identifier equal to name (without case or quotes), after qual and a dot
// when qual is set; else the first token whose text is name. -1 when none.
func tokenNamed(text string, toks []Token, qual, name string) int {
	isName := func(i int, n string) bool {
		t := toks[i]
		return (t.Kind == Word || t.Kind == QuotedIdent) && strings.EqualFold(identText(text, t), n)
	}
	for i := range toks {
		if !isName(i, name) {
			continue
		}
		if qual == "" || (i >= 2 && toks[i-1].Text(text) == "." && isName(i-2, qual)) {
			return i
		}
	}
	for i, t := range toks {
		if t.Text(text) == name {
			return i
		}
	}
	return -1
}

// identText is an identifier token's name: its text without the quotes.
func identText(text string, t Token) string {
	s := t.Text(text)
	if t.Kind == QuotedIdent && len(s) >= 2 && !t.Unterminated {
		s = s[1 : len(s)-1]
	}
	return s
}

func upperWord(text string, t Token) string {
	if t.Kind != Word {
		return ""
	}
	return strings.ToUpper(t.Text(text))
}
