// Package connect turns what a user names — a URL, a connection from the
// config files, a saved connection from the store — into an open
// drivers.Conn. It is the one place where names resolve, secrets are
// fetched, TLS is set up and SSH tunnels are opened, so that the CLI, the
// language server and diff reach databases the same way.
//
// Lookup order for a name: the merged config (editor settings > project
// .dbls.toml > user config.toml), then the saved-connection store. A string
// with a scheme ("postgres://…", "sqlite:…") is always a URL.
package connect

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/connect/store"
)

// Resolver resolves and opens connections. Its zero value resolves URLs
// only. Close it to end the SSH tunnels it opened.
type Resolver struct {
	Config *config.Config
	Store  *store.Store
	// Warn receives warnings (an unchecked host key, say); nil drops them.
	Warn func(string)

	mu      sync.Mutex
	tunnels map[string]tunnel // by bastion, shared by the connections behind it
}

// Definition is a resolved connection definition.
type Definition struct {
	// Name is the connection name, or "" for a URL.
	Name string
	// Origin says where the definition came from: a config file path,
	// "store", or "url".
	Origin     string
	Connection config.Connection
}

// ErrUnknown is wrapped by Lookup's error for a name defined nowhere.
var ErrUnknown = errors.New("unknown connection")

// Lookup finds the definition for arg, a URL or a name.
func (r *Resolver) Lookup(ctx context.Context, arg string) (Definition, error) {
	if drivers.IsURL(arg) {
		return Definition{Origin: "url", Connection: config.Connection{URL: arg}}, nil
	}
	if c, ok := r.Config.Lookup(arg); ok {
		return Definition{Name: arg, Origin: r.Config.Origin(arg), Connection: c}, nil
	}
	if r.Store != nil {
		c, ok, err := r.Store.Get(ctx, arg)
		if err != nil {
			return Definition{}, err
		}
		if ok {
			return Definition{Name: arg, Origin: "store", Connection: c}, nil
		}
	}
	return Definition{}, r.unknown(ctx, arg)
}

func (r *Resolver) unknown(ctx context.Context, name string) error {
	var known []string
	if r.Config != nil {
		known = append(known, r.Config.Names()...)
	}
	if r.Store != nil {
		if saved, err := r.Store.List(ctx); err == nil {
			for _, s := range saved {
				known = append(known, s.Name)
			}
		}
	}
	hint := "none configured or saved"
	if len(known) > 0 {
		hint = "known: " + strings.Join(known, ", ")
	}
	return fmt.Errorf("%w %q (%s); give a URL such as postgres://user@host/db, mysql://user@host/db or sqlite:file.db",
		ErrUnknown, name, hint)
}

// Default is the configured default connection's name, or "".
func (r *Resolver) Default() string {
	if r.Config == nil {
		return ""
	}
	return r.Config.DefaultConnection
}

// DevFor is the dev server configured for the connection arg (its `dev`
// key), or "": where a .sql schema file compared with it is loaded.
func (r *Resolver) DevFor(ctx context.Context, arg string) string {
	def, err := r.Lookup(ctx, arg)
	if err != nil {
		return ""
	}
	return def.Connection.Dev
}

// Locate resolves arg, a URL or a name, into its definition and the
// parameters that identify its database, without fetching a secret or
// opening a tunnel: what a cache key, a label or the choice of dialect
// needs while the database may be unreachable. Params goes on from here.
func (r *Resolver) Locate(ctx context.Context, arg string) (Definition, drivers.Params, error) {
	def, err := r.Lookup(ctx, arg)
	if err != nil {
		return def, drivers.Params{}, err
	}
	p, err := definitionParams(def)
	return def, p, err
}

// Params resolves arg into parameters ready for drivers.OpenParams: the
// password fetched, TLS configured, and, for a connection behind a bastion,
// an SSH tunnel opened and installed as the dialer.
func (r *Resolver) Params(ctx context.Context, arg string) (drivers.Params, error) {
	def, p, err := r.Locate(ctx, arg)
	if err != nil {
		return p, err
	}
	if err := resolvePassword(ctx, def, &p); err != nil {
		return p, err
	}
	applyTLS(def.Connection, &p)
	if s := def.Connection.SSH; s != nil {
		if p.Dial, err = r.dialer(ctx, def.Name, *s); err != nil {
			return p, fmt.Errorf("connection %s: %w", def.label(), err)
		}
	}
	return p, nil
}

// resolvePassword fetches the password from its source, unless the URL
// carries one.
func resolvePassword(ctx context.Context, def Definition, p *drivers.Params) error {
	src := def.Connection.PasswordSource(def.Name)
	if src.IsZero() || p.Password != "" {
		return nil
	}
	var err error
	p.Password, err = secret.Resolve(ctx, src, "password of connection "+def.label())
	return err
}

func applyTLS(c config.Connection, p *drivers.Params) {
	p.ReadOnly = c.ReadOnly
	if c.TLS != nil {
		p.TLS = &drivers.TLSOptions{Mode: c.TLS.Mode, CAFile: expandHome(c.TLS.CAFile), CertFile: expandHome(c.TLS.CertFile),
			KeyFile: expandHome(c.TLS.KeyFile), ServerName: c.TLS.ServerName}
	}
}

func (d Definition) label() string {
	if d.Name != "" {
		return strconv.Quote(d.Name)
	}
	return redact(d.Connection.URL)
}

// definitionParams is baseParams with file paths made relative to the
// config file that names them: "sqlite:shop.db" in a project's .dbls.toml
// means the project's shop.db, wherever dbls was started.
func definitionParams(def Definition) (drivers.Params, error) {
	p, err := baseParams(def.Connection)
	if err != nil {
		return p, fmt.Errorf("connection %s: %w", def.label(), err)
	}
	if p.Path != "" && p.Path != ":memory:" && !filepath.IsAbs(p.Path) && filepath.IsAbs(def.Origin) {
		p.Path = filepath.Join(filepath.Dir(def.Origin), p.Path)
	}
	return p, nil
}

// baseParams builds parameters from a URL or from the separate fields.
func baseParams(c config.Connection) (drivers.Params, error) {
	if c.URL != "" {
		return drivers.ParseURL(c.URL)
	}
	d, err := drivers.Get(c.Driver)
	if err != nil {
		return drivers.Params{}, err
	}
	m := d.Manifest()
	p := drivers.Params{Driver: m.ID, Scheme: m.ID, Host: c.Host, Port: c.Port, User: c.User,
		Database: c.Database, Path: expandHome(c.Path), Options: c.Options}
	switch {
	case m.Capabilities.FileBased && p.Path == "":
		return p, fmt.Errorf("driver %s needs path", m.ID)
	case !m.Capabilities.FileBased && p.Host == "":
		p.Host = "127.0.0.1"
	}
	if p.Port == 0 && !m.Capabilities.FileBased {
		p.Port = m.DefaultPort
	}
	return p, nil
}

// Open resolves arg and opens it.
func (r *Resolver) Open(ctx context.Context, arg string) (drivers.Conn, drivers.Params, error) {
	p, err := r.Params(ctx, arg)
	if err != nil {
		return nil, p, err
	}
	c, err := drivers.OpenParams(ctx, p)
	return c, p, err
}

// Close ends every SSH tunnel the resolver opened.
func (r *Resolver) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	for k, t := range r.tunnels {
		errs = append(errs, t.Close())
		delete(r.tunnels, k)
	}
	return errors.Join(errs...)
}

func (r *Resolver) warn(msg string) {
	if r.Warn != nil {
		r.Warn(msg)
	}
}

// redact hides the password of a URL for messages.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
