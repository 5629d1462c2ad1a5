package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/go-sql-driver/mysql"

	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestMain keeps tests away from the real user's config, store and keyring.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dbls-cmd-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	os.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	secret.UseMock()
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestSentinelSecretNeverShown runs the whole connection flow with a
// sentinel password and checks that no output, error or stored byte holds it.
func TestSentinelSecretNeverShown(t *testing.T) {
	const sentinel = "S3ntinel-Pw-9f2c"
	url := drivertest.MySQLURL(t) // a database; the user is made below
	db, err := sql.Open("mysql", "root@tcp("+drivertest.MySQLAddr+")/")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	user := drivertest.UniqueName("u") // under 32 characters, the MySQL 5.7 limit
	dbName := url[strings.LastIndex(url, "/")+1:]
	for _, q := range []string{
		"CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + sentinel + "'",
		"GRANT ALL ON `" + dbName + "`.* TO '" + user + "'@'%'",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { db.Exec("DROP USER '" + user + "'@'%'") })
	withPw := "mysql://" + user + ":" + sentinel + "@" + drivertest.MySQLAddr + "/" + dbName
	wrongPw := "mysql://" + user + ":" + sentinel + "-wrong@" + drivertest.MySQLAddr + "/" + dbName
	store := filepath.Join(t.TempDir(), "store.db")
	cfgFile := filepath.Join(t.TempDir(), "p.toml")
	os.WriteFile(cfgFile, []byte("[connections.envpw]\nurl = \"mysql://"+user+"@"+drivertest.MySQLAddr+"/"+dbName+"\"\npassword_env = \"DBLS_SENTINEL\"\n"), 0o600)
	t.Setenv("DBLS_SENTINEL", sentinel)

	steps := []struct {
		args []string
		code int
	}{
		{[]string{"conn", "add", "good", withPw}, 0},
		{[]string{"conn", "add", "bad", wrongPw}, 0},
		{[]string{"conn", "list", "--json"}, 0},
		{[]string{"conn", "list"}, 0},
		{[]string{"conn", "test", "good", "--json"}, 0},
		{[]string{"conn", "test", "envpw"}, 0},
		{[]string{"conn", "test", "bad"}, 1},
		{[]string{"inspect", "good", "--json"}, 0},
		{[]string{"query", "good", "SELECT CURRENT_USER() AS u", "--format", "json"}, 0},
		{[]string{"query", "envpw", "SELECT 1"}, 0},
		{[]string{"inspect", "bad"}, 1},
		{[]string{"inspect", wrongPw}, 1},
		{[]string{"inspect", "mysql://" + user + ":" + sentinel + "@127.0.0.1:1/x"}, 1},
		{[]string{"query", withPw, "SELEC oops"}, 1},
		{[]string{"conn", "remove", "good"}, 0},
	}
	for _, s := range steps {
		args := append([]string{"--store", store, "--config", cfgFile}, s.args...)
		out, errs, code := dbls(t, args...)
		if code != s.code {
			t.Errorf("%q: exit %d, want %d\n%s%s", s.args, code, s.code, out, errs)
		}
		if strings.Contains(out+errs, sentinel) {
			t.Errorf("%q printed the password:\n%s%s", s.args, out, errs)
		}
	}
	raw, err := os.ReadFile(store)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{store, store + "-wal"} {
		b, _ := os.ReadFile(f)
		raw = append(raw, b...)
	}
	if strings.Contains(string(raw), sentinel) {
		t.Fatal("the password reached the store file")
	}
}

func TestConnAddListRemove(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store.db")
	conn := shop(t)
	run := func(args ...string) (string, string, int) {
		return dbls(t, append([]string{"--store", store}, args...)...)
	}
	if _, errs, code := run("conn", "add", "shop", conn, "--readonly"); code != 0 {
		t.Fatal(errs)
	}
	if _, errs, code := run("conn", "add", "tunnelled", "postgres://app@10.0.0.5/app", "--ssh", "ops@bastion.example:2222",
		"--ssh-agent", "--tls-mode", "verify-full", "--password-env", "APP_PW"); code != 0 {
		t.Fatal(errs)
	}
	out, _, _ := run("conn", "list")
	for _, want := range []string{"shop", "readonly", "tunnelled", "postgres://app@10.0.0.5:5432/app", "env APP_PW",
		"tls=verify-full ssh=ops@bastion.example", "store"} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	out, errs, code := run("query", "shop", "SELECT count(*) AS n FROM orders", "--format", "csv")
	if code != 0 || out != "n\n4\n" {
		t.Fatalf("query by saved name: %q %s", out, errs)
	}
	if _, errs, code := run("query", "shop", "DELETE FROM orders"); code != 1 || !strings.Contains(errs, "readonly") {
		t.Fatalf("readonly saved connection wrote: %d %s", code, errs)
	}
	out, _, code = run("conn", "test", "shop")
	if code != 0 || !strings.Contains(out, "resolve") || !strings.Contains(out, "server") {
		t.Fatalf("conn test: %d %s", code, out)
	}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"conn", "add", "x", "not a url"}, "not a connection URL"},
		{[]string{"conn", "add", "x", "sqlite:x.db", "--ssh", "nohost"}, "want user@host"},
		{[]string{"conn", "add", "a:b", "sqlite:x.db"}, "invalid connection name"},
		{[]string{"conn", "add", "x", "postgres://u:pw@h/db", "--password-env", "E"}, "one password source"},
		{[]string{"conn", "remove", "nope"}, "no saved connection"},
		{[]string{"conn", "test", "nope"}, "connection test failed at resolve"},
	}
	for _, b := range bad {
		_, errs, code := run(b.args...)
		if code != 1 || !strings.Contains(errs, b.want) {
			t.Errorf("%q: %d %q, want %q", b.args, code, errs, b.want)
		}
	}
	if _, _, code := run("conn", "remove", "shop"); code != 0 {
		t.Fatal("remove failed")
	}
	if _, errs, code := run("query", "shop", "SELECT 1"); code != 1 || !strings.Contains(errs, "unknown connection") {
		t.Fatalf("removed name still resolves: %s", errs)
	}
}
