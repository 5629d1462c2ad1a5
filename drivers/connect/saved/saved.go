// Package saved manages the connections a user keeps: saving one in
// dbls's store with its secrets moved to the OS keyring, listing the
// configured and saved ones without any secret, and removing a saved one
// with its keyring entries. The CLI (dbls conn …) and the language server
// (dbls.saveConnection, dbls.listConnections, dbls.deleteConnection) share
// it, so a password given to either is handled the same way.
package saved

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/connect/store"
)

// ErrNoStore is returned when there is no store to save to or remove from.
var ErrNoStore = errors.New("no saved-connection store is open")

// Save stores c under name. A password — password, one in c.URL, or
// c.Password — goes to the OS keyring and the saved connection reads it
// from there; so do c.SSH's password and passphrase. Nothing secret reaches
// the store; without a keyring, a connection with a password is refused.
// It returns where else the name is defined (a config file that takes
// precedence), or "".
func Save(ctx context.Context, st *store.Store, cfg *config.Config, name string, c config.Connection, password string) (shadowedBy string, err error) {
	if st == nil {
		return "", ErrNoStore
	}
	if name == "" || strings.ContainsAny(name, ":/") {
		return "", fmt.Errorf("invalid connection name %q (non-empty, no ':' or '/')", name)
	}
	switch {
	case c.URL != "":
		if !drivers.IsURL(c.URL) {
			return "", fmt.Errorf("connection %q: the url is not a connection URL (scheme://… or sqlite:PATH)", name)
		}
		if _, err := drivers.ParseURL(c.URL); err != nil {
			return "", fmt.Errorf("connection %q: %w", name, err)
		}
	case c.Driver == "":
		return "", fmt.Errorf("connection %q: give a URL or a driver", name)
	default:
		if _, err := drivers.Get(c.Driver); err != nil {
			return "", fmt.Errorf("connection %q: %w", name, err)
		}
	}
	var inURL string
	c.URL, inURL = SplitPassword(c.URL)
	given := 0
	for _, p := range []string{password, inURL, c.Password} {
		if p != "" {
			given++
			password = p
		}
	}
	c.Password = ""
	if password != "" {
		c.Keyring = true
	}
	if given > 1 || c.PasswordSource(name).Count() > 1 {
		return "", fmt.Errorf("connection %q: give one password source: a password (or one in the URL), password_env, password_command or keyring", name)
	}
	secrets := map[string]string{}
	if password != "" {
		secrets[config.PasswordKey(name)] = password
	}
	if c.SSH != nil {
		s := *c.SSH
		if s.Password != "" {
			secrets[config.SSHPasswordKey(name)] = s.Password
			s.Password, s.Keyring = "", true
		}
		if s.Passphrase != "" {
			secrets[config.SSHPassphraseKey(name)] = s.Passphrase
			s.Passphrase, s.PassphraseKeyring = "", true
		}
		if s.PasswordSource(name).Count() > 1 || s.PassphraseSource(name).Count() > 1 {
			return "", fmt.Errorf("connection %q: give one source for the SSH password and one for the key passphrase", name)
		}
		c.SSH = &s
	}
	var set []string
	for k, v := range secrets {
		if err := secret.Set(k, v); err != nil {
			forget(set)
			return "", fmt.Errorf("connection %q has a secret but it cannot be stored safely: %w", name, err)
		}
		set = append(set, k)
	}
	if err := st.Save(ctx, name, c); err != nil {
		forget(set)
		return "", err
	}
	if cfg != nil {
		shadowedBy = cfg.Origin(name)
	}
	return shadowedBy, nil
}

// forget removes keyring entries written for a save that failed.
func forget(keys []string) {
	for _, k := range keys {
		secret.Delete(k) //nolint:errcheck // best effort: the save failed anyway
	}
}

// SplitPassword removes the password from a URL and returns both.
func SplitPassword(raw string) (clean, password string) {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw, ""
	}
	pw, ok := u.User.Password()
	if !ok {
		return raw, ""
	}
	u.User = url.User(u.User.Username())
	return u.String(), pw
}

// Remove deletes the saved connection name and its keyring entries.
// Problems deleting keyring entries do not fail the removal; they are
// returned as warnings.
func Remove(ctx context.Context, st *store.Store, cfg *config.Config, name string) (warnings []error, err error) {
	if st == nil {
		return nil, ErrNoStore
	}
	removed, err := st.Remove(ctx, name)
	if err != nil {
		return nil, err
	}
	if !removed {
		if cfg != nil {
			if origin := cfg.Origin(name); origin != "" {
				return nil, fmt.Errorf("connection %q is defined in %s, not saved: edit that file", name, origin)
			}
		}
		return nil, fmt.Errorf("no saved connection named %q", name)
	}
	for _, k := range []string{config.PasswordKey(name), config.SSHPasswordKey(name), config.SSHPassphraseKey(name)} {
		if err := secret.Delete(k); err != nil && !errors.Is(err, secret.ErrNoKeyring) {
			warnings = append(warnings, err)
		}
	}
	return warnings, nil
}

// Summary describes a connection without any secret.
type Summary struct {
	Name   string `json:"name"`
	Source string `json:"source"` // the config file that defines it, or "store"
	Driver string `json:"driver"`
	Target string `json:"target"` // the URL with any password masked
	TLS    string `json:"tls,omitempty"`
	SSH    string `json:"ssh,omitempty"`
	// Password says where the password comes from: none, env NAME,
	// command, keyring or inline — never the password.
	Password string `json:"password"`
	ReadOnly bool   `json:"readonly,omitempty"`
	// Shadowed marks a saved connection that a configured one of the same
	// name hides.
	Shadowed bool `json:"shadowed,omitempty"`
}

// List summarizes the configured connections (by name), then the saved
// ones. st may be nil.
func List(ctx context.Context, cfg *config.Config, st *store.Store) ([]Summary, error) {
	rows := []Summary{}
	if cfg != nil {
		for _, name := range cfg.Names() {
			c, _ := cfg.Lookup(name)
			rows = append(rows, Describe(name, cfg.Origin(name), c))
		}
	}
	if st == nil {
		return rows, nil
	}
	saved, err := st.List(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range saved {
		r := Describe(s.Name, "store", s.Connection)
		if cfg != nil {
			_, r.Shadowed = cfg.Lookup(s.Name)
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Describe summarizes one connection.
func Describe(name, source string, c config.Connection) Summary {
	r := Summary{Name: name, Source: source, Driver: c.Driver, ReadOnly: c.ReadOnly}
	if p, err := drivers.ParseURL(c.URL); err == nil {
		r.Driver, r.Target = p.Driver, p.String()
	} else if c.URL == "" {
		r.Target = c.Host + c.Path
		if c.Database != "" {
			r.Target += "/" + c.Database
		}
	} else {
		r.Target = "(invalid URL)"
	}
	r.Password = "none"
	switch src := c.PasswordSource(name); {
	case src.Env != "":
		r.Password = "env " + src.Env
	case src.Command != "":
		r.Password = "command"
	case src.Keyring != "":
		r.Password = "keyring"
	case src.Inline != "" || strings.Contains(r.Target, ":xxxxx@"):
		r.Password = "inline"
	}
	if c.TLS != nil {
		mode := c.TLS.Mode
		if mode == "" {
			mode = "verify-full"
		}
		r.TLS = "tls=" + mode
	}
	if c.SSH != nil {
		r.SSH = "ssh=" + c.SSH.User + "@" + c.SSH.Host
	}
	return r
}
