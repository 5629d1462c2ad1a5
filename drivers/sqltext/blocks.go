package sqltext

// Block tracking for Split: which statements have bodies whose ';' do not
// end the statement, and where those bodies open and close.

// routineKinds are the objects created with a body that may hold ';'.
var routineKinds = map[string]bool{"TRIGGER": true, "FUNCTION": true, "PROCEDURE": true, "EVENT": true}

// otherKinds are objects without such a body; meeting one first settles
// that a CREATE is plain (CREATE TABLE trigger_log … is not a trigger).
var otherKinds = map[string]bool{
	"TABLE": true, "VIEW": true, "INDEX": true, "SCHEMA": true, "DATABASE": true,
	"SEQUENCE": true, "TYPE": true, "DOMAIN": true, "EXTENSION": true, "ROLE": true,
	"USER": true, "GROUP": true, "POLICY": true, "SERVER": true, "TABLESPACE": true,
	"COLLATION": true, "CAST": true, "OPERATOR": true, "PUBLICATION": true,
	"SUBSCRIPTION": true, "STATISTICS": true, "MATERIALIZED": true, "VIRTUAL": true,
	"CONVERSION": true, "TRANSFORM": true, "ACCESS": true, "FOREIGN": true,
	"TEXT": true, "SPATIAL": true, "FULLTEXT": true, "LOGFILE": true, "RESOURCE": true,
	"LANGUAGE": true, "UNIQUE": true, "RULE": true,
}

// mysqlCompound are the words that open a MySQL/MariaDB compound statement
// (MariaDB runs IF, CASE, LOOP, … outside stored programs too).
var mysqlCompound = map[string]bool{
	"IF": true, "CASE": true, "LOOP": true, "REPEAT": true, "WHILE": true, "FOR": true,
}

// labelled are the blocks a MySQL label may stand before (lbl: BEGIN).
var labelled = map[string]bool{
	"BEGIN": true, "LOOP": true, "REPEAT": true, "WHILE": true, "FOR": true,
}

// endSuffixes follow END to name the block it closes (END IF, END LOOP).
var endSuffixes = mysqlCompound

// stmtLeaders are the words after which a statement starts inside a MySQL
// body, which is where IF, LOOP, … open blocks rather than call functions.
var stmtLeaders = map[string]bool{
	"BEGIN": true, "THEN": true, "ELSE": true, "DO": true, "LOOP": true,
	"REPEAT": true, "ROW": true,
}

// ifStoppers end the search for THEN after IF(…): reaching one first means
// the IF was the IF() function inside a CASE expression.
var ifStoppers = map[string]bool{"WHEN": true, "ELSE": true, "END": true, "ELSEIF": true}

// lookahead bounds the searches ahead of a token, keeping Split linear on
// hostile input.
const lookahead = 256

// classify decides the mode of the statement whose first token is i.
func (s *splitter) classify(i int) stmtMode {
	switch {
	case s.isWord(i, "CREATE"):
		return s.classifyCreate(i)
	case s.d == MySQL:
		return s.classifyMySQL(i)
	}
	return plainMode
}

// classifyCreate finds the kind of object a CREATE makes, skipping what
// may stand before it (OR REPLACE, TEMP, DEFINER = u@h, CONSTRAINT, …).
func (s *splitter) classifyCreate(i int) stmtMode {
	j := i
	for n := 0; n < 32; n++ {
		j = s.nextSig(j)
		if j < 0 || s.endsLookahead(j) || s.isPunct(j, "(") {
			return plainMode
		}
		switch {
		case s.wordIn(j, routineKinds):
			return routineMode
		case s.d == Postgres && s.isWord(j, "RULE"):
			return ruleMode
		case s.wordIn(j, otherKinds):
			return plainMode
		}
	}
	return plainMode
}

// classifyMySQL recognizes the statements other than CREATE that have
// bodies: ALTER EVENT … DO BEGIN, MariaDB's BEGIN NOT ATOMIC, compound
// statements outside programs, and labelled blocks.
func (s *splitter) classifyMySQL(i int) stmtMode {
	j := s.nextSig(i)
	switch {
	case s.isWord(i, "ALTER") && s.isWord(j, "EVENT"):
		return routineMode
	case s.isWord(i, "BEGIN"):
		if s.isWord(j, "NOT") && s.isWord(s.nextSig(j), "ATOMIC") {
			return routineMode
		}
		return plainMode // BEGIN [WORK] starts a transaction
	case s.wordIn(i, mysqlCompound):
		return routineMode
	case j >= 0 && s.toks[j].Kind == Operator && s.text(j) == ":" && s.wordIn(s.nextSig(j), labelled):
		return routineMode
	}
	return plainMode
}

func (s *splitter) endsLookahead(j int) bool {
	k := s.toks[j].Kind
	return k == Delimiter || k == Command || s.isPunct(j, ";")
}

func (s *splitter) isPunct(i int, p string) bool {
	return i >= 0 && s.toks[i].Kind == Punct && s.text(i) == p
}

// track updates the block depth with token i of the statement.
func (s *splitter) track(i int) {
	switch s.mode {
	case routineMode:
		s.trackRoutine(i)
	case ruleMode:
		s.trackParens(i)
	}
}

// trackParens counts parentheses, as psql does for CREATE RULE … DO
// (INSERT …; UPDATE …).
func (s *splitter) trackParens(i int) {
	switch {
	case s.isPunct(i, "("):
		s.depth++
	case s.isPunct(i, ")") && s.depth > 0:
		s.depth--
	}
}

func (s *splitter) trackRoutine(i int) {
	if s.afterEnd {
		s.afterEnd = false
		if s.wordIn(i, endSuffixes) {
			return // END IF closes one block, the IF opens none
		}
	}
	if s.toks[i].Kind != Word {
		return
	}
	switch {
	case s.isWord(i, "END"):
		if s.depth > 0 {
			s.depth--
		}
		s.afterEnd = true
	case s.opens(i):
		s.depth++
	}
}

// opens reports whether word i opens a block closed by END. CASE always
// does (CASE … END in expressions balances too); BEGIN does except in
// PostgreSQL, where only BEGIN ATOMIC is a body; MySQL's IF, LOOP, … do
// only where a statement starts.
func (s *splitter) opens(i int) bool {
	switch {
	case s.isWord(i, "CASE"):
		return true
	case s.isWord(i, "BEGIN"):
		return s.d != Postgres || s.isWord(s.nextSig(i), "ATOMIC")
	case s.d != MySQL || !s.atStmtStart(i):
		return false
	case s.isWord(i, "IF"):
		return s.ifStatement(i)
	case s.isWord(i, "REPEAT"):
		return !s.isPunct(s.nextSig(i), "(") // not the REPEAT() function
	}
	return s.wordIn(i, mysqlCompound)
}

// atStmtStart reports whether token i begins a statement inside a MySQL
// body: first in the statement, or after ';', a label's ':', or a word
// such as THEN or BEGIN. s.last is still the token before i here.
func (s *splitter) atStmtStart(i int) bool {
	if s.first == i {
		return true
	}
	p := s.last
	switch s.toks[p].Kind {
	case Delimiter:
		return true
	case Operator:
		return s.text(p) == ":"
	case Punct:
		return s.text(p) == ";"
	case Word:
		return s.wordIn(p, stmtLeaders)
	}
	return false
}

// ifStatement tells IF cond THEN (a block) from the IF(a, b, c) function,
// which may also follow THEN or ELSE inside a CASE expression: after the
// parentheses, a statement reaches THEN before WHEN, ELSE, END or ';'.
func (s *splitter) ifStatement(i int) bool {
	j := s.nextSig(i)
	if !s.isPunct(j, "(") {
		return true
	}
	depth := 0
	for n := 0; j >= 0 && n < lookahead; j, n = s.nextSig(j), n+1 {
		switch {
		case s.endsLookahead(j):
			return false
		case s.isPunct(j, "("):
			depth++
		case s.isPunct(j, ")"):
			depth--
		case depth > 0:
		case s.isWord(j, "THEN"):
			return true
		case s.wordIn(j, ifStoppers):
			return false
		}
	}
	return false
}
