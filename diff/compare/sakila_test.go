package compare_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dbls/dbls/diff"
	"github.com/dbls/dbls/diff/compare"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/ddl"
	"github.com/dbls/dbls/drivers/drivertest"
)

// TestSakilaLikeMariaDB: a Sakila-shaped MariaDB schema loaded from a
// mysqldump-style file (DELIMITER, DEFINER) with functions, procedures,
// triggers (same-named per kind, one ordered with FOLLOWS), views with
// ALGORITHM and SQL SECURITY, an event and a sequence used by a default
// clones into an empty database by sync: the plan creates every object
// without a note, a second compare is empty, and the clone compared with
// itself is empty.
func TestSakilaLikeMariaDB(t *testing.T) {
	target, dev := drivertest.MySQLURL(t), drivertest.MySQLURL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	file, _ := filepath.Abs(filepath.Join("testdata", "sakila-like.mariadb.sql"))
	cmp, err := compare.Run(ctx, &connect.Resolver{}, compare.Request{Source: file, Target: target, Dev: dev})
	if err != nil {
		t.Fatal(err)
	}
	defer cmp.Close()
	count := map[ddl.Kind]int{}
	for _, it := range cmp.Plan.Items {
		if it.Error != "" || !it.Selected {
			t.Fatalf("item %s not applicable (%s):\n%s", it.ID, it.Error, planString(cmp.Plan))
		}
		count[it.Kind]++
	}
	want := map[ddl.Kind]int{ddl.KindCreateTable: 16, ddl.KindCreateFunction: 6, ddl.KindCreateTrigger: 7,
		ddl.KindCreateView: 6, ddl.KindCreateEvent: 1, ddl.KindCreateSequence: 1}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d items %s, want %d", count[k], k, n)
		}
	}
	if len(cmp.Plan.Notes) > 0 || t.Failed() {
		t.Fatalf("clone plan:\n%s", planString(cmp.Plan))
	}
	if _, err := cmp.Apply(ctx); err != nil {
		t.Fatalf("apply: %v\n%s", err, planString(cmp.Plan))
	}
	again, err := cmp.Again(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Empty() || len(again.Notes) > 0 {
		t.Fatalf("not converged:\n%s", planString(again))
	}
	self, err := compare.Run(ctx, &connect.Resolver{}, compare.Request{Source: target, Target: target})
	if err != nil {
		t.Fatal(err)
	}
	defer self.Close()
	if !self.Plan.Empty() || len(self.Plan.Notes) > 0 {
		t.Fatalf("diff(X, X) is not empty:\n%s", planString(self.Plan))
	}
}

func planString(p *diff.Plan) string {
	var b strings.Builder
	for _, it := range p.Items {
		b.WriteString("  " + it.ID + " " + strings.Join(it.Changes, ",") + "\n")
		for _, s := range it.SQL {
			b.WriteString("      " + s + "\n")
		}
		if it.Error != "" {
			b.WriteString("      ERROR " + it.Error + "\n")
		}
	}
	for _, n := range p.Notes {
		b.WriteString("  note: " + n + "\n")
	}
	return b.String()
}
