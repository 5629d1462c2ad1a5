package mysql

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	gomysql "github.com/go-sql-driver/mysql"

	"github.com/dbls/dbls/drivers"
)

// nearRE matches the tail of a MySQL/MariaDB syntax error:
// "... for the right syntax to use near 'FROM t' at line 2".
var nearRE = regexp.MustCompile(`(?s)near '(.*)' at line (\d+)$`)

// mapError turns a server error into a *drivers.QueryError with the error
// number as Code and, for syntax errors, the position of the "near" text.
// Other errors (network, context) pass through.
func mapError(sql string, err error) error {
	var me *gomysql.MySQLError
	if !errors.As(err, &me) {
		return err
	}
	code := strconv.Itoa(int(me.Number))
	m := nearRE.FindStringSubmatch(me.Message)
	if m == nil {
		return drivers.NewQueryError(sql, me.Message, code, 0, err)
	}
	line, _ := strconv.Atoi(m[2])
	pos := nearPosition(sql, m[1], line)
	e := drivers.NewQueryError(sql, me.Message, code, pos, err)
	if pos == 0 && line > 0 {
		e.Line = line
	}
	return e
}

// nearPosition finds the 1-based character offset of the server's "near"
// excerpt in sql, looking first from the reported line; 0 when not found.
// An empty excerpt means the error is at the end of the input. The server
// truncates the excerpt (to 80 characters), so a prefix match is enough.
func nearPosition(sql, near string, line int) int {
	if strings.TrimSpace(near) == "" {
		return utf8.RuneCountInString(strings.TrimRight(sql, " \t\r\n;")) + 1
	}
	start := lineStart(sql, line)
	i := strings.Index(sql[start:], near)
	if i >= 0 {
		i += start
	} else if i = strings.Index(sql, near); i < 0 {
		return 0
	}
	return utf8.RuneCountInString(sql[:i]) + 1
}

// lineStart is the byte offset where 1-based line n of s begins (0 when s
// has fewer lines).
func lineStart(s string, n int) int {
	off := 0
	for ; n > 1; n-- {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return 0
		}
		off += i + 1
	}
	return off
}
