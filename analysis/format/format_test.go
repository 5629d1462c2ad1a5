package format

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dbls/dbls/drivers/sqltext"
)

type formatCase struct {
	name string
	d    sqltext.Dialect
	opt  Options
	in   string
	want string
}

var formatCases = []formatCase{
	{name: "select clauses", d: sqltext.Postgres,
		in: "select a, b as c, count(*) from t join u on u.id=t.id left outer join v using (x) where a=1 and b between 1 and 2 or c is distinct from d group by a, b having count(*)>1 order by a desc limit 10 offset 5;\n",
		want: `SELECT
  a,
  b AS c,
  count(*)
FROM t
JOIN u
  ON u.id = t.id
LEFT OUTER JOIN v USING (x)
WHERE a = 1
  AND b BETWEEN 1 AND 2
  OR c IS DISTINCT FROM d
GROUP BY a, b
HAVING count(*) > 1
ORDER BY a DESC
LIMIT 10
OFFSET 5;
`},
	{name: "subqueries and CTEs", d: sqltext.Postgres,
		in: "with recursive r as (select 1 as n union all select n+1 from r where n < 10) select x from (select n as x from r where n in (select 1)) s",
		want: `WITH RECURSIVE r AS (
  SELECT
    1 AS n
  UNION ALL
  SELECT
    n + 1
  FROM r
  WHERE n < 10
)
SELECT
  x
FROM (
  SELECT
    n AS x
  FROM r
  WHERE n IN (
    SELECT
      1
  )
) s`},
	{name: "insert update delete", d: sqltext.Postgres,
		in: "insert into t (a, b) values (1, 'x'), (2, 'y') on conflict (a) do update set b = excluded.b returning *;\nupdate t set a = a - -1, b=-2 where id=$1;\ndelete from t where a = 1 -- trailing\n;\n",
		want: `INSERT INTO t (a, b)
VALUES
  (1, 'x'),
  (2, 'y')
ON CONFLICT (a) DO UPDATE
SET
  b = excluded.b
RETURNING *;
UPDATE t
SET
  a = a - -1,
  b = -2
WHERE id = $1;
DELETE FROM t
WHERE a = 1 -- trailing
;
`},
	{name: "create table and view", d: sqltext.Postgres,
		in: "create table if not exists s.foo (id integer primary key, price numeric(10,2) check (price >= 0), constraint c unique (id));\ncreate view v as select id from s.foo;\n",
		want: `CREATE TABLE IF NOT EXISTS s.foo (
  id integer PRIMARY KEY,
  price numeric(10, 2) CHECK (price >= 0),
  CONSTRAINT c UNIQUE (id)
);
CREATE VIEW v AS
SELECT
  id
FROM s.foo;
`},
	{name: "comments stay where they were", d: sqltext.Postgres,
		in: "select a, -- first\n  b /* block */, c\n  -- own line\n  from t where x = case when a then b else c end;\n",
		want: `SELECT
  a, -- first
  b /* block */,
  c
-- own line
FROM t
WHERE x = CASE WHEN a THEN b ELSE c END;
`},
	{name: "a line comment never swallows the next token", d: sqltext.Postgres,
		in:   "select count( -- why\n*) from t",
		want: "SELECT\n  count( -- why\n    *)\nFROM t"},
	{name: "bodies, meta-commands, unknown statements and COPY data as written", d: sqltext.Postgres,
		in:   "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN   \n  RETURN 1;\nEND $$;   \n\\set lim 10\n  \\c other\nselect * from t limit :lim;\nalter  table t add column c int;   \nCOPY t (a, b) FROM stdin;\n\t1\tx  \n\\.\n",
		want: "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN   \n  RETURN 1;\nEND $$;\n\\set lim 10\n  \\c other\nSELECT\n  *\nFROM t\nLIMIT :lim;\nalter  table t add column c int;\nCOPY t (a, b) FROM stdin;\n\t1\tx  \n\\.\n"},
	{name: "strings joined across lines keep their line break", d: sqltext.Postgres,
		in:   "SELECT 'a'\n  'b' AS joined;",
		want: "SELECT 'a'\n  'b' AS joined;"},
	{name: "names are never folded", d: sqltext.Postgres,
		in:   `select "Select", t.from, User_Id, ſelect from t as "from"`,
		want: "SELECT\n  \"Select\",\n  t.from,\n  User_Id,\n  ſelect\nFROM t AS \"from\""},
	{name: "lower case and tabs", d: sqltext.Postgres, opt: Options{KeywordCase: Lower, Indent: "\t"},
		in:   "SELECT A FROM T WHERE X IN (SELECT 1)",
		want: "select\n\tA\nfrom T\nwhere X in (\n\tselect\n\t\t1\n)"},
	{name: "preserve case and four spaces", d: sqltext.Postgres, opt: Options{KeywordCase: Preserve, Indent: "    "},
		in:   "Select a From t",
		want: "Select\n    a\nFrom t"},
	{name: "blank lines: at most one kept, statements on their own lines", d: sqltext.Postgres,
		in:   "\n\n-- c\n\n\n\nselect 1; select 2;\n\n\n",
		want: "-- c\n\nSELECT\n  1;\nSELECT\n  2;\n"},
	{name: "CRLF line ends kept", d: sqltext.Postgres,
		in:   "select a,\r\n b from t;\r\n",
		want: "SELECT\r\n  a,\r\n  b\r\nFROM t;\r\n"},
	{name: "operators, casts, arrays and json", d: sqltext.Postgres,
		in:   "select arr[1], x::int[], data->>'k', ARRAY[1,2], -x, a=-1, t.* from t",
		want: "SELECT\n  arr[1],\n  x::int[],\n  data ->> 'k',\n  ARRAY[1, 2],\n  -x,\n  a = -1,\n  t.*\nFROM t"},

	{name: "mysql: DELIMITER blocks as written", d: sqltext.MySQL,
		in:   "DELIMITER $$\nCREATE PROCEDURE p() BEGIN select 1; END$$\nDELIMITER ;\nselect 1;\n",
		want: "DELIMITER $$\nCREATE PROCEDURE p() BEGIN select 1; END$$\nDELIMITER ;\nSELECT\n  1;\n"},
	{name: "mysql: backticks, # comments, count(*) spacing, table names", d: sqltext.MySQL,
		in:   "select `a`, count(*), count (*) from user # the users\nwhere id in (1,2);",
		want: "SELECT\n  `a`,\n  count(*),\n  count (*)\nFROM user # the users\nWHERE id IN (1, 2);"},
	{name: "mysql: executable comments as written", d: sqltext.MySQL,
		in:   "/*!40101 SET NAMES utf8mb4 */;\nselect /*!40001 SQL_NO_CACHE */ a from t;",
		want: "/*!40101 SET NAMES utf8mb4 */;\nselect /*!40001 SQL_NO_CACHE */ a from t;"},
	{name: "mysql: insert on duplicate key, multi-table update, table options", d: sqltext.MySQL,
		in:   "insert into t (a, b) values (1, 2) on duplicate key update b = values(b), a = a + 1;\nupdate user u join orders o on o.uid = u.id set u.n = 1 where o.x > 0;\ncreate table t (id int) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
		want: "INSERT INTO t (a, b)\nVALUES (1, 2)\nON DUPLICATE KEY UPDATE b = VALUES (b), a = a + 1;\nUPDATE user u\nJOIN orders o\n  ON o.uid = u.id\nSET\n  u.n = 1\nWHERE o.x > 0;\nCREATE TABLE t (\n  id int\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;"},
	{name: "mysql: -- needs a blank to be a comment", d: sqltext.MySQL,
		in:   "select a--1 from t",
		want: "SELECT\n  a - -1\nFROM t"},

	{name: "sqlite: dot-commands, bracket names, triggers as written", d: sqltext.SQLite,
		in:   ".tables\n.mode box\nselect [a b], \"c\" from t where x glob 'a*';\ninsert or replace into t (a) values (1);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN update u set n = n + 1; END;\n",
		want: ".tables\n.mode box\nSELECT\n  [a b],\n  \"c\"\nFROM t\nWHERE x glob 'a*';\nINSERT OR REPLACE INTO t (a)\nVALUES (1);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN update u set n = n + 1; END;\n"},
	{name: "sqlite: without rowid", d: sqltext.SQLite,
		in:   "create table w (code text primary key, city text) without rowid;",
		want: "CREATE TABLE w (\n  code text PRIMARY KEY,\n  city text\n) without rowid;"},
}

func TestFormat(t *testing.T) {
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			got := checkFormatted(t, c.d, c.name, c.in, c.opt)
			if got != c.want {
				t.Errorf("got:\n%s\n--- want:\n%s", got, c.want)
			}
		})
	}
}

// apply applies edits (in order, not overlapping) to text.
func apply(text string, edits []Edit) string {
	var b strings.Builder
	at := 0
	for _, e := range edits {
		b.WriteString(text[at:e.Start])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(text[at:])
	return b.String()
}

func TestEdits(t *testing.T) {
	for _, c := range formatCases {
		edits := editsOf(c.d, c.in, c.opt)
		if got := apply(c.in, edits); got != c.want {
			t.Errorf("%s: edits give:\n%s", c.name, got)
		}
		for i := 1; i < len(edits); i++ {
			if edits[i].Start < edits[i-1].End {
				t.Errorf("%s: edits overlap: %+v", c.name, edits)
			}
		}
		if again := editsOf(c.d, c.want, c.opt); len(again) != 0 {
			t.Errorf("%s: formatted text still gets edits %+v", c.name, again)
		}
	}
}

func TestRangeEdits(t *testing.T) {
	src := "select 1;\n   select a from t;\nselect 3;\n"
	mid := strings.Index(src, "a from")
	for _, r := range [][2]int{{mid, mid}, {mid, mid + 3}, {mid - 4, mid + 9}} {
		got := apply(src, rangeEditsOf(sqltext.Postgres, src, r[0], r[1], Options{}))
		want := "select 1;\nSELECT\n  a\nFROM t;\nselect 3;\n"
		if got != want {
			t.Errorf("range %v:\n%s", r, got)
		}
	}
	// A range over two statements formats both, and nothing else.
	got := apply(src, rangeEditsOf(sqltext.Postgres, src, 2, mid, Options{}))
	if want := "SELECT\n  1;\nSELECT\n  a\nFROM t;\nselect 3;\n"; got != want {
		t.Errorf("two statements:\n%s", got)
	}
	// Past the end, or in blank space after the last statement: nothing.
	if e := rangeEditsOf(sqltext.Postgres, src, len(src)+5, len(src)+9, Options{}); len(e) != 0 {
		t.Errorf("past the end: %+v", e)
	}
}

func TestParseCase(t *testing.T) {
	for in, want := range map[string]Case{"": Upper, "UPPER": Upper, "lower": Lower, " Preserve ": Preserve} {
		if got, err := ParseCase(in); err != nil || got != want {
			t.Errorf("ParseCase(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseCase("title"); err == nil || !strings.Contains(err.Error(), "upper, lower or preserve") {
		t.Errorf("ParseCase(title): %v", err)
	}
	if IndentOf(true, 4) != "\t" || IndentOf(false, 4) != "    " || IndentOf(false, 0) != "  " {
		t.Error("IndentOf")
	}
}

// TestEditsCutOnCharacters: an edit never starts or ends inside a UTF-8
// sequence or a "\r\n", which have no LSP position.
func TestEditsCutOnCharacters(t *testing.T) {
	for _, src := range []string{"select 'é'  ,\r\n\r\n\r\n 'è' from t;\r\n", "select a\r\n\r\n\r\n\r\nfrom t", "select 'ü'from t"} {
		for _, e := range editsOf(sqltext.Postgres, src, Options{}) {
			for _, at := range []int{e.Start, e.End} {
				if at > 0 && at < len(src) && (!utf8.RuneStart(src[at]) || src[at-1] == '\r' && src[at] == '\n') {
					t.Errorf("%q: edit %+v cuts at %d", src, e, at)
				}
			}
		}
	}
}

// TestGuessedDialect: a MySQL file taken for PostgreSQL (an unbound
// document) keeps its meaning in MySQL: statements whose MySQL tokens the
// layout would change stay as written, and when a gap between statements
// lies inside a MySQL token, nothing changes at all.
func TestGuessedDialect(t *testing.T) {
	guess := Options{Guessed: true}
	for _, c := range []struct{ in, want string }{
		// In MySQL "# note, b" is a comment: laid out for PostgreSQL, ", b"
		// would leave it.
		{"select a # note, b\nfrom t;\nselect c from u;\n", "select a # note, b\nfrom t;\nSELECT\n  c\nFROM u;\n"},
		// In MySQL `a;  b` is one name, whose blanks PostgreSQL's split
		// would have squeezed.
		{"select `a;  b` from t;", "select `a;  b` from t;"},
		// What reads alike everywhere is laid out.
		{"select a, b from t where x in (1, 2);", "SELECT\n  a,\n  b\nFROM t\nWHERE x IN (1, 2);"},
	} {
		got := Format(sqltext.Postgres, c.in, guess)
		if got != c.want {
			t.Errorf("%q:\ngot:\n%s\nwant:\n%s", c.in, got, c.want)
		}
		for _, d := range dialects {
			if msg := tokenDiff(d, c.in, got); msg != "" {
				t.Errorf("%q: in %s: %s", c.in, d, msg)
			}
		}
	}
	// Without the guess, PostgreSQL's reading is all that counts.
	if got := Format(sqltext.Postgres, "select a # b from t", Options{}); got != "SELECT\n  a # b\nFROM t" {
		t.Errorf("known dialect: %q", got)
	}
}

func editsOf(d sqltext.Dialect, text string, opt Options) []Edit {
	e, err := Edits(context.Background(), d, text, opt)
	if err != nil {
		panic(err) // a background context is never done
	}
	return e
}

func rangeEditsOf(d sqltext.Dialect, text string, start, end int, opt Options) []Edit {
	e, err := RangeEdits(context.Background(), d, text, start, end, opt)
	if err != nil {
		panic(err)
	}
	return e
}

// TestCancel: a done context stops formatting a large document.
func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := largeDocument(2000)
	if _, err := Edits(ctx, sqltext.Postgres, doc, Options{}); err != context.Canceled {
		t.Errorf("Edits: %v", err)
	}
	if _, err := RangeEdits(ctx, sqltext.Postgres, doc, 0, len(doc), Options{}); err != context.Canceled {
		t.Errorf("RangeEdits: %v", err)
	}
}

// TestDeepNesting: a statement nested past maxDepth stays as written, so
// hostile input cannot make the output grow with the square of its size.
func TestDeepNesting(t *testing.T) {
	deep := "select " + strings.Repeat("(select ", 2000) + "1" + strings.Repeat(")", 2000)
	if got := Format(sqltext.Postgres, deep, Options{}); got != deep {
		t.Errorf("deep statement changed (%d bytes became %d)", len(deep), len(got))
	}
	shallow := "select " + strings.Repeat("(select ", 3) + "1" + strings.Repeat(")", 3)
	if got := Format(sqltext.Postgres, shallow, Options{}); got == shallow {
		t.Error("a shallow statement was not laid out")
	}
}
