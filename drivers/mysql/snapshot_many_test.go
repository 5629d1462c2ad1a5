package mysql

import (
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/schema"
)

// TestSnapshotManyTables reads 120 tables whose columns and keys differ
// from table to table but whose index names repeat (ix, ux, as MySQL
// names are per table): the reader builds each table's columns and keys
// while the rows stream in, and a row given to the wrong table, a list cut
// at the wrong row or a key part joined to its neighbour's index shows
// here. Odd tables have a column in another collation than the table's;
// every fifth has only its unique key, whose rows follow the ux rows of the
// table before.
func TestSnapshotManyTables(t *testing.T) {
	c, _ := open(t)
	const n = 120
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "CREATE TABLE m%03d (id INT NOT NULL%s", i, map[bool]string{false: " PRIMARY KEY"}[onlyUnique(i)])
		for j := range extraColumns(i) {
			fmt.Fprintf(&b, ", c%d VARCHAR(%d) DEFAULT 'd%d'", j, 10+i, i)
		}
		if i%2 == 1 {
			b.WriteString(", bin VARCHAR(5) COLLATE utf8mb4_bin")
		}
		if !onlyUnique(i) {
			fmt.Fprintf(&b, ", KEY ix (c0%s)", strings.Repeat(", c2", i%2))
		}
		b.WriteString(", UNIQUE KEY ux (c1, id)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;\n")
	}
	b.WriteString("CREATE VIEW v AS SELECT id, c0 FROM m007;\n")
	exec(t, c, b.String())
	s, err := c.Snapshot(ctxT(t), drivers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	sc := &s.Schemas[0]
	if len(sc.Tables) != n {
		t.Fatalf("tables = %d, want %d", len(sc.Tables), n)
	}
	for i := range n {
		name := fmt.Sprintf("m%03d", i)
		tb := sc.Table(name)
		if tb == nil {
			t.Fatalf("no table %s", name)
		}
		checkManyTable(t, tb, i)
	}
	if len(sc.Views) != 1 || len(sc.Views[0].Columns) != 2 || sc.Views[0].Columns[1].Default != nil ||
		sc.Views[0].Columns[1].Type != "varchar(17)" {
		t.Errorf("view v = %+v", sc.Views)
	}
}

// onlyUnique tells the tables without primary key and index ix.
func onlyUnique(i int) bool { return i%5 == 0 }

// extraColumns is the number of VARCHAR columns of table i: 3 to 9.
func extraColumns(i int) int { return 3 + i%7 }

func checkManyTable(t *testing.T, tb *schema.Table, i int) {
	t.Helper()
	want := []string{"id"}
	for j := range extraColumns(i) {
		want = append(want, fmt.Sprintf("c%d", j))
	}
	if i%2 == 1 {
		want = append(want, "bin")
	}
	var got []string
	for k, col := range tb.Columns {
		got = append(got, col.Name)
		if col.Position != k+1 {
			t.Errorf("%s.%s position = %d, want %d", tb.Name, col.Name, col.Position, k+1)
		}
		switch {
		case col.Name == "bin":
			if col.Collation != "utf8mb4_bin" || col.Charset != "" {
				t.Errorf("%s.bin collation/charset = %q/%q, want utf8mb4_bin and the table's charset", tb.Name, col.Collation, col.Charset)
			}
		case col.Name != "id":
			if col.Type != fmt.Sprintf("varchar(%d)", 10+i) || deref(col.Default) != fmt.Sprintf("'d%d'", i) ||
				col.Collation != "" || col.Charset != "" {
				t.Errorf("%s.%s = %s default %s collation %q charset %q", tb.Name, col.Name, col.Type,
					deref(col.Default), col.Collation, col.Charset)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s columns = %q, want %q", tb.Name, got, want)
	}
	if onlyUnique(i) {
		if tb.PrimaryKey != nil || len(tb.Indexes) != 0 {
			t.Errorf("%s primary key = %+v, indexes = %+v, want none", tb.Name, tb.PrimaryKey, tb.Indexes)
		}
	} else if tb.PrimaryKey == nil || !slices.Equal(tb.PrimaryKey.Columns, []string{"id"}) {
		t.Errorf("%s primary key = %+v", tb.Name, tb.PrimaryKey)
	}
	if len(tb.Uniques) != 1 || tb.Uniques[0].Name != "ux" || !slices.Equal(tb.Uniques[0].Columns, []string{"c1", "id"}) {
		t.Errorf("%s uniques = %+v", tb.Name, tb.Uniques)
	}
	if onlyUnique(i) {
		return
	}
	ixCols := []string{"c0"}
	if i%2 == 1 {
		ixCols = append(ixCols, "c2")
	}
	if len(tb.Indexes) != 1 || tb.Indexes[0].Name != "ix" || len(tb.Indexes[0].Columns) != len(ixCols) {
		t.Fatalf("%s indexes = %+v, want ix on %q", tb.Name, tb.Indexes, ixCols)
	}
	for k, part := range tb.Indexes[0].Columns {
		if part.Name != ixCols[k] {
			t.Errorf("%s ix part %d = %q, want %q", tb.Name, k, part.Name, ixCols[k])
		}
	}
}

// TestColumnListsApart: the rows of a table that came apart (the server
// has never been seen to do it, but nothing promises otherwise) still
// make one list per table, in row order.
func TestColumnListsApart(t *testing.T) {
	a, b := objKey{"s", "", "a"}, objKey{"s", "", "b"}
	cases := []struct {
		name string
		rows []objKey
		want map[objKey][]int // positions per table
	}{
		{"together", []objKey{a, a, b, b, b}, map[objKey][]int{a: {1, 2}, b: {3, 4, 5}}},
		{"apart", []objKey{a, b, a, b, a}, map[objKey][]int{a: {1, 3, 5}, b: {2, 4}}},
		{"one", []objKey{b}, map[objKey][]int{b: {1}}},
		{"none", nil, map[objKey][]int{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			l := newColumnLists()
			for k, key := range tc.rows {
				l.add(key, schema.Column{Position: k + 1})
			}
			lists := l.done()
			if len(lists) != len(tc.want) {
				t.Fatalf("lists = %v, want %v", lists, tc.want)
			}
			for key, want := range tc.want {
				var got []int
				for _, c := range lists[key] {
					got = append(got, c.Position)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s = %v, want %v", key.name, got, want)
				}
			}
		})
	}
}

// TestSnapshotViewsSequencesOnlyWhenAny: views and sequences are found in
// the one scan of TABLES; VIEWS and the sequences' options are read only
// when there are some, each with one more statement, and what they hold
// still reaches the snapshot.
func TestSnapshotViewsSequencesOnlyWhenAny(t *testing.T) {
	var count atomic.Int64
	connectorHook = func(c driver.Connector) driver.Connector { return countingConnector{c, &count} }
	c, _ := open(t)
	connectorHook = nil
	steps := []struct {
		name, script string
		extra        int64 // statements more than with tables only
		views, seqs  int
	}{
		{"tables only", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10));", 0, 0, 0},
		{"a view", "CREATE VIEW w AS SELECT id, v FROM t WITH CHECK OPTION;", 1, 1, 0},
		{"a sequence", "CREATE SEQUENCE s START WITH 7 INCREMENT BY 3;", 2, 1, 1},
	}
	var base int64
	for _, st := range steps {
		if st.seqs > 0 && !c.flavor.hasSequences() {
			t.Logf("%s: %s has no sequences", st.name, c.version)
			continue
		}
		exec(t, c, st.script)
		before := count.Load()
		s, err := c.Snapshot(ctxT(t), drivers.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		n := count.Load() - before
		if st.extra == 0 {
			base = n
		} else if n != base+st.extra {
			t.Errorf("%s: %d statements, want %d + %d", st.name, n, base, st.extra)
		}
		sc := s.Schemas[0]
		if len(sc.Tables) != 1 || len(sc.Views) != st.views || len(sc.Sequences) != st.seqs {
			t.Fatalf("%s: tables %d views %d sequences %d", st.name, len(sc.Tables), len(sc.Views), len(sc.Sequences))
		}
		if st.views > 0 && (sc.Views[0].Name != "w" || len(sc.Views[0].Columns) != 2 || sc.Views[0].Options["check_option"] == "") {
			t.Errorf("%s: view = %+v", st.name, sc.Views[0])
		}
		if st.seqs > 0 && (sc.Sequences[0].Name != "s" || sc.Sequences[0].Start != 7 || sc.Sequences[0].Increment != 3) {
			t.Errorf("%s: sequence = %+v", st.name, sc.Sequences[0])
		}
	}
}
