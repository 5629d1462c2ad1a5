package mysql_test

import (
	"testing"

	"github.com/dbls/dbls/drivers/drivertest"
	_ "github.com/dbls/dbls/drivers/mysql"
)

func TestConformance(t *testing.T) {
	drivertest.Run(t, drivertest.Config{URL: drivertest.MySQLURL(t)})
}
