package analysis

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql"

	_ "github.com/dbls/dbls/drivers/mysql" // registers "mysql"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/drivers/schema"
)

// The MySQL/MariaDB corpus: rental_source.sql (a Sakila-like and an
// employees-like schema with views, triggers and routines under DELIMITER,
// MariaDB's sequences, system versioning and invisible columns, rows),
// rental_queries.sql (queries users write over it) and rental_dump.sql,
// mariadb-dump's output of the database the source makes (regenerate it
// with DBLS_REGEN_MYSQL_DUMP=1 go test ./analysis/ -run TestMySQLDumpRegenerate).

const mysqlTestdata = "testdata/mysql"

func readMySQLTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(mysqlTestdata, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// loadMySQL runs script, statement by statement (DELIMITER understood), on
// one session of a new database of the test server, and returns the
// database's URL and name.
func loadMySQL(t testing.TB, scripts ...string) (url, name string) {
	t.Helper()
	url = drivertest.MySQLURL(t)
	name = url[strings.LastIndexByte(url, '/')+1:]
	db, err := sql.Open("mysql", "root@tcp("+drivertest.MySQLAddr+")/"+name)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, script := range scripts {
		for _, st := range Split(MySQL, script) {
			if st.Command {
				continue
			}
			s := st.Text(script)
			if strings.TrimSpace(s) == "" {
				continue
			}
			if _, err := conn.ExecContext(ctx, s); err != nil {
				t.Fatalf("load: %v\n%s", err, s)
			}
		}
	}
	return url, name
}

func mysqlSnapshot(t testing.TB, url string) *schema.Snapshot {
	t.Helper()
	ctx := context.Background()
	c, _, err := drivers.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	snap, err := c.Snapshot(ctx, drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// asMySQL is snap as if read from a MySQL 8 server: the syntax checks of
// the MySQL flavour apply.
func asMySQL(snap *schema.Snapshot) *schema.Snapshot {
	c := *snap
	c.ServerVersion = "8.0.40"
	return &c
}

// TestMySQLDumpSilent: the source, the queries and mariadb-dump's dump of
// the database they make raise no diagnostic, against the snapshot of the
// database (MariaDB's, and the same read as MySQL's), and without one.
func TestMySQLDumpSilent(t *testing.T) {
	source := readMySQLTestdata(t, "rental_source.sql")
	queries := readMySQLTestdata(t, "rental_queries.sql")
	dump := readMySQLTestdata(t, "rental_dump.sql")
	// MariaDB's own queries over MariaDB's objects.
	mariadbQueries := `SELECT NEXTVAL(invoice_seq), LASTVAL(invoice_seq);
SELECT NEXT VALUE FOR invoice_seq;
SELECT SETVAL(invoice_seq, 2000);
SELECT film_id, rental_rate, ROW_START, ROW_END FROM price_history FOR SYSTEM_TIME ALL ORDER BY film_id;
SELECT film_id FROM price_history WHERE rental_rate > 1;
INSERT INTO payment_audit (payment_id, old_amount) VALUES (1, 2.00) RETURNING id, changed_at;
DELETE FROM payment_audit WHERE payment_id = 1 RETURNING id;
SELECT title FROM film EXCEPT ALL SELECT name FROM category;
VALUES (1, 'a'), (2, 'b');
`
	// Every query is valid: MariaDB runs them all.
	srcURL, _ := loadMySQL(t, source, queries, mariadbQueries)
	dumpURL, _ := loadMySQL(t, dump)
	srcSnap, dumpSnap := mysqlSnapshot(t, srcURL), mysqlSnapshot(t, dumpURL)
	if !strings.Contains(strings.ToLower(srcSnap.ServerVersion), "mariadb") {
		t.Fatalf("the test server is not MariaDB: %q", srcSnap.ServerVersion)
	}
	if n := len(dumpSnap.Schemas[0].Tables); n < 15 {
		t.Fatalf("the dump made %d tables", n)
	}
	docs := []struct {
		name, text string
		snap       *schema.Snapshot
	}{
		{"source+queries", source + "\n" + queries, srcSnap},
		{"queries", queries, srcSnap},
		{"dump", dump, dumpSnap},
		{"queries on the dump's database", queries, dumpSnap},
	}
	for _, snap := range []*schema.Snapshot{srcSnap, nil} {
		if got := Diagnose(NewIndex(snap), MySQL, NewDocument(mariadbQueries)); len(got) > 0 {
			t.Errorf("MariaDB's queries: %s", describe(mariadbQueries, got))
		}
	}
	for _, d := range docs {
		for _, snap := range []*schema.Snapshot{d.snap, asMySQL(d.snap), nil} {
			flavour := "no snapshot"
			if snap != nil {
				flavour = snap.ServerVersion
			}
			got := Diagnose(NewIndex(snap), MySQL, NewDocument(d.text))
			if len(got) > 0 {
				t.Errorf("%s (%s): %d diagnostics: %s", d.name, flavour, len(got), describe(d.text, got))
			}
		}
	}
	// The checks are live on this snapshot: a wrong query is caught.
	bad := "SELECT nope FROM film;\nINSERT INTO category (category_id, name) VALUES (1, 'x', 2);\nSELECT * FROM flim;"
	got := Diagnose(NewIndex(dumpSnap), MySQL, NewDocument(bad))
	if codes := diagCodes(got); codes != "unknown-column insert-arity unknown-table" {
		t.Errorf("on the dump's snapshot got %s", describe(bad, got))
	}
}

func diagCodes(ds []Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return strings.Join(out, " ")
}

// TestMySQLDumpRegenerate writes rental_dump.sql: rental_source.sql loaded
// into MariaDB, dumped with mariadb-dump (the database's unique name
// replaced by "rental").
func TestMySQLDumpRegenerate(t *testing.T) {
	if os.Getenv("DBLS_REGEN_MYSQL_DUMP") == "" {
		t.Skip("set DBLS_REGEN_MYSQL_DUMP=1 to regenerate testdata/mysql/rental_dump.sql")
	}
	_, name := loadMySQL(t, readMySQLTestdata(t, "rental_source.sql"))
	host, port, _ := strings.Cut(drivertest.MySQLAddr, ":")
	out, err := exec.Command("mariadb-dump", "--host="+host, "--port="+port, "--user=root", "--protocol=tcp",
		"--routines", "--triggers", "--events", "--skip-dump-date", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	dump := strings.ReplaceAll(string(out), name, "rental")
	if err := os.WriteFile(filepath.Join(mysqlTestdata, "rental_dump.sql"), []byte(dump), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestMySQLLiveDumps: the conformance kit's MySQL fixture and the rental
// source, loaded into the test server and dumped by mariadb-dump now (with
// and without extended inserts, with complete inserts), raise nothing.
func TestMySQLLiveDumps(t *testing.T) {
	if _, err := exec.LookPath("mariadb-dump"); err != nil {
		t.Skip("mariadb-dump is not installed")
	}
	fixture, err := os.ReadFile(filepath.Join("..", "drivers", "drivertest", "fixtures", "rental.mysql.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []struct{ name, text string }{
		{"fixture", string(fixture)},
		{"rental_source", readMySQLTestdata(t, "rental_source.sql")},
	} {
		url, db := loadMySQL(t, src.text)
		snap := mysqlSnapshot(t, url)
		host, port, _ := strings.Cut(drivertest.MySQLAddr, ":")
		for _, opts := range [][]string{nil, {"--skip-extended-insert"}, {"--complete-insert", "--databases"}} {
			args := append([]string{"--host=" + host, "--port=" + port, "--user=root", "--protocol=tcp",
				"--routines", "--triggers", "--events"}, opts...)
			out, err := exec.Command("mariadb-dump", append(args, db)...).Output()
			if err != nil {
				t.Fatalf("mariadb-dump %v: %v", opts, err)
			}
			dump := string(out)
			for _, s := range []*schema.Snapshot{snap, asMySQL(snap), nil} {
				if got := Diagnose(NewIndex(s), MySQL, NewDocument(dump)); len(got) > 0 {
					t.Errorf("%s dumped with %v: %d diagnostics: %s", src.name, opts, len(got), describe(dump, got[:min(len(got), 5)]))
				}
			}
		}
	}
}
