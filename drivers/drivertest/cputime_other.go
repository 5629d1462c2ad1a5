//go:build !linux

package drivertest

import "time"

// ThreadCPU is the CPU time of the calling thread where the system tells
// it (Linux); elsewhere 0, and benchmarks report wall time only.
func ThreadCPU() time.Duration { return 0 }
