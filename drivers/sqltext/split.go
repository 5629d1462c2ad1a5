package sqltext

import (
	"sort"
	"strings"
)

// Statement is one statement of a document, or one client command line.
type Statement struct {
	// Range is the statement from its first to its last token, without the
	// terminator and without comments or whitespace around it. Comments
	// inside it are included; blank lines do not end a statement.
	Range Range
	// Terminator is the terminator's text (';', the MySQL DELIMITER, \G).
	// It is empty, at Range.End, when there is none in the text.
	Terminator Range
	// Terminated reports that the statement was complete: ended by a
	// terminator, or sent by a psql \g-style command after it. The last
	// statement of a document being typed is usually not.
	Terminated bool
	// Command marks a client command line (psql \…, mysql \…, sqlite3
	// .…) or the data of a psql COPY … FROM STDIN: not SQL, not for the
	// server's parser. DELIMITER lines are not statements at all.
	Command bool
}

// Text returns the statement's text in src, or "" if it does not fit src.
func (s Statement) Text(src string) string {
	if s.Range.Start < 0 || s.Range.Start > s.Range.End || s.Range.End > len(src) {
		return ""
	}
	return src[s.Range.Start:s.Range.End]
}

// Split divides text into statements the way the dialect's own client
// would send them: at top-level terminators, never inside strings,
// comments, quoted identifiers or dollar quotes, and not at the ';' inside
// the BEGIN … END body of a trigger, function, procedure or event
// (SQLite and MySQL triggers, MySQL routines without DELIMITER,
// PostgreSQL BEGIN ATOMIC, MariaDB BEGIN NOT ATOMIC) or inside the
// parentheses of a PostgreSQL CREATE RULE. Blank lines never split. psql
// backslash commands, COPY … FROM STDIN data and sqlite3 dot-commands are
// statements of their own, marked Command; MySQL DELIMITER lines change
// the terminator and are skipped. A body left open runs to the end of the
// text, as it would in the client.
// Statements are in document order and do not overlap.
func Split(d Dialect, text string) []Statement {
	return SplitTokens(d, text, Lex(d, text))
}

// SplitTokens is Split for a caller that already has Lex(d, text).
func SplitTokens(d Dialect, text string, toks []Token) []Statement {
	s := splitter{d: d, src: text, toks: toks, first: -1}
	for i := range toks {
		s.token(i)
	}
	s.flush(false, Range{})
	return s.out
}

// StatementAt returns the statement under the cursor at offset: the one
// whose text or terminator contains it (a cursor at either end counts), or
// else an unterminated statement before it, which the cursor is still
// typing (SELECT * FROM |). After a terminated statement the cursor is
// starting a new one, and StatementAt reports false.
func StatementAt(stmts []Statement, offset int) (Statement, bool) {
	// The first statement starting after the cursor; the one before it is
	// the only candidate, since statements are ordered and disjoint.
	i := sort.Search(len(stmts), func(i int) bool { return stmts[i].Range.Start > offset })
	if i == 0 {
		return Statement{}, false
	}
	s := stmts[i-1]
	if offset <= s.Terminator.End || !s.Terminated {
		return s, true
	}
	return Statement{}, false
}

// stmtMode says which words open and close blocks in a statement.
type stmtMode uint8

const (
	plainMode   stmtMode = iota // ';' always ends it
	routineMode                 // a trigger, routine or compound statement: BEGIN … END bodies
	ruleMode                    // PostgreSQL CREATE RULE: DO ( a; b ) with ';' inside parentheses
)

type splitter struct {
	d    Dialect
	src  string
	toks []Token
	out  []Statement

	// The statement being collected: indices of its first and last tokens
	// (first < 0 when none yet) and its block state.
	first, last int
	mode        stmtMode
	depth       int
	// afterEnd is set just after END, so that the IF of END IF (and the
	// like) closes the block instead of opening another.
	afterEnd bool
}

func (s *splitter) text(i int) string { return s.src[s.toks[i].Start:s.toks[i].End] }

func (s *splitter) token(i int) {
	t := s.toks[i]
	switch t.Kind {
	case Comment:
		if s.executableComment(t) {
			s.content(i)
		}
	case Command:
		s.command(i)
	case Delimiter:
		if s.first >= 0 && s.depth > 0 && s.text(i) == ";" {
			s.content(i) // a ';' inside a body belongs to the statement
			return
		}
		s.flush(true, Range{t.Start, t.End})
	default:
		s.content(i)
	}
}

// executableComment reports MySQL's /*! … */ and MariaDB's /*M! … */,
// which the server runs (mysqldump writes whole statements that way).
func (s *splitter) executableComment(t Token) bool {
	if s.d != MySQL {
		return false
	}
	txt := s.src[t.Start:t.End]
	return strings.HasPrefix(txt, "/*!") || strings.HasPrefix(txt, "/*M!")
}

// command ends the pending statement and adds the command line as a
// statement of its own, unless it is a DELIMITER directive.
func (s *splitter) command(i int) {
	t := s.toks[i]
	txt := s.text(i)
	s.flush(s.d == Postgres && psqlSends(txt), Range{})
	if _, ok := delimiterDirective(s.d, txt); ok {
		return
	}
	s.out = append(s.out, Statement{
		Range:      Range{t.Start, t.End},
		Terminator: Range{t.End, t.End},
		Terminated: true,
		Command:    true,
	})
}

// psqlSends reports whether a psql command sends the query buffer, so the
// statement before it is complete: \g, \gx, \gset, \gexec, \gdesc,
// \crosstabview and \watch.
func psqlSends(cmd string) bool {
	name := strings.TrimPrefix(cmd, `\`)
	if k := strings.IndexFunc(name, func(r rune) bool { return r <= ' ' || r == '\\' }); k >= 0 {
		name = name[:k]
	}
	return strings.HasPrefix(name, "g") || name == "watch" || name == "crosstabview"
}

// content adds token i to the statement being collected.
func (s *splitter) content(i int) {
	if s.first < 0 {
		s.first = i
		s.mode = s.classify(i)
		s.depth, s.afterEnd = 0, false
	}
	s.track(i)
	s.last = i
}

// flush emits the statement being collected, if it has any token.
func (s *splitter) flush(terminated bool, term Range) {
	if s.first >= 0 {
		r := Range{s.toks[s.first].Start, s.toks[s.last].End}
		if term.End <= term.Start {
			term = Range{r.End, r.End}
		}
		s.out = append(s.out, Statement{Range: r, Terminator: term, Terminated: terminated})
	}
	s.first, s.depth, s.afterEnd = -1, 0, false
}

// nextSig returns the index of the first non-comment token after i, or -1.
func (s *splitter) nextSig(i int) int {
	for j := i + 1; j < len(s.toks); j++ {
		if s.toks[j].Kind != Comment {
			return j
		}
	}
	return -1
}

// isWord reports whether token i is the word w (any case).
func (s *splitter) isWord(i int, w string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].Kind == Word && strings.EqualFold(s.text(i), w)
}

// wordIn reports whether token i is a word of set (upper-case keys). It
// folds case into a stack buffer: this runs for every word of a routine.
func (s *splitter) wordIn(i int, set map[string]bool) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].Kind != Word {
		return false
	}
	t := s.text(i)
	var buf [16]byte
	if len(t) > len(buf) {
		return false
	}
	for k := 0; k < len(t); k++ {
		c := t[k]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[k] = c
	}
	return set[string(buf[:len(t)])]
}
