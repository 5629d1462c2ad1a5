package config

import (
	"fmt"
	"strings"
	"time"

	"github.com/dbls/dbls/drivers/connect/secret"
)

// problem collects validation results with their key paths; lines are
// looked up in the source afterwards.
type problems struct {
	file     string
	src      []byte
	errs     []string
	warnings []Warning
}

func (p *problems) errorf(path []string, format string, args ...any) {
	p.errs = append(p.errs, p.where(path)+fmt.Sprintf(format, args...))
}

func (p *problems) warnf(path []string, format string, args ...any) {
	p.warnings = append(p.warnings, Warning{File: p.file, Line: locate(p.src, path),
		Key: strings.Join(path, "."), Message: fmt.Sprintf(format, args...)})
}

func (p *problems) where(path []string) string {
	if line := locate(p.src, path); line > 0 {
		return fmt.Sprintf("%s:%d: %s: ", p.file, line, strings.Join(path, "."))
	}
	return fmt.Sprintf("%s: %s: ", p.file, strings.Join(path, "."))
}

func (c *Config) validate(file string, src []byte) ([]Warning, error) {
	p := &problems{file: file, src: src}
	for _, name := range c.Names() {
		conn := c.Connections[name]
		conn.validate(p, name, []string{"connections", name})
	}
	if c.QueryTimeout != "" && c.QueryTimeout != "0" {
		if d, err := time.ParseDuration(c.QueryTimeout); err != nil || d < 0 {
			p.errorf([]string{"query_timeout"}, "want a duration such as \"30s\" or \"5m\" (\"0\" for none), got %q", c.QueryTimeout)
		}
	}
	for key, v := range map[string]string{"result_max_bytes": c.ResultMaxBytes, "results_cache_bytes": c.ResultsCacheBytes} {
		if v != "" {
			if _, err := parseBytes(v); err != nil {
				p.errorf([]string{key}, "%v", err)
			}
		}
	}
	c.Format.validate(p)
	for name, v := range c.Plugins {
		switch v.(type) {
		case bool, map[string]any:
		default:
			p.errorf([]string{"plugins", name}, "want true/false (enable) or a table of settings, got %T", v)
		}
	}
	if len(p.errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(p.errs, "\n"))
	}
	return p.warnings, nil
}

func (f Format) validate(p *problems) {
	switch strings.ToLower(f.KeywordCase) {
	case "", "upper", "lower", "preserve":
	default:
		p.errorf([]string{"format", "keyword_case"}, "want \"upper\", \"lower\" or \"preserve\", got %q", f.KeywordCase)
	}
	switch strings.ToLower(f.Indent) {
	case "", "spaces", "tabs":
	default:
		p.errorf([]string{"format", "indent"}, "want \"spaces\" or \"tabs\", got %q", f.Indent)
	}
	if f.IndentWidth < 0 || f.IndentWidth > 16 {
		p.errorf([]string{"format", "indent_width"}, "want 1 to 16 spaces (0: the editor's tab size), got %d", f.IndentWidth)
	}
}

func (c Connection) validate(p *problems, name string, path []string) {
	at := func(k ...string) []string { return append(append([]string(nil), path...), k...) }
	switch {
	case name == "" || strings.ContainsAny(name, ":/"):
		p.errorf(path, "a connection name must be non-empty and contain neither ':' nor '/' (it would read as a URL)")
	case c.URL == "" && c.Driver == "":
		p.errorf(path, "needs url, or driver with host/path")
	case c.URL != "" && (c.Driver != "" || c.Host != "" || c.Path != "" || c.Database != ""):
		p.errorf(at("url"), "give either url or driver/host/port/user/database/path, not both")
	}
	if c.Port < 0 || c.Port > 65535 {
		p.errorf(at("port"), "%d is not a port", c.Port)
	}
	checkSecret(p, at("password"), c.PasswordSource(name), urlHasPassword(c.URL))
	if c.TLS != nil {
		c.TLS.validate(p, at("tls"))
	}
	if c.SSH != nil {
		c.SSH.validate(p, name, at("ssh"))
	}
}

// urlHasPassword spots user:password@ in a URL.
func urlHasPassword(u string) bool {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return false
	}
	userinfo, _, ok := strings.Cut(rest, "@")
	return ok && strings.Contains(userinfo, ":") && !strings.Contains(userinfo, "/")
}

func checkSecret(p *problems, path []string, s secret.Source, inURL bool) {
	n := s.Count()
	if inURL {
		n++
	}
	switch {
	case n > 1:
		p.errorf(path, "more than one source for the same secret (inline, _env, _command, keyring, URL): keep one")
	case s.Inline != "" || inURL:
		p.warnf(path, "secret written in the file; prefer %s_env, %s_command or the OS keyring", path[len(path)-1], path[len(path)-1])
	}
}

func (t TLS) validate(p *problems, path []string) {
	switch t.Mode {
	case "", "disable", "require", "verify-ca", "verify-full":
	default:
		p.errorf(append(path, "mode"), "%q: want disable, require, verify-ca or verify-full", t.Mode)
	}
	if (t.CertFile == "") != (t.KeyFile == "") {
		p.errorf(path, "cert_file and key_file go together")
	}
}

func (s SSH) validate(p *problems, name string, path []string) {
	at := func(k string) []string { return append(append([]string(nil), path...), k) }
	if s.Host == "" {
		p.errorf(path, "needs host")
	}
	if s.Port < 0 || s.Port > 65535 {
		p.errorf(at("port"), "%d is not a port", s.Port)
	}
	checkSecret(p, at("password"), s.PasswordSource(name), false)
	checkSecret(p, at("passphrase"), s.PassphraseSource(name), false)
	for k, v := range map[string]string{"keepalive": s.Keepalive, "timeout": s.Timeout} {
		if v == "" {
			continue
		}
		if d, err := time.ParseDuration(v); err != nil || d < 0 {
			p.errorf(at(k), "%q is not a duration such as 30s", v)
		}
	}
	if s.InsecureIgnoreHostKey {
		p.warnf(at("insecure_ignore_host_key"), "host keys are not checked: anyone between you and %s can read the session", s.Host)
	}
}

// locate finds the line of a key path in TOML source: the key's own line
// inside its table, or the table's header. It understands [a.b] headers,
// quoted keys and dotted keys, which covers hand-written config; 0 means
// not found (the message then names the file and key without a line).
func locate(src []byte, path []string) int {
	if len(src) == 0 {
		return 0
	}
	var table []string
	headerLine := 0
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line[0] == '#':
			continue
		case strings.HasPrefix(line, "["):
			table = splitKey(strings.Trim(strings.TrimSpace(stripComment(line)), "[]"))
			if equalPath(table, path) {
				headerLine = i + 1
			}
			continue
		}
		k, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := append(append([]string(nil), table...), splitKey(k)...)
		if equalPath(full, path) {
			return i + 1
		}
		if headerLine == 0 && len(full) <= len(path) && equalPath(full, path[:len(full)]) {
			headerLine = i + 1 // an inline table holding the key
		}
	}
	if headerLine == 0 && len(path) > 1 {
		return locate(src, path[:len(path)-1])
	}
	return headerLine
}

func stripComment(s string) string {
	if i := strings.Index(s, "#"); i >= 0 && !strings.Contains(s[:i], `"`) {
		return s[:i]
	}
	return s
}

// splitKey splits a dotted TOML key, honouring quotes.
func splitKey(k string) []string {
	var parts []string
	var cur strings.Builder
	var quote byte
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
