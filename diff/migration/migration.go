// Package migration writes a diff plan as the next file(s) of a migration
// directory, in the layout of the tool that runs them: golang-migrate
// (NNN_name.up.sql and .down.sql), Flyway (V<n>__name.sql and its U<n>
// undo), Atlas (<timestamp>_name.sql, with atlas.sum kept valid) or plain
// numbered files (0001_name.sql).
//
// The SQL is the plan items' own (diff renders it in the target's dialect);
// the down migration is the reverse plan, limited to what the up migration
// does, with what cannot be undone listed as comments. Nothing existing is
// ever overwritten except atlas.sum, which is recomputed.
package migration

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/dbls/dbls/diff"
)

// Layout names a migration tool's file layout.
type Layout string

// The layouts Write knows.
const (
	GolangMigrate Layout = "golang-migrate"
	Flyway        Layout = "flyway"
	Atlas         Layout = "atlas"
	Plain         Layout = "plain"
)

// Layouts lists the layouts, for flags and messages.
var Layouts = []Layout{GolangMigrate, Flyway, Atlas, Plain}

// ParseLayout checks a layout name; "" means detect.
func ParseLayout(s string) (Layout, error) {
	l := Layout(strings.ToLower(strings.TrimSpace(s)))
	if l == "" || slices.Contains(Layouts, l) {
		return l, nil
	}
	return "", fmt.Errorf("unknown migration layout %q (known: golang-migrate, flyway, atlas, plain)", s)
}

// Request is one migration to write.
type Request struct {
	// Dir is the migration directory; it is created when missing.
	Dir string
	// Name describes the migration in its file names ("add_coupons");
	// default "dbls".
	Name string
	// Layout is the directory's layout; "" detects it from the files there
	// (plain when there are none).
	Layout Layout
	// Up is the plan: its selected items make the migration.
	Up *diff.Plan
	// Down is the reverse plan (the target's structure compared with the
	// source's, every item selected), or nil when there is none.
	Down *diff.Plan
	// Now stamps timestamped versions; zero means the current time.
	Now time.Time
	// Driver is the target's driver ID: some engines need the file to set
	// a session up around the plan's statements (see guards).
	Driver string
}

// Result says what Write did.
type Result struct {
	Layout Layout `json:"layout"`
	// Version is the new migration's version as its files spell it.
	Version string `json:"version,omitempty"`
	// Files are the paths written, atlas.sum included.
	Files []string `json:"files"`
	// Statements counts the up migration's statements; zero means the
	// plan had nothing selected and nothing was written.
	Statements int `json:"statements"`
	// Irreversible lists what the down migration cannot undo (layouts
	// with a down file only).
	Irreversible []string `json:"irreversible,omitempty"`
}

// ErrExists is returned, and nothing is written, when a file Write would
// create already exists.
var ErrExists = errors.New("migration file already exists")

// Write writes req.Up as the next migration of req.Dir. An empty plan
// (no selected statement) writes nothing: the Result has no Files.
func Write(req Request) (*Result, error) {
	if req.Up == nil {
		return nil, errors.New("migration: no plan")
	}
	layout := req.Layout
	names, err := list(req.Dir)
	if err != nil {
		return nil, err
	}
	if layout == "" {
		layout = Detect(names)
	}
	res := &Result{Layout: layout, Files: []string{}, Statements: len(req.Up.SQL())}
	if res.Statements == 0 {
		return res, nil
	}
	if layout == Atlas {
		if err := checkSum(req.Dir, names); err != nil {
			return nil, err
		}
	}
	now := req.Now
	if now.IsZero() {
		now = time.Now()
	}
	version := next(layout, names, now.UTC())
	res.Version = version
	haveDown := req.Down != nil && (layout == GolangMigrate || layout == Flyway) // Atlas and plain are forward only
	var down string
	if haveDown {
		down, res.Irreversible = Down(req.Up, req.Down)
	}
	g := guards[req.Driver]
	files := layoutFiles(layout, version, slug(req.Name), g.wrap(Up(req.Up)), g.wrap(down), haveDown)
	if err := os.MkdirAll(req.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("migration directory %s: %w", req.Dir, err)
	}
	for _, f := range files { // all or nothing: check every name first
		if _, err := os.Lstat(filepath.Join(req.Dir, f.name)); err == nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(req.Dir, f.name), ErrExists)
		}
	}
	for _, f := range files {
		path := filepath.Join(req.Dir, f.name)
		if err := create(path, f.text); err != nil {
			return nil, err
		}
		res.Files = append(res.Files, path)
	}
	if layout == Atlas {
		path, err := WriteSum(req.Dir)
		if err != nil {
			return nil, err
		}
		res.Files = append(res.Files, path)
	}
	return res, nil
}

type file struct{ name, text string }

// layoutFiles names the up (and down) file of a layout.
func layoutFiles(l Layout, version, name, up, down string, haveDown bool) []file {
	switch l {
	case GolangMigrate:
		fs := []file{{version + "_" + name + ".up.sql", up}}
		if haveDown {
			fs = append(fs, file{version + "_" + name + ".down.sql", down})
		}
		return fs
	case Flyway:
		fs := []file{{"V" + version + "__" + name + ".sql", up}}
		if haveDown {
			fs = append(fs, file{"U" + version + "__" + name + ".sql", down})
		}
		return fs
	default: // Atlas and plain are forward only
		return []file{{version + "_" + name + ".sql", up}}
	}
}

// create writes a new file, failing when it exists (O_EXCL), so that a
// migration written meanwhile by someone else is never replaced.
func create(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		return fmt.Errorf("migration file %s: %w", path, err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("migration file %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("migration file %s: %w", path, err)
	}
	return nil
}

// list returns the names of the directory's regular files; a missing
// directory has none.
func list(dir string) ([]string, error) {
	if dir == "" {
		return nil, errors.New("migration: no directory")
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("migration directory %s: %w", dir, err)
	}
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out, nil
}

var (
	golangRe = regexp.MustCompile(`^(\d+)_.*\.(up|down)\.sql$`)
	flywayRe = regexp.MustCompile(`^[VU](\d+)(?:[._]\d+)*__.*\.sql$`)
	plainRe  = regexp.MustCompile(`^(\d+)_.*\.sql$`)
	slugRe   = regexp.MustCompile(`[^a-z0-9]+`)
)

// Detect names the layout of a directory from its file names: atlas.sum
// means Atlas, NNN_x.up.sql golang-migrate, V1__x.sql Flyway, NNN_x.sql
// plain; a directory without migrations is plain.
func Detect(names []string) Layout {
	switch {
	case slices.Contains(names, sumFile):
		return Atlas
	case slices.ContainsFunc(names, golangRe.MatchString):
		return GolangMigrate
	case slices.ContainsFunc(names, flywayRe.MatchString):
		return Flyway
	}
	return Plain
}

func slug(name string) string {
	s := strings.Trim(slugRe.ReplaceAllString(strings.ToLower(name), "_"), "_")
	if s == "" {
		return "dbls"
	}
	return s
}
