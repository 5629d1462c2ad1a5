package server

import "slices"

// Snapshot status: besides the $/progress report every client sees while a
// connection's schema is read, a client that declares
// capabilities.experimental.dbls.snapshotStatus gets a dbls/snapshotStatus
// notification per state change, naming the connection, so that it can
// show the state where it shows the connection (the VS Code status bar
// item). A progress title is for people and cannot be matched reliably.

// MethodSnapshotStatus is the notification's method.
const MethodSnapshotStatus = "dbls/snapshotStatus"

// Snapshot states.
const (
	SnapshotLoading = "loading"
	SnapshotReady   = "ready"
	SnapshotFailed  = "failed"
)

// SnapshotStatus is the notification's parameter.
type SnapshotStatus struct {
	// Connections are the names and URLs, as documents and commands wrote
	// them, that reached this connection so far (two names of one database
	// share one snapshot).
	Connections []string `json:"connections"`
	// Label names the connection for people, without a password.
	Label string `json:"label"`
	State string `json:"state"`
	// Tables is the snapshot's table count (ready).
	Tables int `json:"tables,omitempty"`
	// Message is why the read failed (failed).
	Message string `json:"message,omitempty"`
}

// addName records a connection argument that resolved to the entry.
func (e *entry) addName(arg string) {
	if arg == "" {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !slices.Contains(e.names, arg) {
		e.names = append(e.names, arg)
	}
}

// snapshotStatus tells a client that asked for it how the entry's read goes.
func (s *Server) snapshotStatus(e *entry, st SnapshotStatus) {
	s.mu.Lock()
	ok := s.snapStatus
	s.mu.Unlock()
	if !ok {
		return
	}
	e.mu.Lock()
	st.Connections = append([]string{}, e.names...)
	e.mu.Unlock()
	st.Label = e.src.Label
	s.notify(MethodSnapshotStatus, st)
}
