package format

import (
	"strings"

	"github.com/dbls/dbls/drivers/sqltext"
)

// Which words change case. A word that the layout reads as a keyword where
// it stands (SELECT opening a query, BY after GROUP, …) always does; any
// other word only when it is reserved in the dialect, so that it cannot be
// a bare identifier there. That matters beyond looks: MySQL compares
// table names and aliases by case on most systems, so a table named
// `user` must stay `user`. PostgreSQL and SQLite fold unquoted names, so
// their lists may be longer.

// reservedAll are reserved in PostgreSQL, MySQL/MariaDB and SQLite alike.
const reservedAll = `
ALL AND AS ASC BETWEEN BY CASE CHECK COLLATE CONSTRAINT CREATE CROSS DEFAULT
DESC DISTINCT ELSE EXISTS FALSE FOR FOREIGN FROM GROUP HAVING IN INNER INTO IS
JOIN LEFT LIKE LIMIT NATURAL NOT NULL ON OR ORDER OUTER PRIMARY REFERENCES RIGHT
SELECT TABLE THEN TRUE UNION UNIQUE USING WHEN WHERE WITH`

// reservedPostgres are the other words that are only ever keywords in
// PostgreSQL (reserved, or names it folds anyway).
const reservedPostgres = `
ANY ARRAY ASYMMETRIC BOTH CAST CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DO
END EXCEPT FETCH FULL ILIKE INTERSECT LATERAL LEADING OFFSET ONLY RETURNING
SIMILAR SOME SYMMETRIC TRAILING WINDOW INTERVAL`

// reservedMySQL are the other words reserved in MySQL and MariaDB.
const reservedMySQL = `
CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DELETE DIV EXCEPT INSERT INTERSECT
INTERVAL KEY MOD PARTITION REGEXP REPLACE RLIKE SET STRAIGHT_JOIN UPDATE VALUES
XOR`

// reservedSQLite are the other words SQLite never takes for a name.
const reservedSQLite = `
CURRENT_DATE CURRENT_TIME CURRENT_TIMESTAMP DELETE ESCAPE EXCEPT INSERT
INTERSECT NOTHING RETURNING SET UPDATE VALUES`

// keywordPairs are two words that together can only be keywords, in any
// dialect (PARTITION BY, NULLS FIRST, ON CONFLICT, …): both change case.
var keywordPairs = wordSet(`
PARTITION_BY NULLS_FIRST NULLS_LAST ON_CONFLICT DO_NOTHING DO_UPDATE
WITH_RECURSIVE NOT_MATERIALIZED AS_MATERIALIZED PRIMARY_KEY INSERT_INTO
REPLACE_INTO DELETE_FROM DEFAULT_VALUES IF_NOT NOT_EXISTS IF_EXISTS ON_DELETE
ON_UPDATE SET_NULL SET_DEFAULT NO_ACTION ON_DUPLICATE DUPLICATE_KEY KEY_UPDATE
UNION_ALL UNION_DISTINCT FOREIGN_KEY NOT_NULL FOR_UPDATE FOR_SHARE ORDER_BY
GROUP_BY FETCH_FIRST FETCH_NEXT ROWS_ONLY ROW_ONLY SKIP_LOCKED AT_TIME TIME_ZONE
NO_DATA WITH_DATA WITH_TIES LOCK_IN SHARE_MODE`)

// afterParen are words that are keywords right after ")": count(*) FILTER
// (…), OVER (…), WITHIN GROUP (…).
var afterParen = wordSet(`FILTER OVER WITHIN`)

var reservedBy = map[sqltext.Dialect]map[string]bool{
	sqltext.Postgres: wordSet(reservedAll + reservedPostgres),
	sqltext.MySQL:    wordSet(reservedAll + reservedMySQL),
	sqltext.SQLite:   wordSet(reservedAll + reservedSQLite),
}

var reservedOther = wordSet(reservedAll)

func reserved(d sqltext.Dialect) map[string]bool {
	if m, ok := reservedBy[d]; ok {
		return m
	}
	return reservedOther
}

func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// upper folds ASCII letters only: Unicode folding would read "ſelect"
// as SELECT and change a name.
func upper(s string) string { return mapASCII(s, 'a', 'z', 'A'-'a') }

func lower(s string) string { return mapASCII(s, 'A', 'Z', 'a'-'A') }

func mapASCII(s string, lo, hi byte, delta int) string {
	i := 0
	for i < len(s) && (s[i] < lo || s[i] > hi) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if b[i] >= lo && b[i] <= hi {
			b[i] = byte(int(b[i]) + delta)
		}
	}
	return string(b)
}

func applyCase(word string, c Case) string {
	switch c {
	case Upper:
		return upper(word)
	case Lower:
		return lower(word)
	}
	return word
}

// queryStarts are the words that open a query inside parentheses: such
// parentheses hold a subquery, laid out on lines of their own.
var queryStarts = wordSet(`SELECT WITH VALUES`)

// joinWords may stand before JOIN.
var joinWords = wordSet(`INNER LEFT RIGHT FULL CROSS NATURAL OUTER`)

// spaceBeforeParen are keywords that take a space before "(": they are
// never function names, so the space cannot change how MySQL reads them.
var spaceBeforeParen = wordSet(`
AND AS BY EXISTS FROM HAVING IN INTO JOIN LATERAL NOT ON OR OVER RETURNING
SELECT SET THEN UNION ALL ANY SOME USING VALUES WHEN ELSE WHERE WITH EXCEPT
INTERSECT TABLE`)

// exprStarts are keywords after which an expression starts, so that a "-"
// or "+" after them is a sign rather than a subtraction.
var exprStarts = wordSet(`
SELECT WHERE AND OR NOT WHEN THEN ELSE BY ON SET VALUES HAVING LIMIT OFFSET
IN IS BETWEEN LIKE CASE DEFAULT RETURNING DISTINCT ALL INTERVAL RETURN`)
