package drivers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dbls/dbls/drivers/schema"
)

// stub is a registry entry, not a database: the registry and URL parser only
// read manifests.
type stub struct{ m Manifest }

func (s stub) Manifest() Manifest { return s.m }
func (s stub) Open(context.Context, Params) (Conn, error) {
	return nil, fmt.Errorf("stub %s cannot open", s.m.ID)
}

func register(t *testing.T, m Manifest) {
	Register(stub{m})
	t.Cleanup(func() { Unregister(m.ID) })
}

func TestRegistry(t *testing.T) {
	register(t, Manifest{ID: "zz", Aliases: []string{"ZZ2"}})
	register(t, Manifest{ID: "aa"})
	if d, ok := Lookup("zz2"); !ok || d.Manifest().ID != "zz" {
		t.Fatal("alias lookup failed")
	}
	if _, ok := Lookup("ZZ"); !ok {
		t.Fatal("lookup is case-sensitive")
	}
	ids := IDs()
	if ids[0] != "aa" || ids[len(ids)-1] != "zz" {
		t.Fatalf("IDs not sorted: %v", ids)
	}
	if _, err := Get("nope"); err == nil || !strings.Contains(err.Error(), "aa, ") {
		t.Fatalf("Get(nope) = %v, want the registered list", err)
	}
	for _, dup := range []Manifest{{ID: "zz"}, {ID: "new", Aliases: []string{"zz2"}}, {ID: "zz2"}, {ID: ""}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%+v) did not panic", dup)
				}
			}()
			Register(stub{dup})
		}()
	}
}

func TestParseURL(t *testing.T) {
	register(t, Manifest{ID: "pgx", Aliases: []string{"pgxql"}, DefaultPort: 5432})
	register(t, Manifest{ID: "lite", Capabilities: Capabilities{FileBased: true}})
	cases := []struct {
		in   string
		want Params
	}{
		{"pgx://u:p%40ss@db.example:6432/app?sslmode=require",
			Params{Driver: "pgx", Scheme: "pgx", Host: "db.example", Port: 6432, User: "u", Password: "p@ss", Database: "app", Options: map[string]string{"sslmode": "require"}}},
		{"PGXQL://h/app", Params{Driver: "pgx", Scheme: "pgxql", Host: "h", Port: 5432, Database: "app"}},
		{"pgx:///app", Params{Driver: "pgx", Scheme: "pgx", Host: "127.0.0.1", Port: 5432, Database: "app"}},
		{"pgx://[::1]:7000/", Params{Driver: "pgx", Scheme: "pgx", Host: "::1", Port: 7000}},
		{"lite:relative/path.db", Params{Driver: "lite", Scheme: "lite", Path: "relative/path.db"}},
		{"lite:///abs/path.db", Params{Driver: "lite", Scheme: "lite", Path: "/abs/path.db"}},
		{"lite://rel.db", Params{Driver: "lite", Scheme: "lite", Path: "rel.db"}},
		{"lite::memory:", Params{Driver: "lite", Scheme: "lite", Path: ":memory:"}},
		{"lite:my%20file.db?mode=rwc", Params{Driver: "lite", Scheme: "lite", Path: "my file.db", Options: map[string]string{"mode": "rwc"}}},
	}
	for _, tc := range cases {
		got, err := ParseURL(tc.in)
		if err != nil {
			t.Errorf("ParseURL(%s): %v", tc.in, err)
			continue
		}
		if fmt.Sprint(got.Options) != fmt.Sprint(tc.want.Options) {
			t.Errorf("ParseURL(%s) options = %v, want %v", tc.in, got.Options, tc.want.Options)
		}
		got.Options, tc.want.Options = nil, nil
		if gotS, wantS := fieldsOf(got), fieldsOf(tc.want); gotS != wantS {
			t.Errorf("ParseURL(%s) =\n %s\nwant\n %s", tc.in, gotS, wantS)
		}
	}
	bad := []struct{ in, want string }{
		{"nosuch://x/y", "unknown driver \"nosuch\" (registered:"},
		{"pgx://u:secret@h:99999/db", "invalid port"},
		{"pgx:opaque", "expected pgx://"},
		{"lite:", "missing file path"},
		{"just-a-name", ErrNotURL.Error()},
	}
	for _, tc := range bad {
		_, err := ParseURL(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseURL(%s) = %v, want %q", tc.in, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("error leaks the password: %v", err)
		}
	}
}

func fieldsOf(p Params) string {
	return fmt.Sprintf("driver=%s scheme=%s host=%s port=%d user=%s pass=%s db=%s path=%s",
		p.Driver, p.Scheme, p.Host, p.Port, p.User, p.Password, p.Database, p.Path)
}

func TestParamsNeverPrintPassword(t *testing.T) {
	register(t, Manifest{ID: "pgy", DefaultPort: 1})
	p, err := ParseURL("pgy://user:hunter2@h/db?password=hunter2&sslmode=disable")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{p.String(), fmt.Sprint(p), fmt.Sprintf("%v %+v %#v %s", p, p, p, p),
		fmt.Errorf("open %v: boom", p).Error()} {
		if strings.Contains(s, "hunter2") {
			t.Fatalf("password printed: %s", s)
		}
	}
	if !strings.Contains(p.String(), "user:xxxxx@h:1/db") {
		t.Fatalf("String() = %s", p.String())
	}
	if _, err := ParseURL("nosuch://user:hunter2@h/db"); strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("unknown-driver error leaks the password: %v", err)
	}
}

func TestFilterAndLineColumn(t *testing.T) {
	f := Filter{Schemas: []string{"a"}, Objects: []string{"t"}}
	if !f.Match("a", "t") || f.Match("b", "t") || f.Match("a", "u") || !(Filter{}).Match("x", "y") {
		t.Fatal("Filter.Match")
	}
	if l, c := LineColumn("ab\ncdé\nx", 7); l != 2 || c != 4 {
		t.Fatalf("LineColumn = %d,%d", l, c)
	}
	e := NewQueryError("SELECT\n  oops", "syntax error", "42601", 10, nil)
	if e.Error() != "syntax error (42601) at line 2, column 3" {
		t.Fatalf("QueryError = %q", e.Error())
	}
}

// TestGenericRecordsNeedCapabilities: a partial driver (no Exec, no
// Dialect) gets ErrUnsupported, not a panic.
func TestGenericRecordsNeedCapabilities(t *testing.T) {
	var c Conn = snapshotOnly{}
	ctx := context.Background()
	err := InsertRecord(ctx, c, TableRef{Name: "t"}, Record{{Column: "a", Value: 1}})
	if err == nil || !strings.Contains(err.Error(), ErrUnsupported.Error()) {
		t.Fatalf("InsertRecord = %v", err)
	}
	if err := DropView(ctx, c, ViewRef{Name: "v"}); err == nil {
		t.Fatal("DropView on a read-only driver succeeded")
	}
	if _, err := Table(ctx, c, TableRef{Name: "t"}); err != nil {
		t.Fatalf("Table = %v", err)
	}
}

type snapshotOnly struct{}

func (snapshotOnly) Ping(context.Context) error { return nil }
func (snapshotOnly) Close() error               { return nil }
func (snapshotOnly) Snapshot(context.Context, Filter) (*schema.Snapshot, error) {
	return &schema.Snapshot{DefaultSchema: "s", Schemas: []schema.Schema{{Name: "s",
		Tables: []schema.Table{{Name: "t"}}}}}, nil
}
