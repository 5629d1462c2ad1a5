// Command largeschema prints the DDL of a generated catalog
// (drivertest.LargeSchema: tables of 20 columns, a primary key, a foreign
// key to the table before, a check and two indexes) for psql or mysql to
// load. scripts/bench-peers.sh builds its catalogs with it.
//
//	go run ./drivers/drivertest/largeschema -dialect postgres -tables 10000 | psql -q DB
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/dbls/dbls/drivers/drivertest"
)

func main() {
	dialect := flag.String("dialect", "postgres", "postgres, mysql or sqlite")
	tables := flag.Int("tables", 1000, "number of tables")
	flag.Parse()
	if *tables < 1 || (*dialect != "postgres" && *dialect != "mysql" && *dialect != "sqlite") {
		fmt.Fprintln(os.Stderr, "largeschema: -dialect postgres|mysql|sqlite and -tables ≥ 1")
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	for _, script := range drivertest.LargeSchema(*dialect, *tables, 500) {
		w.WriteString(script) //nolint:errcheck // Flush reports the first error
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "largeschema:", err)
		os.Exit(1)
	}
}
