// Package dirs is the one place that says where dbls keeps files of its
// own in the user's home, and how a path a user writes with ~ is read.
// Every caller asks here, so that the XDG base-directory variables mean
// the same everywhere:
//
//   - config: $XDG_CONFIG_HOME/dbls, else ~/.config/dbls (on macOS and
//     Windows their own configuration directory) — config.toml
//   - cache: $XDG_CACHE_HOME/dbls, else ~/.cache/dbls (on macOS and
//     Windows their own cache directory) — results, migration previews,
//     definitions
//   - data: $XDG_DATA_HOME/dbls, else ~/.local/share/dbls — the store
//     (dbls.db) and installed plugins
//
// A variable is honoured on every platform when it holds an absolute path;
// a relative one is ignored, as the XDG base-directory specification says.
package dirs

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// app is the folder dbls uses under each base directory.
const app = "dbls"

// Config is the directory of dbls's user configuration.
func Config() (string, error) {
	return under("XDG_CONFIG_HOME", ".config", os.UserConfigDir)
}

// Cache is the directory of files dbls can write again: result documents,
// migration previews, definitions.
func Cache() (string, error) {
	return under("XDG_CACHE_HOME", ".cache", os.UserCacheDir)
}

// Data is the directory of files dbls keeps: the store and installed
// plugins.
func Data() (string, error) {
	return under("XDG_DATA_HOME", filepath.Join(".local", "share"), nil)
}

// under is $env/dbls when env holds an absolute path; otherwise, on
// systems with their own convention (platform, when given), that
// directory, and elsewhere ~/home/dbls.
func under(env, home string, platform func() (string, error)) (string, error) {
	if dir := os.Getenv(env); filepath.IsAbs(dir) {
		return filepath.Join(dir, app), nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "plan9":
		if platform != nil {
			dir, err := platform()
			if err != nil {
				return "", err
			}
			return filepath.Join(dir, app), nil
		}
	}
	h, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(h, home, app), nil
}

// ExpandHome replaces a leading "~" or "~/" with the user's home
// directory, as users write paths in config files and commands. Any other
// path, "~user/…" included, comes back as it is. When the home directory
// is unknown, p comes back unchanged with the error.
func ExpandHome(p string) (string, error) {
	if p != "~" && !strings.HasPrefix(p, "~/") {
		return p, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return p, err
	}
	return filepath.Join(home, p[1:]), nil
}
