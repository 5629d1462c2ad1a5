package mysql

import (
	"database/sql"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Column defaults are reported differently by the two flavors for the same
// table: MariaDB (10.2.7+) writes information_schema.COLUMNS.COLUMN_DEFAULT
// as SQL — string literals quoted ('abc', with ” and \\ escapes), the text
// NULL for a DEFAULT NULL, current_timestamp() in lower case with
// parentheses, expressions as printed; MySQL writes literals as raw values
// (abc, 2020-01-01), a missing value for DEFAULT NULL, CURRENT_TIMESTAMP
// in upper case, and expressions bare with DEFAULT_GENERATED in EXTRA.
//
// normalizeDefault turns both into one form, which is also valid SQL to put
// after DEFAULT:
//
//   - no default, or DEFAULT NULL (the same thing in MySQL) → nil
//   - string, temporal, enum and set literals → single-quoted, with ' and \
//     escaped as ” and \\ ('it”s', '2020-01-01')
//   - numbers → bare (0.00, -1, 1000); bit literals as written (b'101')
//   - CURRENT_TIMESTAMP, NOW() and synonyms → CURRENT_TIMESTAMP or
//     CURRENT_TIMESTAMP(n) (n > 0), upper case
//   - any other expression → as written, wrapped in exactly one pair of
//     parentheses ((uuid()), (1 + 2))
//
// Generated columns have no default: nil.
func normalizeDefault(raw sql.NullString, dataType, extra string, mariaDB bool) *string {
	if !raw.Valid || isGenerated(extra) {
		return nil
	}
	var v string
	if mariaDB {
		v = mariaDBDefault(raw.String)
	} else {
		v = mySQLDefault(raw.String, strings.ToLower(dataType), extra)
	}
	if v == "" {
		return nil
	}
	return &v
}

// mariaDBDefault reads MariaDB's SQL spelling; "" means no default.
func mariaDBDefault(v string) string {
	switch {
	case strings.EqualFold(v, "NULL"):
		return ""
	case strings.HasPrefix(v, "'"), isNumber(v), isBitOrHex(v):
		return v
	}
	if ts, ok := currentTimestamp(v); ok {
		return ts
	}
	return parenthesize(v)
}

// mySQLDefault reads MySQL's raw-value spelling.
func mySQLDefault(v, dataType, extra string) string {
	if ts, ok := currentTimestamp(v); ok {
		return ts // also MySQL 5.7, which has no DEFAULT_GENERATED
	}
	if strings.Contains(strings.ToUpper(extra), "DEFAULT_GENERATED") {
		return parenthesize(v)
	}
	switch {
	case numericTypes[dataType]:
		return v
	case dataType == "bit":
		return v
	case binaryTypes[dataType] && strings.HasPrefix(v, "0x"):
		// MySQL shows binary defaults in hex; text that is valid UTF-8 is
		// written as a string literal, as MariaDB does.
		if b, err := hex.DecodeString(v[2:]); err == nil && utf8.Valid(b) {
			return quoteLiteral(string(b))
		}
		return v
	}
	return quoteLiteral(v)
}

var numericTypes = map[string]bool{
	"tinyint": true, "smallint": true, "mediumint": true, "int": true, "integer": true,
	"bigint": true, "decimal": true, "numeric": true, "float": true, "double": true, "real": true,
}

var binaryTypes = map[string]bool{
	"binary": true, "varbinary": true, "tinyblob": true, "blob": true, "mediumblob": true, "longblob": true,
}

// quoteLiteral writes s as a single-quoted MySQL string literal.
func quoteLiteral(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

var (
	numberRE = regexp.MustCompile(`^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$`)
	bitHexRE = regexp.MustCompile(`^([bB]'[01]*'|[xX]'[0-9a-fA-F]*'|0x[0-9a-fA-F]+|0b[01]+)$`)
	nowRE    = regexp.MustCompile(`(?i)^(current_timestamp|now|localtimestamp|localtime)(\(\s*(\d*)\s*\))?$`)
)

func isNumber(v string) bool   { return numberRE.MatchString(v) }
func isBitOrHex(v string) bool { return bitHexRE.MatchString(v) }

// currentTimestamp recognizes CURRENT_TIMESTAMP and its synonyms in any
// case, with or without (n), and returns the canonical spelling.
func currentTimestamp(v string) (string, bool) {
	m := nowRE.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return "", false
	}
	if p := strings.TrimLeft(m[3], "0"); p != "" {
		return "CURRENT_TIMESTAMP(" + p + ")", true
	}
	return "CURRENT_TIMESTAMP", true
}

// normalizeOnUpdate reads "on update current_timestamp()" (MariaDB) or
// "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)" (MySQL) from EXTRA.
func normalizeOnUpdate(extra string) string {
	i := strings.Index(strings.ToLower(extra), "on update ")
	if i < 0 {
		return ""
	}
	expr := strings.TrimSpace(extra[i+len("on update "):])
	if ts, ok := currentTimestamp(expr); ok {
		return ts
	}
	return expr
}

func isGenerated(extra string) bool {
	e := strings.ToUpper(extra)
	return strings.Contains(e, "VIRTUAL GENERATED") || strings.Contains(e, "STORED GENERATED") ||
		strings.Contains(e, "PERSISTENT GENERATED")
}

// parenthesize wraps expr in parentheses unless one pair already encloses
// all of it.
func parenthesize(expr string) string {
	expr = strings.TrimSpace(expr)
	if enclosed(expr) {
		return expr
	}
	return "(" + expr + ")"
}

// unparenthesize removes one pair of parentheses enclosing all of expr;
// MySQL 8 adds one around every CHECK clause, MariaDB does not.
func unparenthesize(expr string) string {
	expr = strings.TrimSpace(expr)
	if enclosed(expr) {
		return strings.TrimSpace(expr[1 : len(expr)-1])
	}
	return expr
}

// enclosed reports whether expr's first "(" closes at its last byte;
// parentheses inside quotes and comments do not count.
func enclosed(expr string) bool {
	toks := sqltext.Lex(sqltext.MySQL, expr)
	if len(toks) < 2 || toks[0].Start != 0 || toks[0].Text(expr) != "(" || toks[len(toks)-1].End != len(expr) {
		return false
	}
	depth := 0
	for i, t := range toks {
		if t.Kind != sqltext.Punct {
			continue
		}
		switch t.Text(expr) {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth == 0 {
			return i == len(toks)-1 && t.Text(expr) == ")"
		}
	}
	return false
}
