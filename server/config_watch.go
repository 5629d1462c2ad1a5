package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers/connect/config"
)

// The configuration files are watched, so that a connection added to
// .dbls.toml (or the user config) works without restarting the server. A
// client that registers file watchers for its servers
// (workspace.didChangeWatchedFiles.dynamicRegistration: VS Code, Neovim
// 0.10+) is asked to watch them and sends workspace/didChangeWatchedFiles;
// for every client the server also polls the files' size and modification
// time every configPoll (a few stat calls; no dependency on inotify).

// configPoll is how often the server's own watcher looks at the files.
const configPoll = 2 * time.Second

// configFiles are the files whose change rebuilds the configuration: the
// user file, and the project file found from the first workspace folder
// or, while there is none, where one would be created.
func (s *Server) configFiles() []string {
	s.mu.Lock()
	root := ""
	if len(s.folders) > 0 {
		root = s.folders[0]
	}
	s.mu.Unlock()
	user := s.opts.UserConfig
	if user == "" {
		user = config.UserFile()
	}
	files := []string{}
	if user != "" {
		files = append(files, user)
	}
	switch project := s.opts.ProjectConfig; {
	case project != "":
		files = append(files, project)
	case root != "":
		if p := config.FindProjectFile(root); p != "" {
			files = append(files, p)
		}
		if p := filepath.Join(root, config.ProjectFileName); len(files) == 0 || files[len(files)-1] != p {
			files = append(files, p)
		}
	}
	return files
}

// watchConfig starts watching, once the client is initialized.
func (s *Server) watchConfig() {
	s.mu.Lock()
	dynamic := s.watchDynamic
	s.mu.Unlock()
	if dynamic {
		s.spawn(s.registerWatchers)
	}
	// The poll runs for those clients too: a client's watch may not see
	// every change (Helix reports only the files it writes itself; Emacs in
	// batch mode delivers no file events). The files as the configuration
	// was read, not as they are when the goroutine first runs: an edit in
	// between would be missed.
	last := stamps(s.configFiles())
	s.spawn(func() { s.pollConfig(last) })
}

// registerWatchers asks the client to watch the configuration files; if
// it refuses, the server polls them itself.
func (s *Server) registerWatchers() {
	var watchers []protocol.FileSystemWatcher
	watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: "**/" + config.ProjectFileName})
	for _, f := range s.configFiles() {
		watchers = append(watchers, protocol.FileSystemWatcher{GlobPattern: filepath.ToSlash(f)})
	}
	opts, _ := json.Marshal(protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: watchers})
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "dbls-config", Method: "workspace/didChangeWatchedFiles", RegisterOptions: json.RawMessage(opts)}}}
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	if _, err := s.conn.Call(ctx, "client/registerCapability", params, nil); err != nil {
		if s.ctx.Err() != nil {
			return
		}
		s.logger.Printf("client/registerCapability: %v; the poll still watches the config files", err)
	}
}

// fileStamp is what the poll compares: a change of either is a change.
type fileStamp struct {
	size  int64
	mtime time.Time
	found bool
}

func stamps(files []string) map[string]fileStamp {
	out := make(map[string]fileStamp, len(files))
	for _, f := range files {
		if st, err := os.Stat(f); err == nil {
			out[f] = fileStamp{size: st.Size(), mtime: st.ModTime(), found: true}
		} else {
			out[f] = fileStamp{}
		}
	}
	return out
}

// pollConfig re-reads the configuration when a watched file appears,
// disappears or changes, until the session ends.
func (s *Server) pollConfig(last map[string]fileStamp) {
	t := time.NewTicker(configPoll)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
		}
		now := stamps(s.configFiles())
		changed := len(now) != len(last)
		for f, st := range now {
			changed = changed || last[f] != st
		}
		last = now
		if changed {
			s.configChanged()
		}
	}
}

// didChangeWatchedFiles rebuilds the configuration when a configuration
// file is among the changes.
func (s *Server) didChangeWatchedFiles(ctx context.Context, params json.RawMessage) (any, func() (any, error), error) {
	var p protocol.DidChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return nil, nil, err
	}
	watched := map[string]bool{}
	for _, f := range s.configFiles() {
		watched[filepath.Clean(f)] = true
	}
	for _, c := range p.Changes {
		path := uriPath(string(c.URI))
		if watched[filepath.Clean(path)] || filepath.Base(path) == config.ProjectFileName {
			s.configChanged()
			break
		}
	}
	return nil, nil, nil
}

// configChanged applies the files as they are now and lets open documents
// and lenses catch up (a connection that was unknown may now exist).
func (s *Server) configChanged() {
	s.logger.Print("configuration file changed: reloading")
	s.applyConfig(nil)
	s.mu.Lock()
	clear(s.shown) // a binding error may be gone, or be a new one
	s.mu.Unlock()
	s.rediagnoseAll()
	s.refreshLenses()
}
