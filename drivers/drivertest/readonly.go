package drivertest

import (
	"context"
	"testing"

	"github.com/dbls/dbls/drivers/drivercheck"
)

// RunReadOnly runs the read-only subset of the kit (package drivercheck)
// against a database that already holds the read-only fixture: for drivers
// that cannot write, such as the example CSV driver. SleepSQL, when set,
// enables the cancel check.
func RunReadOnly(t *testing.T, url, sleepSQL string) {
	for _, r := range drivercheck.ReadOnly(context.Background(), drivercheck.Config{URL: url, SleepSQL: sleepSQL}) {
		t.Run(r.Name, func(t *testing.T) {
			switch {
			case r.Skip != "":
				t.Skip(r.Skip)
			case r.Err != nil:
				t.Error(r.Err)
			}
		})
	}
}
