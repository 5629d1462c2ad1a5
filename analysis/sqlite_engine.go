package analysis

// SQLite diagnostics from SQLite itself: every data statement of a SQLite
// document is prepared — compiled, never stepped — against a private
// in-memory database holding the snapshot's tables, views and indexes, and
// what SQLite refuses ("no such table: x", "no such column: y", `near
// "FORM": syntax error`, "3 values for 2 columns") becomes the statement's
// diagnostics. The database is opened once per snapshot, on first use; a
// table or view is created in it when a statement first names it. It
// belongs to the Index and is closed when the Index is collected.
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

// maxEngineObjects bounds the snapshots that get an engine database (its
// lookup costs memory in the size of the catalog). Objects are created on
// first mention, because SQLite rereads its catalog on every CREATE: making
// all of 1,000 tables of 20 columns up front takes about a second, 4,000
// ten seconds.
const maxEngineObjects = 50000

// maxEngineVerdicts bounds the verdicts kept per snapshot; the cache is
// emptied when it is full.
const maxEngineVerdicts = 20000

// engineKinds are the statements that are prepared.
var engineKinds = makeSet(`SELECT WITH INSERT UPDATE DELETE REPLACE VALUES`)

// sqliteEngine is the private database of one snapshot. It holds the
// objects that the statements prepared so far have named; the others are
// created when first named.
type sqliteEngine struct {
	mu   sync.Mutex
	db   *sql.DB
	conn *sql.Conn
	// objects are the snapshot's tables and views by lower-cased name;
	// indexes maps an index's name to its table's.
	objects map[string][]engineObject
	indexes map[string]string
	// made are the names already looked at; failed those of objects
	// SQLite would not create.
	made, failed map[string]bool
	verdicts     map[string]engineVerdict
}

// engineObject is a table or view of the snapshot.
type engineObject struct {
	schema string
	table  *schema.Table
	view   *schema.View
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
	e := &sqliteEngine{db: db, conn: conn, objects: map[string][]engineObject{}, indexes: map[string]string{},
		made: map[string]bool{}, failed: map[string]bool{}, verdicts: map[string]engineVerdict{}}
	for i := range snap.Schemas {
		s := &snap.Schemas[i]
		if !strings.EqualFold(s.Name, "main") && s.Name != "" {
			// An attached database of the snapshot: an empty one here.
			if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ':memory:' AS "+sqlite.Dialect{}.QuoteIdent(s.Name)); err != nil {
				// Its objects cannot be made: statements naming them are
				// left to diagnose.go.
				for _, t := range s.Tables {
					e.made[strings.ToLower(t.Name)], e.failed[strings.ToLower(t.Name)] = true, true
				}
				for _, v := range s.Views {
					e.made[strings.ToLower(v.Name)], e.failed[strings.ToLower(v.Name)] = true, true
				}
				continue
			}
		}
		for j := range s.Tables {
			t := &s.Tables[j]
			k := strings.ToLower(t.Name)
			e.objects[k] = append(e.objects[k], engineObject{schema: s.Name, table: t})
			for _, ix := range t.Indexes {
				e.indexes[strings.ToLower(ix.Name)] = k
			}
		}
		for j := range s.Views {
			v := &s.Views[j]
			k := strings.ToLower(v.Name)
			e.objects[k] = append(e.objects[k], engineObject{schema: s.Name, view: v})
		}
	}
	return e, nil
}

// ensure creates the objects named name (lower-cased), once: a view after
// what its definition names, a table with its indexes. What SQLite will
// not create is remembered in failed, not reported.
func (e *sqliteEngine) ensure(ctx context.Context, name string) {
	if t, ok := e.indexes[name]; ok {
		e.ensure(ctx, t)
	}
	if e.made[name] {
		return
	}
	e.made[name] = true // first: a view naming itself ends here
	for _, o := range e.objects[name] {
		if o.view != nil {
			for _, n := range identNames(o.view.Definition) {
				e.ensure(ctx, n)
			}
			if !e.exec(ctx, ddl.CreateView{Schema: o.schema, View: *o.view}) {
				e.failed[name] = true
			}
			continue
		}
		if !e.exec(ctx, ddl.CreateTable{Schema: o.schema, Table: *o.table}) {
			e.failed[name] = true
			continue
		}
		for _, ix := range o.table.Indexes {
			if !strings.HasPrefix(strings.ToLower(ix.Name), "sqlite_") { // those the constraints make
				// An index that fails only loses INDEXED BY checks.
				e.exec(ctx, ddl.CreateIndex{On: ddl.On{Schema: o.schema, Table: o.table.Name}, Index: ix})
			}
		}
	}
}

// exec renders c with the SQLite driver's renderer and runs it.
func (e *sqliteEngine) exec(ctx context.Context, c ddl.Change) bool {
	stmts, err := sqlite.Driver{}.Render(c)
	if err != nil {
		return false
	}
	for _, s := range stmts {
		if _, err := e.conn.ExecContext(ctx, s); err != nil {
			return false
		}
	}
	return true
}

// identNames are the lower-cased identifiers of a SQLite text.
func identNames(text string) []string {
	var out []string
	for _, t := range Lex(SQLite, text) {
		if t.Kind == Word || t.Kind == QuotedIdent {
			out = append(out, strings.ToLower(identText(text, t)))
		}
	}
	return out
}

func (e *sqliteEngine) close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.conn.Close()
	e.db.Close()
}

// prepare compiles src, whose identifiers are names, and returns SQLite's
// verdict; false when src names an object SQLite would not create.
func (e *sqliteEngine) prepare(names []string, src string) (engineVerdict, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, n := range names {
		e.ensure(context.Background(), n)
		if e.failed[n] {
			return engineVerdict{}, false
		}
	}
	if v, ok := e.verdicts[src]; ok {
		return v, true
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
	return v, true
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
	var names []string
	for _, t := range toks {
		if t.Kind != Word && t.Kind != QuotedIdent {
			continue
		}
		n := strings.ToLower(identText(dg.text, t))
		if dg.docNames[n] {
			return false
		}
		names = append(names, n)
	}
	v, ok := e.prepare(names, dg.text[st.Range.Start:st.Range.End])
	if !ok {
		return false
	}
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
		if code == CodeSyntax {
			if j := dg.failingToken(e, names, st, toks, name, v.msg); j >= 0 {
				i = j
			}
		}
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
	// A warning, as the checks of diagnose.go give: the database may have
	// moved on since the snapshot.
	dg.add(r, SeverityWarning, code, v.msg)
	return true
}

// failingToken finds which of the tokens spelled name SQLite stopped at:
// its message gives only the token's text, and the same word may come
// earlier (the first SELECT of two statements missing the ";" between
// them). The first occurrence whose prefix SQLite rejects with the same
// message is the one; -1 when none is.
func (dg *diagnoser) failingToken(e *sqliteEngine, names []string, st Statement, toks []Token, name, msg string) int {
	for i, t := range toks {
		if !strings.EqualFold(t.Text(dg.text), name) {
			continue
		}
		if v, ok := e.prepare(names, dg.text[st.Range.Start:t.End]); ok && !v.ok && v.msg == msg {
			return i
		}
	}
	return -1
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
