package plugintest

import (
	"strings"
	"sync"
)

// Log is an io.Writer safe for concurrent use, to give a host or an
// external plugin as its log (plugins write from their own goroutines and
// stderr readers) and read back in a test.
type Log struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// String is everything written so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
