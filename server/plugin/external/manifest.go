// Package external runs plugins that are separate executables: it reads
// their manifests, finds them in the user data directory and in configured
// paths, and speaks JSON-RPC 2.0 to each over its stdin/stdout with
// LSP-style Content-Length framing (docs/plugin-protocol.md). A Client
// isolates dbls from the process: handshake, per-call deadlines and
// cancellation, restart with backoff after a crash, a circuit breaker, and
// the process group ended when dbls is done with it.
package external

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/dirs"
	"github.com/dbls/dbls/server/plugin"
)

// ProtocolVersion is the protocol this dbls speaks.
const ProtocolVersion = 1

// ManifestFile is the name of a plugin's manifest in its folder.
const ManifestFile = "dbls-plugin.json"

// Manifest describes an external plugin; it is ManifestFile in the
// plugin's folder.
type Manifest struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Version     string `json:"version"`
	Description string `json:"description,omitempty"`
	// Protocol is the protocol version the plugin speaks.
	Protocol int `json:"protocol"`
	// MinDBLS is a semver constraint on dbls's version.
	MinDBLS      string       `json:"min_dbls,omitempty"`
	Capabilities Capabilities `json:"capabilities"`
	// Executable maps "GOOS/GOARCH", "GOOS" or "*" to the command line that
	// starts the plugin; a first element naming a file in the plugin's
	// folder is taken relative to it.
	Executable map[string][]string `json:"executable"`
	// Check is what `dbls plugin check` runs the driver kit against.
	Check *Check `json:"check,omitempty"`

	// Dir is the folder the manifest was read from.
	Dir string `json:"dir,omitempty"`
}

// Capabilities are what a plugin offers.
type Capabilities struct {
	// Driver is the driver's own manifest; its ID is the URL scheme.
	Driver *DriverCapability `json:"driver,omitempty"`
	// Commands are dbls.* workspace commands.
	Commands  []plugin.Command `json:"commands,omitempty"`
	Exporters []plugin.Format  `json:"exporters,omitempty"`
	// Panes are views, rendered with pane/render and sent messages with
	// pane/message.
	Panes []plugin.PaneInfo `json:"panes,omitempty"`
}

// DriverCapability is a driver manifest and the optional methods its
// connections implement.
type DriverCapability struct {
	drivers.Manifest
	// Methods lists optional methods: "query", "schemas", "databases".
	Methods []string `json:"methods,omitempty"`
}

// Has reports whether the driver implements an optional method.
func (d *DriverCapability) Has(method string) bool { return slices.Contains(d.Methods, method) }

// Check names the database `dbls plugin check` opens: a URL (a path in it
// relative to the plugin's folder) holding the kit's read-only fixture.
type Check struct {
	URL string `json:"url"`
	// SleepSQL runs for many seconds, for the cancel check.
	SleepSQL string `json:"sleep_sql,omitempty"`
}

var manifestIDRE = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// ReadManifest reads and validates dir's manifest.
func ReadManifest(dir string) (*Manifest, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("plugin folder %s: %w", dir, err)
	}
	path := filepath.Join(abs, ManifestFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("plugin manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("plugin manifest %s: %w", path, err)
	}
	m.Dir = abs
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("plugin manifest %s: %w", path, err)
	}
	return &m, nil
}

func (m *Manifest) validate() error {
	switch {
	case !manifestIDRE.MatchString(m.ID):
		return fmt.Errorf("id %q: want lower-case letters, digits, - or _", m.ID)
	case m.Name == "" || m.Version == "":
		return errors.New("name and version are required")
	case m.Protocol <= 0:
		return errors.New("protocol (the protocol version, a positive number) is required")
	case len(m.Executable) == 0:
		return errors.New("executable is required")
	}
	if d := m.Capabilities.Driver; d != nil && d.ID == "" {
		return errors.New("capabilities.driver.id is required")
	}
	for _, p := range m.Capabilities.Panes {
		if !paneIDRE.MatchString(p.ID) || p.Title == "" {
			return fmt.Errorf("capabilities.panes: %q: want an id like %s.view and a title", p.ID, m.ID)
		}
	}
	return nil
}

var paneIDRE = regexp.MustCompile(`^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)+$`)

// Descriptor is the plugin descriptor of the manifest.
func (m *Manifest) Descriptor() plugin.Descriptor {
	return plugin.Descriptor{ID: "external." + m.ID, Name: m.Name, Version: m.Version, MinDBLS: m.MinDBLS, Description: m.Description}
}

// Command returns the command line for this platform.
func (m *Manifest) Command() ([]string, error) {
	for _, k := range []string{runtime.GOOS + "/" + runtime.GOARCH, runtime.GOOS, "*"} {
		if argv, ok := m.Executable[k]; ok && len(argv) > 0 {
			argv = slices.Clone(argv)
			if p := filepath.Join(m.Dir, argv[0]); !filepath.IsAbs(argv[0]) && fileExists(p) {
				argv[0] = p
			}
			for i := 1; i < len(argv); i++ {
				if p := filepath.Join(m.Dir, argv[i]); !filepath.IsAbs(argv[i]) && fileExists(p) {
					argv[i] = p
				}
			}
			return argv, nil
		}
	}
	return nil, fmt.Errorf("plugin %s has no executable for %s/%s", m.ID, runtime.GOOS, runtime.GOARCH)
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// Compatible refuses a protocol this dbls does not speak.
func (m *Manifest) Compatible() error {
	if m.Protocol != ProtocolVersion {
		return fmt.Errorf("plugin %s speaks protocol %d, this dbls speaks protocol %d", m.ID, m.Protocol, ProtocolVersion)
	}
	return nil
}

// DataDir is where installed plugins live: $XDG_DATA_HOME/dbls/plugins
// (~/.local/share/dbls/plugins), beside the store; "" when there is no
// data directory (dirs.Data).
func DataDir() string {
	dir, err := dirs.Data()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "plugins")
}

// Discover reads the manifest of every plugins/<id>/ folder under
// DataDir and of every folder in paths (a folder holding a manifest, or a
// folder of plugin folders). Unreadable manifests are returned as errors
// beside the good ones: one broken plugin must not hide the others.
func Discover(paths ...string) ([]*Manifest, []error) {
	var out []*Manifest
	var errs []error
	seen := map[string]bool{}
	add := func(dir string) {
		m, err := ReadManifest(dir)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if seen[m.ID] {
			errs = append(errs, fmt.Errorf("plugin %s in %s: another plugin folder has the same id", m.ID, m.Dir))
			return
		}
		seen[m.ID] = true
		out = append(out, m)
	}
	for _, p := range paths {
		if fileExists(filepath.Join(p, ManifestFile)) {
			add(p)
			continue
		}
		scan(p, add, &errs)
	}
	if d := DataDir(); d != "" {
		scan(d, add, &errs)
	}
	return out, errs
}

func scan(root string, add func(string), errs *[]error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			*errs = append(*errs, fmt.Errorf("plugin folder %s: %w", root, err))
		}
		return
	}
	for _, e := range entries {
		if e.IsDir() && fileExists(filepath.Join(root, e.Name(), ManifestFile)) {
			add(filepath.Join(root, e.Name()))
		}
	}
}
