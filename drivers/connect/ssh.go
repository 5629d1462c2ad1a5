package connect

import (
	"context"
	"fmt"
	"net"
	"strconv"

	"github.com/dbls/dbls/drivers"
	"github.com/dbls/dbls/drivers/connect/config"
	"github.com/dbls/dbls/drivers/connect/secret"
	"github.com/dbls/dbls/drivers/sshtunnel"
)

// tunnel is what the resolver keeps of an open SSH connection.
type tunnel interface {
	Dial(ctx context.Context, network, addr string) (net.Conn, error)
	Close() error
}

// dialer returns a dial function through the bastion s, opening the tunnel
// or reusing the one already open to the same bastion as the same user,
// with the same host key check: a connection that verifies the bastion's
// key never rides a tunnel opened without that check.
func (r *Resolver) dialer(ctx context.Context, name string, s config.SSH) (drivers.DialFunc, error) {
	port := s.Port
	if port == 0 {
		port = 22
	}
	key := s.User + "@" + net.JoinHostPort(s.Host, strconv.Itoa(port))
	if s.InsecureIgnoreHostKey {
		key += " insecure"
	} else {
		key += " known_hosts=" + expandHome(s.KnownHosts)
	}
	r.mu.Lock()
	t, ok := r.tunnels[key]
	r.mu.Unlock()
	if ok {
		return t.Dial, nil
	}
	cfg, err := sshConfig(ctx, name, s, port)
	if err != nil {
		return nil, err
	}
	cfg.Warn = r.warn
	opened, err := sshtunnel.Open(ctx, cfg)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tunnels == nil {
		r.tunnels = map[string]tunnel{}
	}
	if other, ok := r.tunnels[key]; ok { // lost a race: keep the first
		opened.Close()
		return other.Dial, nil
	}
	r.tunnels[key] = opened
	return opened.Dial, nil
}

func sshConfig(ctx context.Context, name string, s config.SSH, port int) (sshtunnel.Config, error) {
	keepalive, timeout := s.Durations()
	cfg := sshtunnel.Config{
		Host: s.Host, Port: port, User: s.User,
		KeyFile: expandHome(s.KeyFile), Agent: s.Agent,
		KnownHostsFile: expandHome(s.KnownHosts), InsecureIgnoreHostKey: s.InsecureIgnoreHostKey,
		Keepalive: keepalive, Timeout: timeout,
	}
	var err error
	what := fmt.Sprintf("ssh password of connection %q", name)
	if cfg.Password, err = secret.Resolve(ctx, s.PasswordSource(name), what); err != nil {
		return cfg, err
	}
	what = fmt.Sprintf("ssh key passphrase of connection %q", name)
	if cfg.Passphrase, err = secret.Resolve(ctx, s.PassphraseSource(name), what); err != nil {
		return cfg, err
	}
	return cfg, nil
}
