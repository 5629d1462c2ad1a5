package runner_test

import (
	"context"
	"testing"

	"github.com/dbls/dbls/server/runner"
)

// BenchmarkRun measures one small query as the editor runs it: open the
// connection, classify, run, close.
func BenchmarkRun(b *testing.B) {
	for _, e := range engines {
		b.Run(e.name, func(b *testing.B) {
			url := e.url(b)
			r := runner.New(opener(false), 0)
			ctx := context.Background()
			for b.Loop() {
				if _, err := r.Run(ctx, runner.Request{Connection: url, SQL: "SELECT 1", Limit: 100}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
