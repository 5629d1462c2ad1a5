package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/dbls/dbls/drivers/connect/dirs"
)

// ProjectFileName is the project configuration file at a workspace root.
const ProjectFileName = ".dbls.toml"

// UserFile is the user configuration file: $XDG_CONFIG_HOME/dbls/config.toml
// (~/.config/dbls/config.toml when XDG_CONFIG_HOME is unset).
func UserFile() string {
	dir, err := dirs.Config()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "config.toml")
}

// FindProjectFile looks for .dbls.toml in dir and its parents, stopping at
// a repository root (a directory holding .git) so that a stray file far up
// the tree is not picked up. It returns "" when there is none.
func FindProjectFile(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, ProjectFileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads and merges the files in order, later ones winning. Files that
// do not exist are skipped; any other problem is an error naming the file.
func Load(files ...string) (*Config, []Warning, error) {
	var merged *Config
	var warnings []Warning
	for _, f := range files {
		if f == "" {
			continue
		}
		c, w, err := LoadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		merged = merged.Merge(c)
		warnings = append(warnings, w...)
	}
	if merged == nil {
		merged = (*Config)(nil).Merge(nil)
	}
	return merged, warnings, nil
}

// LoadFile reads one TOML file.
func LoadFile(path string) (*Config, []Warning, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	return ParseTOML(src, path)
}

// ParseTOML decodes TOML strictly and validates it. file names the source
// in messages.
func ParseTOML(src []byte, file string) (*Config, []Warning, error) {
	var c Config
	dec := toml.NewDecoder(bytes.NewReader(src)).DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, nil, tomlError(file, err)
	}
	c.setOrigin(file)
	warnings, err := c.validate(file, src)
	if err != nil {
		return nil, nil, err
	}
	return &c, warnings, nil
}

// ParseJSON decodes the same keys as JSON (LSP initializationOptions and
// workspace/didChangeConfiguration). origin names the source in messages.
func ParseJSON(data []byte, origin string) (*Config, []Warning, error) {
	var c Config
	if len(bytes.TrimSpace(data)) == 0 || string(bytes.TrimSpace(data)) == "null" {
		return c.Merge(nil), nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", origin, err)
	}
	c.setOrigin(origin)
	warnings, err := c.validate(origin, nil)
	if err != nil {
		return nil, nil, err
	}
	return &c, warnings, nil
}

// tomlError rewrites go-toml's errors as "file:line:column: key: problem".
func tomlError(file string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var msgs []string
		for _, e := range strict.Errors {
			row, col := e.Position()
			msgs = append(msgs, fmt.Sprintf("%s:%d:%d: unknown key %s", file, row, col, strings.Join(e.Key(), ".")))
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		key := strings.Join(de.Key(), ".")
		if key != "" {
			key += ": "
		}
		return fmt.Errorf("%s:%d:%d: %s%s", file, row, col, key, de.Error())
	}
	return fmt.Errorf("%s: %w", file, err)
}
