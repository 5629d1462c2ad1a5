package connect

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/secret"
)

// Hop is one step of reaching a database, as `dbls conn test` reports it.
type Hop struct {
	Step    string        `json:"step"`
	OK      bool          `json:"ok"`
	Detail  string        `json:"detail"`
	Elapsed time.Duration `json:"elapsed_ns"`
}

// Test reaches arg step by step — resolve, password, SSH, TCP, TLS and
// authentication, server — and reports each hop, stopping at the first
// that fails. The hops never contain a secret.
func (r *Resolver) Test(ctx context.Context, arg string) []Hop {
	return r.test(ctx, func() (Definition, drivers.Params, error) { return r.Locate(ctx, arg) })
}

// TestUnsaved is Test for a connection defined nowhere yet, as an editor's
// connection form holds it before Save; name only names its keyring
// entries.
func (r *Resolver) TestUnsaved(ctx context.Context, name string, c config.Connection) []Hop {
	return r.test(ctx, func() (Definition, drivers.Params, error) {
		def := Definition{Name: name, Origin: "unsaved", Connection: c}
		p, err := definitionParams(def)
		return def, p, err
	})
}

func (r *Resolver) test(ctx context.Context, locate func() (Definition, drivers.Params, error)) []Hop {
	var hops []Hop
	step := func(name string, fn func() (string, error)) bool {
		start := time.Now()
		detail, err := fn()
		h := Hop{Step: name, OK: err == nil, Detail: detail, Elapsed: time.Since(start)}
		if err != nil {
			h.Detail = err.Error()
		}
		hops = append(hops, h)
		return err == nil
	}
	var def Definition
	var p drivers.Params
	ok := step("resolve", func() (string, error) {
		var err error
		if def, p, err = locate(); err != nil {
			return "", err
		}
		return def.Origin + ": " + p.String(), nil
	})
	ok = ok && step("password", func() (string, error) {
		return passwordDetail(def), resolvePassword(ctx, def, &p)
	})
	applyTLS(def.Connection, &p)
	if ok && def.Connection.SSH != nil {
		s := *def.Connection.SSH
		ok = step("ssh", func() (string, error) {
			var err error
			p.Dial, err = r.dialer(ctx, def.Name, s)
			return s.User + "@" + s.Host, err
		})
	}
	if ok && p.Path == "" {
		ok = step("tcp", func() (string, error) { return probeTCP(ctx, p) })
	}
	var conn drivers.Conn
	ok = ok && step("connect", func() (string, error) {
		var err error
		conn, err = drivers.OpenParams(ctx, p)
		return "opened " + p.Driver + " connection", err
	})
	if !ok {
		return hops
	}
	defer conn.Close()
	r.sessionHops(ctx, conn, p, step)
	return hops
}

func (r *Resolver) sessionHops(ctx context.Context, conn drivers.Conn, p drivers.Params, step func(string, func() (string, error)) bool) {
	s, ok := conn.(drivers.Sessioner)
	if !ok {
		step("server", func() (string, error) { return "answers", conn.Ping(ctx) })
		return
	}
	sess, err := s.Session(ctx)
	if err != nil {
		step("server", func() (string, error) { return "", err })
		return
	}
	if p.Path == "" {
		step("tls", func() (string, error) {
			if sess.TLS == "" {
				return "not encrypted", nil
			}
			return sess.TLS, nil
		})
		step("auth", func() (string, error) {
			return fmt.Sprintf("logged in as %s to database %s", sess.User, sess.Database), nil
		})
	}
	step("server", func() (string, error) { return sess.ServerVersion, nil })
	roleHop(ctx, conn, p, step)
}

// roleHop reports whether the database role may write: a role that
// cannot is the strongest read-only guard, which a connection marked
// readonly may lack. It fails only when the privileges cannot be read.
func roleHop(ctx context.Context, conn drivers.Conn, p drivers.Params, step func(string, func() (string, error)) bool) {
	rc, ok := conn.(drivers.RoleChecker)
	if !ok {
		return
	}
	step("role", func() (string, error) {
		writes, detail, err := rc.RoleWrites(ctx)
		switch {
		case err != nil:
			return "", err
		case !writes:
			return "the role cannot write: " + detail, nil
		case p.ReadOnly:
			return "the role can write (" + detail + "); readonly is enforced by dbls alone, a read-only role would be stronger", nil
		}
		return "the role can write: " + detail, nil
	})
}

// probeTCP checks that the database port answers, through the tunnel when
// there is one, before the driver's own handshake muddles the cause.
func probeTCP(ctx context.Context, p drivers.Params) (string, error) {
	addr := net.JoinHostPort(p.Host, strconv.Itoa(p.Port))
	dial := p.Dial
	if dial == nil {
		d := &net.Dialer{Timeout: 10 * time.Second}
		dial = d.DialContext
	}
	c, err := dial(ctx, "tcp", addr)
	if err != nil {
		return "", fmt.Errorf("%s unreachable: %w", addr, err)
	}
	c.Close()
	return addr + " reachable", nil
}

func passwordDetail(def Definition) string {
	src := def.Connection.PasswordSource(def.Name)
	switch {
	case src.Env != "":
		return "from environment variable " + src.Env
	case src.Command != "":
		return "from command " + strconv.Quote(src.Command)
	case src.Keyring != "":
		return "from the OS keyring (" + secret.Service + "/" + src.Keyring + ")"
	case src.Inline != "":
		return "written in " + def.Origin
	}
	return "none"
}
