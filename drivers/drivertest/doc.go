// Package drivertest is the conformance kit for dbls drivers, built in or
// third party, and the helpers tests use to reach real database servers:
// each test gets its own uniquely named database, dropped when it ends, and
// skips (or fails, with DBLS_REQUIRE_SERVERS=1) when a server is down.
//
// The conformance checks themselves live in drivertest/check, as functions
// that return errors, so that `dbls plugin check` runs them outside `go
// test`; Run and RunReadOnly run them as subtests. A new check goes there.
package drivertest
