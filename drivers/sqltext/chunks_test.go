package sqltext_test

import (
	"testing"

	"github.com/dbls/dbls/drivers/sqltext"
	"github.com/dbls/dbls/drivers/sqltext/sqltexttest"
)

// TestScanChunksCases: every table case of the scanner scans the same in
// chunks as in one piece.
func TestScanChunksCases(t *testing.T) {
	for _, in := range sqltexttest.Inputs() {
		want := sqltext.Lex(in.Dialect, in.Text)
		n := 0
		for _, c := range sqltext.ScanChunks(in.Dialect, in.Text, 0) {
			n += len(c.Toks)
		}
		if n != len(want) {
			t.Errorf("%s %q: %d tokens in chunks, %d lexed", in.Dialect, in.Text, n, len(want))
		}
	}
}
