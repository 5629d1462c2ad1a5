package postgres

import (
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
)

// TestConformance runs the shared driver conformance kit on the built-in
// rental fixture.
func TestConformance(t *testing.T) {
	drivertest.Run(t, drivertest.Config{URL: drivertest.PostgresURL(t)})
}
