// Package drivertest is the conformance kit for dbls drivers, built in or
// third party, and the helpers tests use to reach real database servers:
// each test gets its own uniquely named database, dropped when it ends, and
// skips (or fails, with DBLS_REQUIRE_SERVERS=1) when a server is down.
package drivertest
