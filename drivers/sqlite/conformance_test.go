package sqlite_test

import (
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
)

func TestConformance(t *testing.T) {
	drivertest.Run(t, drivertest.Config{URL: drivertest.SQLiteURL(t)})
}
