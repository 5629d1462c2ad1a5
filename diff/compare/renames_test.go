package compare

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dbls/dbls/diff"
)

func TestFileRenames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema.sql")
	src := `-- dbls:renamed-from clients
CREATE TABLE "public"."Customers" (
  id int PRIMARY KEY,
  name text, -- dbls:renamed-from fullname
  -- dbls:renamed-from "Town"
  city text,
  CONSTRAINT c_check CHECK (id > 0) -- dbls:renamed-from nothing
);
CREATE TABLE orders (id int) -- dbls:renamed-from purchases
;
`
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := FileRenames(path)
	if err != nil {
		t.Fatal(err)
	}
	want := []diff.Rename{
		{Table: "Customers", From: "clients"},
		{Table: "Customers", Column: "name", From: "fullname"},
		{Table: "Customers", Column: "city", From: "Town"},
		{Table: "orders", From: "purchases"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("FileRenames = %+v\nwant %+v", got, want)
	}
	if _, err := FileRenames(filepath.Join(t.TempDir(), "missing.sql")); err == nil {
		t.Error("a missing file gave no error")
	}
}

func TestParseRename(t *testing.T) {
	tests := []struct {
		in   string
		want diff.Rename
		ok   bool
	}{
		{"clients=customers", diff.Rename{Table: "customers", From: "clients"}, true},
		{"customers.fullname=name", diff.Rename{Table: "customers", Column: "name", From: "fullname"}, true},
		{"customers.fullname", diff.Rename{}, false},
		{"=x", diff.Rename{}, false},
		{".a=b", diff.Rename{}, false},
	}
	for _, tc := range tests {
		got, err := ParseRename(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseRename(%q) = %+v, %v", tc.in, got, err)
		}
	}
}
