package external_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/drivertest"
	"github.com/dbls/dbls/server/plugin"
	"github.com/dbls/dbls/server/plugin/external"
)

var loadCSV sync.Once

// csvDriver registers the example CSV driver (csvdriver) once
// per test binary: the drivers registry is process-wide.
func csvDriver(t testing.TB) {
	needPython(t)
	loadCSV.Do(func() {
		h := plugin.NewHost(plugin.Options{})
		if _, errs := external.Load(h, external.LoadOptions{Paths: []string{"csvdriver"}, Options: external.Options{Log: os.Stderr}}, nil); len(errs) > 0 {
			t.Fatalf("load csvdriver: %v", errs)
		}
	})
	if _, ok := drivers.Lookup("csv"); !ok {
		t.Fatal("csv driver not registered")
	}
}

func TestCSVDriverReadOnlyKit(t *testing.T) {
	csvDriver(t)
	dir, _ := filepath.Abs("csvdriver/testdata/rental")
	drivertest.RunReadOnly(t, "csv://"+dir,
		"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s) SELECT count(*) FROM s")
}

func TestCSVDriverRelativePathAndErrors(t *testing.T) {
	csvDriver(t)
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, "csv:csvdriver/testdata/rental")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	tb, err := drivers.Table(ctx, conn, drivers.TableRef{Name: "customer"})
	if err != nil || tb.Column("balance") == nil || tb.Column("balance").Type != "REAL" || !tb.Column("balance").Nullable {
		t.Fatalf("customer = %+v, %v", tb, err)
	}
	if _, _, err := drivers.Open(ctx, "csv:/no/such/folder"); err == nil {
		t.Fatal("opening a missing folder succeeded")
	}
}
