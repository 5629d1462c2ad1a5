package analysis

import (
	"testing"

	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

// fuzzDialects are the dialects a fuzz input is tried in; the last one is
// unknown and gets the standard rules.
var fuzzDialects = []Dialect{Postgres, MySQL, SQLite, "other"}

func dialectIndex(d Dialect) uint8 {
	for i, x := range fuzzDialects {
		if x == d {
			return uint8(i)
		}
	}
	return uint8(len(fuzzDialects) - 1)
}

// addSeeds seeds a fuzz target with every table case of the scanner, in
// its own dialect.
func addSeeds(f *testing.F) {
	for _, in := range sqltexttest.Inputs() {
		f.Add(dialectIndex(in.Dialect), in.Text)
	}
}
