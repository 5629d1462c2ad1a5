package analysis

import (
	"testing"

	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

// The dialects fuzz inputs are tried in, and the scanner's table cases as
// seeds: see sqltexttest.
var fuzzDialects = sqltexttest.FuzzDialects()

func dialectIndex(d Dialect) uint8 { return sqltexttest.DialectIndex(d) }

func addSeeds(f *testing.F) { sqltexttest.AddSeeds(f) }
