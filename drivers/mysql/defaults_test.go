package mysql

import (
	"database/sql"
	"testing"
)

// TestNormalizeDefault feeds the same defaults in MariaDB's and MySQL's
// spellings and expects one form for both.
func TestNormalizeDefault(t *testing.T) {
	null := sql.NullString{}
	s := func(v string) sql.NullString { return sql.NullString{String: v, Valid: true} }
	cases := []struct {
		name               string
		mariaDB, mySQL     sql.NullString
		dataType           string
		mariaExtra, myExtr string
		want               string // "<nil>" for no default
	}{
		{"no default", null, null, "int", "", "", "<nil>"},
		{"DEFAULT NULL", s("NULL"), null, "varchar", "", "", "<nil>"},
		{"string", s("'abc'"), s("abc"), "varchar", "", "", "'abc'"},
		{"string NULL", s("'NULL'"), s("NULL"), "varchar", "", "", "'NULL'"},
		{"empty string", s("''"), s(""), "varchar", "", "", "''"},
		{"quote", s("'it''s'"), s("it's"), "varchar", "", "", "'it''s'"},
		{"backslash", s(`'a\\b'`), s(`a\b`), "varchar", "", "", `'a\\b'`},
		{"enum", s("'active'"), s("active"), "enum", "", "", "'active'"},
		{"date", s("'2024-01-01'"), s("2024-01-01"), "date", "", "", "'2024-01-01'"},
		{"integer", s("1"), s("1"), "int", "", "", "1"},
		{"negative", s("-1"), s("-1"), "bigint", "", "", "-1"},
		{"decimal", s("0.00"), s("0.00"), "decimal", "", "", "0.00"},
		{"double", s("1000"), s("1000"), "double", "", "", "1000"},
		{"bit", s("b'101'"), s("b'101'"), "bit", "", "", "b'101'"},
		{"binary", s("'abc'"), s("0x616263"), "binary", "", "", "'abc'"},
		{"now", s("current_timestamp()"), s("CURRENT_TIMESTAMP"), "timestamp", "", "DEFAULT_GENERATED", "CURRENT_TIMESTAMP"},
		{"now(3)", s("current_timestamp(3)"), s("CURRENT_TIMESTAMP(3)"), "datetime", "", "DEFAULT_GENERATED", "CURRENT_TIMESTAMP(3)"},
		{"now 5.7", s("current_timestamp()"), s("CURRENT_TIMESTAMP"), "timestamp", "", "", "CURRENT_TIMESTAMP"},
		{"function", s("uuid()"), s("uuid()"), "char", "", "DEFAULT_GENERATED", "(uuid())"},
		{"expression", s("(1 + 2)"), s("(1 + 2)"), "int", "", "DEFAULT_GENERATED", "(1 + 2)"},
		{"generated", null, null, "int", "VIRTUAL GENERATED", "VIRTUAL GENERATED", "<nil>"},
	}
	for _, tc := range cases {
		if got := deref(normalizeDefault(tc.mariaDB, tc.dataType, tc.mariaExtra, true)); got != tc.want {
			t.Errorf("%s: MariaDB %q → %s, want %s", tc.name, tc.mariaDB.String, got, tc.want)
		}
		if got := deref(normalizeDefault(tc.mySQL, tc.dataType, tc.myExtr, false)); got != tc.want {
			t.Errorf("%s: MySQL %q → %s, want %s", tc.name, tc.mySQL.String, got, tc.want)
		}
	}
}

func TestNormalizeOnUpdate(t *testing.T) {
	for in, want := range map[string]string{
		"on update current_timestamp()":                    "CURRENT_TIMESTAMP",
		"DEFAULT_GENERATED on update CURRENT_TIMESTAMP":    "CURRENT_TIMESTAMP",
		"DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)": "CURRENT_TIMESTAMP(3)",
		"on update current_timestamp(6)":                   "CURRENT_TIMESTAMP(6)",
		"auto_increment":                                   "",
	} {
		if got := normalizeOnUpdate(in); got != want {
			t.Errorf("normalizeOnUpdate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParenthesesAndUnqualify(t *testing.T) {
	for in, want := range map[string]string{
		"(`a` > 0)": "`a` > 0", "(a) + (b)": "(a) + (b)", "`a` > 0": "`a` > 0", "(')')": "')'",
		"('\\')')": "'\\')'", "(\"(\")": "\"(\"", "(`a\\`)": "`a\\`", "f(a)": "f(a)", "(a))": "(a))", "(a": "(a",
	} {
		if got := unparenthesize(in); got != want {
			t.Errorf("unparenthesize(%q) = %q, want %q", in, got, want)
		}
	}
	// '…' and "…" are strings in MySQL, with backslash escapes: nothing in
	// them is unqualified.
	def := "select `db`.`t`.`a` AS `a` from `db`.`t` where `db`.`t`.`s` = '`db`.x' and `x``db`.`y` = 1 and \"`db`.y\" <> 'it\\'s `db`.z'"
	want := "select `t`.`a` AS `a` from `t` where `t`.`s` = '`db`.x' and `x``db`.`y` = 1 and \"`db`.y\" <> 'it\\'s `db`.z'"
	if got := unqualify(def, "db"); got != want {
		t.Errorf("unqualify = %s\nwant        %s", got, want)
	}
}
