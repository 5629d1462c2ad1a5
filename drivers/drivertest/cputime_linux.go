package drivertest

import (
	"syscall"
	"time"
	"unsafe"
)

// ThreadCPU is the CPU time the calling OS thread has used
// (CLOCK_THREAD_CPUTIME_ID, to the nanosecond). Benchmarks lock their
// goroutine to its thread and report the CPU time of each request besides
// its wall time: on a shared, loaded machine the wall time's tail measures
// the scheduler, the CPU time the work done (GC assists included).
func ThreadCPU() time.Duration {
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}
