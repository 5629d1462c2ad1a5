package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dbls/dbls/analysis"
	"github.com/dbls/dbls/drivers/connect"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/drivers/schema"
)

// A source is where a connection's snapshot comes from: a database reached
// through the resolver, or a snapshot file ("snapshot:PATH.json").
type source struct {
	Arg    string // as the user wrote it: a name, a URL or snapshot:PATH
	Key    string // the cache key: redacted URL, or snapshot:ABSPATH
	Label  string // for messages; never holds a password
	Driver string // driver ID, when known before a snapshot is read
	File   string // snapshot file, for snapshot: sources
}

const snapshotScheme = "snapshot:"

// resolveSource turns a connection argument into a source without opening
// anything (connect.Resolver.Locate): no password is fetched and no tunnel
// opened, so that a cached snapshot can be served while the database is
// unreachable.
func resolveSource(ctx context.Context, r *connect.Resolver, arg, baseDir string) (source, error) {
	if path, ok := strings.CutPrefix(arg, snapshotScheme); ok {
		if path == "" {
			return source{}, fmt.Errorf("connection %q: snapshot: needs a file path", arg)
		}
		path, _ = dirs.ExpandHome(path)
		if !filepath.IsAbs(path) && baseDir != "" {
			path = filepath.Join(baseDir, path)
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return source{Arg: arg, Key: snapshotScheme + path, Label: snapshotScheme + path, File: path}, nil
	}
	def, p, err := r.Locate(ctx, arg)
	if err != nil {
		return source{}, err
	}
	label := p.String()
	if def.Name != "" {
		label = fmt.Sprintf("%q (%s)", def.Name, p.String())
	}
	return source{Arg: arg, Key: p.String(), Label: label, Driver: p.Driver}, nil
}

// entry is the cached snapshot of one source. The snapshot is immutable
// and swapped atomically, with what analysis derives from it, so readers
// never lock and never see one without the other.
type entry struct {
	src source
	cur atomic.Pointer[indexed]

	ready     chan struct{} // closed when the first load (store, file or database) is over
	readyOnce sync.Once

	refreshMu sync.Mutex // one refresh at a time

	mu      sync.Mutex
	takenAt time.Time
	warned  bool     // the user has been told the database is unreachable
	names   []string // connection arguments that resolved here (snapshot_status.go)
}

func (e *entry) markReady() { e.readyOnce.Do(func() { close(e.ready) }) }

// indexed is a snapshot with its analysis index: made together when the
// snapshot lands, dropped together when another replaces it or the
// session ends, so that completion on a large catalog never rebuilds the
// index and nothing outlives the snapshot it was derived from.
type indexed struct {
	snap *schema.Snapshot
	ix   *analysis.Index
}

// setSnapshot replaces the entry's snapshot (and with it its index).
func (e *entry) setSnapshot(snap *schema.Snapshot) {
	e.cur.Store(&indexed{snap: snap, ix: analysis.NewIndex(snap)})
}

// snapshot is the entry's snapshot, nil before the first load.
func (e *entry) snapshot() *schema.Snapshot {
	snap, _ := e.loaded()
	return snap
}

// loaded is the entry's snapshot and its index, both nil before the first
// load.
func (e *entry) loaded() (*schema.Snapshot, *analysis.Index) {
	if l := e.cur.Load(); l != nil {
		return l.snap, l.ix
	}
	return nil, nil
}

// cache holds one entry per source key.
type cache struct {
	mu      sync.RWMutex
	entries map[string]*entry
}

func newCache() *cache { return &cache{entries: map[string]*entry{}} }

// get returns the entry for src, creating it when new (created reports
// that, so the caller starts loading it).
func (c *cache) get(src source) (e *entry, created bool) {
	c.mu.RLock()
	e = c.entries[src.Key]
	c.mu.RUnlock()
	if e != nil {
		return e, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e = c.entries[src.Key]; e != nil {
		return e, false
	}
	e = &entry{src: src, ready: make(chan struct{})}
	c.entries[src.Key] = e
	return e, true
}

func (c *cache) all() []*entry {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]*entry, 0, len(c.entries))
	for _, e := range c.entries {
		out = append(out, e)
	}
	return out
}

// readSnapshotFile loads a snapshot written by `dbls inspect --json` or
// schema.Marshal.
func readSnapshotFile(path string) (*schema.Snapshot, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := schema.Unmarshal(data)
	if err != nil {
		return nil, fmt.Errorf("snapshot file %s: %w", path, err)
	}
	return s, nil
}

// loadConfig reads the user and project files and applies the editor's
// settings over them.
func loadConfig(userFile, projectFile string, editor []byte) (*config.Config, []config.Warning, error) {
	cfg, warnings, err := config.Load(userFile, projectFile)
	if err != nil {
		cfg = (*config.Config)(nil).Merge(nil)
	}
	over, w, err2 := config.ParseJSON(editor, "editor settings")
	if err2 != nil {
		return cfg, warnings, joinErr(err, err2)
	}
	return cfg.Merge(over), append(warnings, w...), err
}

func joinErr(a, b error) error {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return fmt.Errorf("%w; %w", a, b)
}
