// Package config reads dbls configuration: the user file
// ($XDG_CONFIG_HOME/dbls/config.toml), the project file (.dbls.toml at the
// workspace root) and the same keys as JSON from an editor's LSP settings.
// Later sources override earlier ones: user < project < editor.
//
// Decoding is strict: an unknown key or a value of the wrong type is an
// error that names the file, the line and the key, because a misspelt
// "pasword_env" silently ignored is a connection that fails for no visible
// reason.
//
// The package is declarative: it says where secrets live (secret.Source)
// but never resolves them; package connect does, when a connection opens.
package config

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/dustin/go-humanize"

	"github.com/dbls/dbls/drivers/connect/secret"
)

// Config is the merged configuration.
type Config struct {
	// DefaultConnection names the connection used where none is given.
	DefaultConnection string                `toml:"default_connection" json:"default_connection,omitempty"`
	Connections       map[string]Connection `toml:"connections" json:"connections,omitempty"`
	// QueryTimeout bounds a statement run from the editor ("30s", "5m");
	// empty or "0" means no bound.
	QueryTimeout string `toml:"query_timeout" json:"query_timeout,omitempty"`
	// ResultMaxBytes bounds the memory one result run from the editor may
	// hold ("64MiB", "500MB"); "0" means no bound, empty the default
	// (DefaultResultMaxBytes).
	ResultMaxBytes string `toml:"result_max_bytes" json:"result_max_bytes,omitempty"`
	// ResultsCacheBytes bounds the memory the kept results (the ones
	// dbls.nextPage and dbls.exportResults come back to) hold together;
	// past it the oldest are dropped. "0" means no bound, empty the
	// default (DefaultResultsCacheBytes).
	ResultsCacheBytes string `toml:"results_cache_bytes" json:"results_cache_bytes,omitempty"`
	// Plugins holds enable flags (name = bool) and settings tables
	// ([plugins.NAME]); the plugin system interprets them.
	Plugins map[string]any `toml:"plugins" json:"plugins,omitempty"`
	// Format is [format]: how the editor's Format Document lays out SQL.
	Format Format `toml:"format" json:"format,omitempty"`

	origins map[string]string // connection name → file or source it came from
}

// Connection is one [connections.NAME] table: a URL or its parts, where the
// password comes from, and how to reach the server (TLS, SSH).
type Connection struct {
	URL      string            `toml:"url" json:"url,omitempty"`
	Driver   string            `toml:"driver" json:"driver,omitempty"`
	Host     string            `toml:"host" json:"host,omitempty"`
	Port     int               `toml:"port" json:"port,omitempty"`
	User     string            `toml:"user" json:"user,omitempty"`
	Database string            `toml:"database" json:"database,omitempty"`
	Path     string            `toml:"path" json:"path,omitempty"`
	Options  map[string]string `toml:"options" json:"options,omitempty"`

	// Password sources: at most one. Inline passwords work but are warned
	// about; Keyring reads the OS keyring entry named after the connection.
	Password        string `toml:"password" json:"password,omitempty"`
	PasswordEnv     string `toml:"password_env" json:"password_env,omitempty"`
	PasswordCommand string `toml:"password_command" json:"password_command,omitempty"`
	Keyring         bool   `toml:"keyring" json:"keyring,omitempty"`

	ReadOnly bool `toml:"readonly" json:"readonly,omitempty"`
	// Dev is a server of the same engine (a connection name or URL) where
	// a .sql schema file compared with this connection is loaded into a
	// temporary database; what --dev / "dev" give when they are absent.
	Dev string `toml:"dev" json:"dev,omitempty"`
	TLS *TLS   `toml:"tls" json:"tls,omitempty"`
	SSH *SSH   `toml:"ssh" json:"ssh,omitempty"`
}

// TLS is [connections.NAME.tls].
type TLS struct {
	// Mode is disable, require, verify-ca or verify-full.
	Mode       string `toml:"mode" json:"mode,omitempty"`
	CAFile     string `toml:"ca_file" json:"ca_file,omitempty"`
	CertFile   string `toml:"cert_file" json:"cert_file,omitempty"`
	KeyFile    string `toml:"key_file" json:"key_file,omitempty"`
	ServerName string `toml:"server_name" json:"server_name,omitempty"`
}

// SSH is [connections.NAME.ssh]: the bastion the database is reached
// through.
type SSH struct {
	Host string `toml:"host" json:"host,omitempty"`
	Port int    `toml:"port" json:"port,omitempty"`
	User string `toml:"user" json:"user,omitempty"`

	Password        string `toml:"password" json:"password,omitempty"`
	PasswordEnv     string `toml:"password_env" json:"password_env,omitempty"`
	PasswordCommand string `toml:"password_command" json:"password_command,omitempty"`
	Keyring         bool   `toml:"keyring" json:"keyring,omitempty"`

	KeyFile           string `toml:"key_file" json:"key_file,omitempty"`
	Passphrase        string `toml:"passphrase" json:"passphrase,omitempty"`
	PassphraseEnv     string `toml:"passphrase_env" json:"passphrase_env,omitempty"`
	PassphraseCommand string `toml:"passphrase_command" json:"passphrase_command,omitempty"`
	PassphraseKeyring bool   `toml:"passphrase_keyring" json:"passphrase_keyring,omitempty"`

	Agent                 bool   `toml:"agent" json:"agent,omitempty"`
	KnownHosts            string `toml:"known_hosts" json:"known_hosts,omitempty"`
	InsecureIgnoreHostKey bool   `toml:"insecure_ignore_host_key" json:"insecure_ignore_host_key,omitempty"`
	Keepalive             string `toml:"keepalive" json:"keepalive,omitempty"`
	Timeout               string `toml:"timeout" json:"timeout,omitempty"`
}

// Format is [format]. Empty fields take what the editor sends with each
// formatting request (its tab size and spaces-or-tabs) or the defaults.
type Format struct {
	// KeywordCase is "upper" (the default), "lower" or "preserve".
	KeywordCase string `toml:"keyword_case" json:"keyword_case,omitempty"`
	// Indent is "spaces" or "tabs"; empty follows the editor.
	Indent string `toml:"indent" json:"indent,omitempty"`
	// IndentWidth is the number of spaces of one level (1–16); 0 follows
	// the editor's tab size.
	IndentWidth int `toml:"indent_width" json:"indent_width,omitempty"`
}

// Keyring keys under secret.Service for a connection's secrets.
func PasswordKey(name string) string      { return "connection/" + name }
func SSHPasswordKey(name string) string   { return "connection/" + name + "/ssh" }
func SSHPassphraseKey(name string) string { return "connection/" + name + "/ssh-key" }

// PasswordSource says where connection name's password comes from.
func (c Connection) PasswordSource(name string) secret.Source {
	s := secret.Source{Inline: c.Password, Env: c.PasswordEnv, Command: c.PasswordCommand}
	if c.Keyring {
		s.Keyring = PasswordKey(name)
	}
	return s
}

// PasswordSource says where the SSH password comes from.
func (s SSH) PasswordSource(name string) secret.Source {
	src := secret.Source{Inline: s.Password, Env: s.PasswordEnv, Command: s.PasswordCommand}
	if s.Keyring {
		src.Keyring = SSHPasswordKey(name)
	}
	return src
}

// PassphraseSource says where the SSH private key's passphrase comes from.
func (s SSH) PassphraseSource(name string) secret.Source {
	src := secret.Source{Inline: s.Passphrase, Env: s.PassphraseEnv, Command: s.PassphraseCommand}
	if s.PassphraseKeyring {
		src.Keyring = SSHPassphraseKey(name)
	}
	return src
}

// Durations parses keepalive and timeout; validate has checked them.
func (s SSH) Durations() (keepalive, timeout time.Duration) {
	keepalive, _ = time.ParseDuration(s.Keepalive)
	timeout, _ = time.ParseDuration(s.Timeout)
	return keepalive, timeout
}

// QueryTimeoutDuration is QueryTimeout parsed; 0 means no bound. validate
// has checked it.
func (c *Config) QueryTimeoutDuration() time.Duration {
	if c == nil {
		return 0
	}
	d, _ := time.ParseDuration(c.QueryTimeout)
	return max(d, 0)
}

// Defaults of ResultMaxBytes and ResultsCacheBytes.
const (
	DefaultResultMaxBytes    = 64 << 20
	DefaultResultsCacheBytes = 256 << 20
)

// ResultLimits are ResultMaxBytes and ResultsCacheBytes in bytes, the
// defaults where they are empty; 0 means no bound. validate has checked
// them.
func (c *Config) ResultLimits() (result, cache int64) {
	result, cache = DefaultResultMaxBytes, DefaultResultsCacheBytes
	if c == nil {
		return result, cache
	}
	if c.ResultMaxBytes != "" {
		result, _ = parseBytes(c.ResultMaxBytes)
	}
	if c.ResultsCacheBytes != "" {
		cache, _ = parseBytes(c.ResultsCacheBytes)
	}
	return result, cache
}

// parseBytes reads a size: "0", "1048576", "64MiB", "500 MB".
func parseBytes(s string) (int64, error) {
	n, err := humanize.ParseBytes(s)
	if err != nil || n > math.MaxInt64 {
		return 0, fmt.Errorf("want a size such as \"64MiB\" or \"500MB\" (\"0\" for none), got %q", s)
	}
	return int64(n), nil
}

// Names lists the configured connection names, sorted.
func (c *Config) Names() []string { return slices.Sorted(maps.Keys(c.Connections)) }

// Lookup returns a connection by name.
func (c *Config) Lookup(name string) (Connection, bool) {
	if c == nil {
		return Connection{}, false
	}
	conn, ok := c.Connections[name]
	return conn, ok
}

// Origin tells where a connection was defined (a file path, or the name of
// another source such as "editor settings").
func (c *Config) Origin(name string) string { return c.origins[name] }

// Merge returns a copy of c with over applied on top: over's connections
// replace c's of the same name whole (a partial override that silently kept
// the user file's password source would surprise), its plugin settings
// replace c's per plugin, and a non-empty default connection wins.
func (c *Config) Merge(over *Config) *Config {
	out := &Config{Connections: map[string]Connection{}, Plugins: map[string]any{}, origins: map[string]string{}}
	for _, src := range []*Config{c, over} {
		if src == nil {
			continue
		}
		if src.DefaultConnection != "" {
			out.DefaultConnection = src.DefaultConnection
		}
		if src.QueryTimeout != "" {
			out.QueryTimeout = src.QueryTimeout
		}
		if src.ResultMaxBytes != "" {
			out.ResultMaxBytes = src.ResultMaxBytes
		}
		if src.ResultsCacheBytes != "" {
			out.ResultsCacheBytes = src.ResultsCacheBytes
		}
		out.Format = out.Format.merge(src.Format)
		maps.Copy(out.Connections, src.Connections)
		maps.Copy(out.Plugins, src.Plugins)
		maps.Copy(out.origins, src.origins)
	}
	return out
}

// merge sets each field of over that is set.
func (f Format) merge(over Format) Format {
	if over.KeywordCase != "" {
		f.KeywordCase = over.KeywordCase
	}
	if over.Indent != "" {
		f.Indent = over.Indent
	}
	if over.IndentWidth != 0 {
		f.IndentWidth = over.IndentWidth
	}
	return f
}

func (c *Config) setOrigin(origin string) {
	c.origins = map[string]string{}
	for name := range c.Connections {
		c.origins[name] = origin
	}
}

// Warning is a problem that does not stop dbls, such as an inline password.
type Warning struct {
	File, Key, Message string
	Line               int
}

func (w Warning) String() string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s: %s", w.File, w.Line, w.Key, w.Message)
	}
	return fmt.Sprintf("%s: %s: %s", w.File, w.Key, w.Message)
}
