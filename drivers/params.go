package drivers

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// Params are the parsed parts of a connection. A Params value never prints
// its password: String and GoString redact it, so it is safe to log.
type Params struct {
	// Driver is the registry ID the URL scheme resolved to.
	Driver string
	// Scheme is the scheme as written (an ID or an alias).
	Scheme   string
	Host     string
	Port     int
	User     string
	Password string
	// Database is the database name for server drivers.
	Database string
	// Path is the file (or ":memory:") for file-based drivers.
	Path string
	// Options are the URL's query parameters (sslmode, mode, …).
	Options map[string]string

	// TLS, when set, decides TLS for server drivers and takes precedence over
	// URL options such as sslmode or tls.
	TLS *TLSOptions
	// Dial, when set, opens the network connection to Host:Port instead of a
	// direct TCP dial: an SSH tunnel, for instance. Drivers must then leave
	// name resolution to it.
	Dial DialFunc
	// ReadOnly asks the driver to refuse writes where the engine can.
	ReadOnly bool
}

// DialFunc opens a network connection, like net.Dialer.DialContext.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// ErrNotURL is returned by ParseURL for a string that is not a URL, which
// callers then try as a connection name.
var ErrNotURL = errors.New("not a connection URL")

var schemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]*):`)

// IsURL reports whether s has the form scheme:… of a connection URL rather
// than a bare connection name.
func IsURL(s string) bool { return schemeRE.MatchString(s) }

// ParseURL parses any connection URL form that dbls accepts:
//
//	postgres://user:pass@host:5432/db?sslmode=require
//	mysql://user:pass@host:3306/db      mariadb://…
//	sqlite:relative/path.db             sqlite:///abs/path.db
//	sqlite::memory:                     sqlite:file.db?mode=rwc
//
// The scheme must name a registered driver (ID or alias); an unknown scheme
// is an error that lists the registered drivers. File-based drivers (per
// their manifest) take a path; the others a host, port and database.
func ParseURL(raw string) (Params, error) {
	m := schemeRE.FindStringSubmatch(raw)
	if m == nil {
		return Params{}, ErrNotURL
	}
	scheme := m[1]
	d, err := Get(scheme)
	if err != nil {
		return Params{}, fmt.Errorf("connection URL %s: %w", redactURL(raw), err)
	}
	man := d.Manifest()
	p := Params{Driver: man.ID, Scheme: strings.ToLower(scheme)}
	if man.Capabilities.FileBased {
		err = p.parseFile(raw[len(m[0]):])
	} else {
		err = p.parseServer(raw, man.DefaultPort)
	}
	if err != nil {
		return Params{}, fmt.Errorf("connection URL %s: %w", redactURL(raw), err)
	}
	return p, nil
}

// parseFile reads the part after "scheme:" of a file URL.
func (p *Params) parseFile(rest string) error {
	path, query, _ := strings.Cut(rest, "?")
	switch {
	case strings.HasPrefix(path, "///"): // sqlite:///abs/path.db
		path = path[2:]
	case strings.HasPrefix(path, "//"): // sqlite://rel/path.db: no host in a file URL
		path = path[2:]
	}
	if unescaped, err := url.PathUnescape(path); err == nil {
		path = unescaped
	}
	if path == "" {
		return errors.New("missing file path (use sqlite:relative/file.db, sqlite:///abs/file.db or sqlite::memory:)")
	}
	p.Path = path
	return p.parseOptions(query)
}

func (p *Params) parseServer(raw string, defaultPort int) error {
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // url.Error repeats the URL, password included
		}
		return err
	}
	if u.Opaque != "" {
		return fmt.Errorf("expected %s://[user[:password]@]host[:port]/database", u.Scheme)
	}
	p.Host = u.Hostname()
	if p.Host == "" {
		p.Host = "127.0.0.1"
	}
	p.Port = defaultPort
	if ps := u.Port(); ps != "" {
		if p.Port, err = strconv.Atoi(ps); err != nil || p.Port <= 0 || p.Port > 65535 {
			return fmt.Errorf("invalid port %q", ps)
		}
	}
	if u.User != nil {
		p.User = u.User.Username()
		p.Password, _ = u.User.Password()
	}
	p.Database = strings.TrimPrefix(u.Path, "/")
	return p.parseOptions(u.RawQuery)
}

func (p *Params) parseOptions(query string) error {
	if query == "" {
		return nil
	}
	v, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Errorf("invalid query parameters: %w", err)
	}
	p.Options = make(map[string]string, len(v))
	for k, vals := range v {
		p.Options[k] = vals[len(vals)-1]
	}
	return nil
}

// Address is host:port, for messages.
func (p Params) Address() string {
	if p.Path != "" {
		return p.Path
	}
	return p.Host + ":" + strconv.Itoa(p.Port)
}

// String renders the connection as a URL with the password replaced, safe
// for logs and error messages.
func (p Params) String() string {
	u := url.URL{Scheme: p.Scheme}
	if u.Scheme == "" {
		u.Scheme = p.Driver
	}
	if p.Path != "" {
		s := u.Scheme + ":" + p.Path
		if len(p.Options) > 0 {
			s += "?" + encodeOptions(p.Options)
		}
		return s
	}
	u.Host = p.Host
	if p.Port != 0 {
		u.Host += ":" + strconv.Itoa(p.Port)
	}
	if p.User != "" {
		if p.Password != "" {
			u.User = url.UserPassword(p.User, "xxxxx")
		} else {
			u.User = url.User(p.User)
		}
	}
	u.Path = "/" + p.Database
	u.RawQuery = encodeOptions(p.Options)
	return u.String()
}

// GoString keeps %#v from printing the password.
func (p Params) GoString() string { return "drivers.Params(" + p.String() + ")" }

func encodeOptions(o map[string]string) string {
	v := url.Values{}
	for k, x := range o {
		if isSecretOption(k) {
			x = "xxxxx"
		}
		v.Set(k, x)
	}
	return v.Encode()
}

func isSecretOption(k string) bool {
	k = strings.ToLower(k)
	return strings.Contains(k, "password") || strings.Contains(k, "secret") || strings.Contains(k, "passphrase")
}

var userinfoRE = regexp.MustCompile(`^([^:/?#]+://[^:@/]*):[^@/]*@`)

// redactURL hides the password of a raw URL for error messages.
func redactURL(raw string) string {
	return userinfoRE.ReplaceAllString(raw, "${1}:xxxxx@")
}

// Option returns an option's value, or def when it is not set.
func (p Params) Option(key, def string) string {
	if v, ok := p.Options[key]; ok {
		return v
	}
	return def
}

// Open parses a connection URL, finds its driver in the registry and opens
// it. It is the one way the CLI, the server and diff reach a database.
func Open(ctx context.Context, rawURL string) (Conn, Params, error) {
	p, err := ParseURL(rawURL)
	if err != nil {
		return nil, Params{}, err
	}
	c, err := OpenParams(ctx, p)
	return c, p, err
}

// OpenParams opens already-parsed parameters through the registry.
func OpenParams(ctx context.Context, p Params) (Conn, error) {
	d, err := Get(p.Driver)
	if err != nil {
		return nil, err
	}
	return d.Open(ctx, p)
}
