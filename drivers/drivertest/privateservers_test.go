package drivertest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestPrivateMariaDBKeepsSharedTmp: a starting mariadbd deletes every
// "#sql*" file in its tmpdir. A private instance that used the shared /tmp
// deleted the shared server's temporary tables mid-query ("Error on delete
// of '/tmp/#sql-temptable-…'") in concurrent test runs.
func TestPrivateMariaDBKeepsSharedTmp(t *testing.T) {
	canary := filepath.Join(os.TempDir(), fmt.Sprintf("#sql-dbls-canary-%d.MAI", os.Getpid()))
	if err := os.WriteFile(canary, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(canary)
	PrivateMariaDB(t)
	if _, err := os.Stat(canary); err != nil {
		t.Fatalf("starting a private MariaDB removed %s from the shared temporary directory: %v", canary, err)
	}
}
