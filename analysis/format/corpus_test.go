package format

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	pgparser "github.com/pganalyze/pg_query_go/v6/parser"

	"github.com/dbls/dbls/drivers/sqltext"
)

var dialects = []sqltext.Dialect{sqltext.Postgres, sqltext.MySQL, sqltext.SQLite}

// corpus is every .sql file of the repository's test data and examples.
func corpus(t testing.TB) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	files := map[string]string{}
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == "node_modules" || strings.HasPrefix(e.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if !e.IsDir() && strings.HasSuffix(path, ".sql") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files[path] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 100 {
		t.Fatalf("corpus has %d files; the walk is broken", len(files))
	}
	return files
}

// dialectOf guesses a corpus file's dialect from its path.
func dialectOf(path string) sqltext.Dialect {
	p := strings.ToLower(path)
	switch {
	case strings.Contains(p, "mysql") || strings.Contains(p, "mariadb"):
		return sqltext.MySQL
	case strings.Contains(p, "sqlite"):
		return sqltext.SQLite
	}
	return sqltext.Postgres
}

// checkFormatted asserts the properties every formatting must have:
// idempotence, the same tokens (words equal but for case, so every comment
// is still there) and at most one blank line anywhere outside tokens.
func checkFormatted(t *testing.T, d sqltext.Dialect, name, src string, opt Options) string {
	t.Helper()
	out := Format(d, src, opt)
	if again := Format(d, out, opt); again != out {
		t.Errorf("%s (%s): not idempotent:\n--- once\n%s\n--- twice\n%s", name, d, out, again)
	}
	if msg := tokenDiff(d, src, out); msg != "" {
		t.Errorf("%s (%s): tokens changed: %s\n--- formatted\n%s", name, d, msg, out)
	}
	return out
}

// tokenDiff compares the tokens of two texts, words by ASCII case.
func tokenDiff(d sqltext.Dialect, a, b string) string {
	at, bt := sqltext.Lex(d, a), sqltext.Lex(d, b)
	for i := 0; i < len(at) || i < len(bt); i++ {
		if i >= len(at) || i >= len(bt) {
			return "token counts differ"
		}
		x, y := at[i], bt[i]
		xs, ys := x.Text(a), y.Text(b)
		if x.Kind == sqltext.Word {
			xs, ys = upper(xs), upper(ys)
		}
		if x.Kind != y.Kind || xs != ys {
			return x.Kind.String() + " " + xs + " became " + y.Kind.String() + " " + ys
		}
	}
	return ""
}

// TestCorpus formats every file of the corpus in every dialect, and checks
// that PostgreSQL parses each statement of the result to the same tree
// (pg_query fingerprint) as before.
func TestCorpus(t *testing.T) {
	shaped, fingerprints, guessed := 0, 0, 0
	for name, src := range corpus(t) {
		for _, d := range dialects {
			for _, opt := range []Options{{}, {KeywordCase: Lower, Indent: "\t"}} {
				out := checkFormatted(t, d, name, src, opt)
				if d == sqltext.Postgres && opt.KeywordCase == Upper {
					fingerprints += sameTrees(t, name, src, out)
				}
				if d == dialectOf(name) && out != src {
					shaped++
				}
			}
		}
		// As an unbound document: laid out as PostgreSQL, read alike by all.
		out := Format(sqltext.Postgres, src, Options{Guessed: true})
		for _, d := range dialects {
			if msg := tokenDiff(d, src, out); msg != "" {
				t.Errorf("%s guessed, read as %s: %s", name, d, msg)
			}
		}
		if out != src {
			guessed++
		}
	}
	if guessed < 100 {
		t.Errorf("only %d files changed when the dialect is a guess", guessed)
	}
	// The corpus is mostly DDL in one line per statement: most files must
	// change, or the formatter silently leaves everything as written.
	if shaped < 150 {
		t.Errorf("only %d files changed by formatting", shaped)
	}
	if fingerprints < 1000 {
		t.Errorf("only %d statements compared by fingerprint", fingerprints)
	}
	t.Logf("%d file formattings changed text (%d with a guessed dialect), %d statements kept their PostgreSQL parse tree", shaped, guessed, fingerprints)
}

// locations are the byte offsets in pg_query's JSON trees, which move
// when white space changes.
var locations = regexp.MustCompile(`"(stmt_)?(location|len)":\d+,?`)

// tree is a statement's parse tree without offsets: unlike the
// fingerprint it keeps constants, so strings joined across a line break show.
func tree(sql string) (string, error) {
	j, err := pgparser.ParseToJSON(sql)
	return locations.ReplaceAllString(j, ""), err
}

// sameTrees compares the pg_query fingerprints and parse trees (without
// offsets) of the statements of two texts, for those of src that
// PostgreSQL parses; it returns how many.
func sameTrees(t *testing.T, name, src, out string) int {
	t.Helper()
	before, after := sqltext.Split(sqltext.Postgres, src), sqltext.Split(sqltext.Postgres, out)
	if len(before) != len(after) {
		t.Errorf("%s: %d statements became %d", name, len(before), len(after))
		return 0
	}
	n := 0
	for i, st := range before {
		if st.Command {
			continue
		}
		want, err := pgparser.FingerprintToHexStr(st.Text(src))
		if err != nil {
			continue
		}
		got, err := pgparser.FingerprintToHexStr(after[i].Text(out))
		wantTree, _ := tree(st.Text(src))
		gotTree, _ := tree(after[i].Text(out))
		if err != nil || got != want || gotTree != wantTree {
			t.Errorf("%s: statement %d parses differently after formatting (%v):\n%s\n--- became\n%s", name, i, err, st.Text(src), after[i].Text(out))
			continue
		}
		n++
	}
	return n
}

// TestTreeComparison keeps the corpus check honest: trees ignore white
// space and keyword case but see constants and names.
func TestTreeComparison(t *testing.T) {
	a, _ := tree("select 1 from t")
	b, _ := tree("SELECT\n  1\nFROM t")
	c, _ := tree("SELECT 2 FROM t")
	if a == "" || a != b || a == c {
		t.Fatalf("trees: %q %q %q", a, b, c)
	}
}
