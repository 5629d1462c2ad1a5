// Package sshtunnel owns SSH tunnels to databases that are only reachable
// through a bastion (jump) host.
//
// A Tunnel is one authenticated SSH connection to the bastion. Its Dial
// method opens a "direct-tcpip" channel to host:port as seen from the
// bastion; nothing listens on a local port. Dial has the signature of
// drivers.DialFunc, so a driver reaches its database through the bastion
// with
//
//	t, err := sshtunnel.Open(ctx, sshtunnel.Config{Host: "bastion", User: "me", Agent: true})
//	...
//	p.Dial = t.Dial
//	conn, err := drivers.OpenParams(ctx, p)
//
// Host keys are verified against known_hosts by default; skipping that is an
// explicit, warned opt-in (Config.InsecureIgnoreHostKey). Keepalives detect
// a dead bastion connection, and Dial reconnects once, transparently, when
// the connection was lost.
//
// Errors name the hop that failed ("ssh bastion:22: …") and match the
// sentinel errors of this package with errors.Is. They never contain a
// password or passphrase. The package writes nothing to stdout or stderr:
// warnings go to Config.Warn and Tunnel.Warnings.
package sshtunnel

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/dbls/dbls/drivers/connect/dirs"
)

// Defaults applied by Open to the zero values of Config.
const (
	DefaultPort      = 22
	DefaultKeepalive = 30 * time.Second
	DefaultTimeout   = 10 * time.Second
)

// Config describes the SSH server (bastion) to tunnel through and how to
// authenticate to it. Every authentication method that is configured is
// offered to the server: private keys and agent keys first, then the
// password.
//
// A Config never prints its secrets: String and GoString show which
// methods are set, not their values.
type Config struct {
	// Host is the SSH server's name or address.
	Host string
	// Port is the SSH server's port; 0 means 22.
	Port int
	// User is the login name; empty means the current OS user.
	User string

	// Password enables password authentication (and keyboard-interactive
	// authentication that asks for a password). It is a secret: it never
	// appears in an error or a warning.
	Password string

	// KeyFile (a path; a leading ~/ is the home directory) and KeyPEM (the
	// key itself) enable public-key authentication, in OpenSSH, PKCS#1,
	// PKCS#8 or SEC1 PEM form. Both may be set. Encrypted keys need
	// Passphrase, which is a secret like Password.
	KeyFile    string
	KeyPEM     []byte
	Passphrase string

	// Agent enables authentication with the keys of a running ssh-agent,
	// reached through AgentSocket or, when that is empty, $SSH_AUTH_SOCK.
	Agent       bool
	AgentSocket string

	// KnownHostsFile is the OpenSSH known_hosts file the server's host key
	// is checked against; empty means ~/.ssh/known_hosts. A host that is
	// missing from it, or whose key differs, is refused.
	KnownHostsFile string
	// InsecureIgnoreHostKey accepts any host key. It leaves the connection
	// open to man-in-the-middle attacks, so Open reports a warning when it
	// is set.
	InsecureIgnoreHostKey bool

	// Keepalive is the interval between keepalive requests on an idle or
	// busy connection; the connection is declared dead when a request gets
	// no answer within one more interval. 0 means DefaultKeepalive; a
	// negative value disables keepalives.
	Keepalive time.Duration
	// Timeout bounds connecting and the SSH handshake (authentication
	// included), on Open and on every reconnect; 0 or less means
	// DefaultTimeout.
	Timeout time.Duration

	// Warn, when set, receives each warning once, when Open makes it.
	// Tunnel.Warnings returns them too.
	Warn func(msg string)
}

// Errors matched with errors.Is. Each error that Open or Dial returns
// matches at most one of them and says more in its message.
var (
	// ErrUnreachable: no TCP connection to the SSH server, or no SSH
	// handshake within Config.Timeout.
	ErrUnreachable = errors.New("cannot reach the SSH server")
	// ErrUnknownHost: the server is not in known_hosts.
	ErrUnknownHost = errors.New("host not in known_hosts")
	// ErrHostKeyMismatch: known_hosts has other keys for the server.
	ErrHostKeyMismatch = errors.New("host key mismatch")
	// ErrHostKeyRevoked: known_hosts marks the server's key @revoked.
	ErrHostKeyRevoked = errors.New("host key revoked")
	// ErrAuth: the server accepted none of the credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrPrivateKey: a private key cannot be read, parsed or decrypted.
	ErrPrivateKey = errors.New("unusable private key")
	// ErrForwardRefused: the SSH server refused or failed to open the
	// connection to the database (it is down, or forwarding is prohibited).
	ErrForwardRefused = errors.New("forward refused")
	// ErrConnectionLost: the SSH connection died and reconnecting failed.
	ErrConnectionLost = errors.New("SSH connection lost")
)

// kindError has its own message, matches a sentinel with errors.Is and
// unwraps to its cause.
type kindError struct {
	kind  error
	msg   string
	cause error
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }
func (e *kindError) Unwrap() error        { return e.cause }

func kindErrorf(kind, cause error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...), cause: cause}
}

// Tunnel is an SSH connection to a bastion through which Dial opens
// connections. It is safe for concurrent use.
type Tunnel struct {
	cfg      Config // with defaults applied
	addr     string // host:port of the SSH server
	user     string
	signers  []ssh.Signer // from KeyFile and KeyPEM
	keyDescs []string     // "private key FILE", for messages
	hostKeys ssh.HostKeyCallback
	khPath   string // known_hosts in use; "" when insecure
	khErr    error  // why khPath could not be read (missing file)
	warnings []string

	closing context.Context // done once Close is called
	cancel  context.CancelFunc

	mu     sync.Mutex // guards cur and closed; held while reconnecting
	cur    *session
	closed bool
}

// session is one SSH connection of a Tunnel.
type session struct {
	client *ssh.Client
	dead   chan struct{} // closed when the connection has ended

	mu     sync.Mutex
	reason error // why it ended, when the Tunnel knows
}

func (s *session) alive() bool {
	select {
	case <-s.dead:
		return false
	default:
		return true
	}
}

// kill closes the connection, remembering why, unless it already ended.
func (s *session) kill(reason error) {
	s.mu.Lock()
	if s.reason == nil && s.alive() {
		s.reason = reason
	}
	s.mu.Unlock()
	s.client.Close()
}

func (s *session) lostReason() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reason
}

// Open validates cfg, reads the keys and known_hosts, and connects and
// authenticates to the SSH server, so that every configuration error and
// the first connection's failure surface here.
func Open(ctx context.Context, cfg Config) (*Tunnel, error) {
	if cfg.Port == 0 {
		cfg.Port = DefaultPort
	}
	if cfg.Keepalive == 0 {
		cfg.Keepalive = DefaultKeepalive
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	t := &Tunnel{cfg: cfg, addr: net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))}
	if err := t.prepare(); err != nil {
		return nil, t.wrap(err)
	}
	t.closing, t.cancel = context.WithCancel(context.Background())
	s, err := t.connect(ctx)
	if err != nil {
		t.cancel()
		return nil, t.wrap(err)
	}
	t.cur = s
	for _, w := range t.warnings {
		if cfg.Warn != nil {
			cfg.Warn(w)
		}
	}
	return t, nil
}

// prepare checks the configuration and loads keys and known_hosts.
func (t *Tunnel) prepare() error {
	cfg := &t.cfg
	if cfg.Host == "" {
		return errors.New("no SSH host given")
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		return fmt.Errorf("invalid SSH port %d", cfg.Port)
	}
	t.user = cfg.User
	if t.user == "" {
		if u, err := user.Current(); err == nil && u.Username != "" {
			t.user = u.Username
		} else if u := os.Getenv("USER"); u != "" {
			t.user = u
		} else {
			return errors.New("no SSH user given and the current user is unknown")
		}
	}
	if cfg.Password == "" && cfg.KeyFile == "" && len(cfg.KeyPEM) == 0 && !cfg.Agent {
		return kindErrorf(ErrAuth, nil, "no authentication method for user %q: set a password, a private key or the ssh-agent", t.user)
	}
	if cfg.KeyFile != "" {
		path, err := dirs.ExpandHome(cfg.KeyFile)
		if err != nil {
			return kindErrorf(ErrPrivateKey, err, "private key %s: %v", cfg.KeyFile, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return kindErrorf(ErrPrivateKey, err, "private key %s: %v", cfg.KeyFile, unwrapPath(err))
		}
		if err := t.addKey(data, cfg.KeyFile); err != nil {
			return err
		}
	}
	if len(cfg.KeyPEM) > 0 {
		if err := t.addKey(cfg.KeyPEM, "(KeyPEM)"); err != nil {
			return err
		}
	}
	if cfg.Agent && t.agentSocket() == "" {
		return errors.New("ssh-agent requested but SSH_AUTH_SOCK is not set (set AgentSocket)")
	}
	if cfg.InsecureIgnoreHostKey {
		t.hostKeys = ssh.InsecureIgnoreHostKey()
		t.warnings = append(t.warnings, fmt.Sprintf(
			"ssh %s: host key NOT verified (InsecureIgnoreHostKey is set): anyone on the network path can impersonate this server and read the traffic; add the host to known_hosts instead", t.addr))
		return nil
	}
	path := cfg.KnownHostsFile
	if path == "" {
		path = "~/.ssh/known_hosts"
	}
	t.khPath = path
	full, err := dirs.ExpandHome(path)
	if err != nil {
		return fmt.Errorf("known_hosts %s: %v", path, err)
	}
	cb, err := knownhosts.New(full)
	switch {
	case errors.Is(err, os.ErrNotExist):
		t.khErr = errors.New("the file does not exist")
	case err != nil:
		return fmt.Errorf("known_hosts %s: %v", path, unwrapPath(err))
	default:
		t.hostKeys = cb
	}
	return nil
}

func (t *Tunnel) addKey(data []byte, source string) error {
	signer, err := ssh.ParsePrivateKey(data)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if t.cfg.Passphrase == "" {
			return kindErrorf(ErrPrivateKey, err, "private key %s is encrypted: a passphrase is needed", source)
		}
		signer, err = ssh.ParsePrivateKeyWithPassphrase(data, []byte(t.cfg.Passphrase))
		if errors.Is(err, x509.IncorrectPasswordError) {
			return kindErrorf(ErrPrivateKey, nil, "private key %s: wrong passphrase", source)
		}
	}
	if err != nil {
		return kindErrorf(ErrPrivateKey, nil, "private key %s: %v", source, err)
	}
	t.signers = append(t.signers, signer)
	t.keyDescs = append(t.keyDescs, "private key "+source)
	return nil
}

func (t *Tunnel) agentSocket() string {
	if t.cfg.AgentSocket != "" {
		return t.cfg.AgentSocket
	}
	return os.Getenv("SSH_AUTH_SOCK")
}

// Warnings returns the warnings Open made (for instance, that host keys
// are not verified).
func (t *Tunnel) Warnings() []string { return slices.Clone(t.warnings) }

// Addr is the SSH server's host:port.
func (t *Tunnel) Addr() string { return t.addr }

// Dial opens a connection to addr ("host:port", resolved by the SSH server)
// through the tunnel. network must be tcp, tcp4 or tcp6. It matches
// drivers.DialFunc.
//
// When the SSH connection has died (server restart, keepalive failure),
// Dial reconnects once before failing. The returned connection supports
// deadlines, and its RemoteAddr is addr, so that a client can dial it again
// (PostgreSQL does, to cancel a query). Waiting for a reconnect that
// another Dial started is bounded by Config.Timeout. After Close, Dial
// returns an error matching net.ErrClosed.
func (t *Tunnel) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	switch network {
	case "tcp", "tcp4", "tcp6":
	default:
		return nil, t.wrap(fmt.Errorf("cannot forward network %q to %s: only TCP is tunnelled", network, addr))
	}
	s, reconnected, err := t.session(ctx, nil)
	if err != nil {
		return nil, t.wrap(err)
	}
	conn, err := t.forward(ctx, s, network, addr)
	if err == nil || reconnected || !lostConnection(ctx, err) {
		return conn, t.wrap(err)
	}
	// The channel could not be opened because the connection is gone,
	// though it had not been noticed yet: reconnect once.
	s.kill(fmt.Errorf("opening a channel failed: %v", err))
	if s, _, err = t.session(ctx, s); err != nil {
		return nil, t.wrap(err)
	}
	conn, err = t.forward(ctx, s, network, addr)
	return conn, t.wrap(err)
}

// Close closes the SSH connection, and with it every connection opened
// through the tunnel. Dial then fails.
func (t *Tunnel) Close() error {
	t.cancel() // interrupts a reconnect in progress
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.closed = true
	if t.cur != nil {
		t.cur.kill(errors.New("tunnel closed"))
		<-t.cur.dead
	}
	return nil
}

// session returns a live SSH connection, reconnecting when the current one
// is dead or is stale (one the caller found dead).
func (t *Tunnel) session(ctx context.Context, stale *session) (*session, bool, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, false, fmt.Errorf("tunnel %w", net.ErrClosed)
	}
	old := t.cur
	if old != nil && old != stale && old.alive() {
		return old, false, nil
	}
	s, err := t.connect(ctx)
	if err != nil {
		reason := "connection closed"
		if old != nil {
			if r := old.lostReason(); r != nil {
				reason = r.Error()
			}
		}
		return nil, true, &kindError{kind: ErrConnectionLost, cause: err,
			msg: fmt.Sprintf("SSH connection lost (%s); reconnecting failed: %v", reason, err)}
	}
	t.cur = s
	return s, true, nil
}

// connect dials the SSH server and authenticates, within Config.Timeout.
func (t *Tunnel) connect(ctx context.Context) (*session, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	cctx, cancel := context.WithTimeout(ctx, t.cfg.Timeout)
	defer cancel()
	stopClosing := context.AfterFunc(t.closing, cancel)
	defer stopClosing()
	timeoutErr := func(what string, err error) error {
		switch {
		case t.closing.Err() != nil:
			return fmt.Errorf("tunnel %w", net.ErrClosed)
		case ctx.Err() != nil:
			return fmt.Errorf("%s: %w", what, ctx.Err())
		default:
			return kindErrorf(ErrUnreachable, err, "cannot reach the SSH server: %s: no answer within %v", what, t.cfg.Timeout)
		}
	}

	var d net.Dialer
	raw, err := d.DialContext(cctx, "tcp", t.addr)
	if err != nil {
		if cctx.Err() != nil {
			return nil, timeoutErr("connect", err)
		}
		return nil, kindErrorf(ErrUnreachable, err, "cannot reach the SSH server: %v", err)
	}
	// The handshake has no context: break it off through the socket.
	stopWatch := context.AfterFunc(cctx, func() { raw.SetDeadline(time.Unix(1, 0)) })

	var agentConn net.Conn
	defer func() {
		if agentConn != nil {
			agentConn.Close()
		}
	}()
	var hostKeyErr error
	cc := &ssh.ClientConfig{
		User:            t.user,
		HostKeyCallback: t.checkHostKey(&hostKeyErr),
	}
	cc.HostKeyAlgorithms = t.hostKeyAlgorithms(raw.RemoteAddr())
	var methods []string
	signers := slices.Clone(t.signers)
	methods = append(methods, t.keyDescs...)
	if t.cfg.Agent {
		sock := t.agentSocket()
		agentConn, err = (&net.Dialer{}).DialContext(cctx, "unix", sock)
		if err != nil {
			raw.Close()
			stopWatch()
			return nil, fmt.Errorf("ssh-agent at %s: %v", sock, err)
		}
		keys, err := agent.NewClient(agentConn).Signers()
		if err != nil {
			raw.Close()
			stopWatch()
			return nil, fmt.Errorf("ssh-agent at %s: %v", sock, err)
		}
		signers = append(signers, keys...)
		methods = append(methods, fmt.Sprintf("ssh-agent (%d keys)", len(keys)))
	}
	if len(signers) > 0 {
		cc.Auth = append(cc.Auth, ssh.PublicKeys(signers...))
	}
	if pw := t.cfg.Password; pw != "" {
		cc.Auth = append(cc.Auth, ssh.Password(pw), ssh.KeyboardInteractive(answerPassword(pw)))
		methods = append(methods, "password")
	}

	conn, chans, reqs, err := ssh.NewClientConn(raw, t.addr, cc)
	if !stopWatch() { // the deadline broke the handshake, or will break the connection
		if err == nil {
			conn.Close()
		} else {
			raw.Close()
		}
		return nil, timeoutErr("SSH handshake", err)
	}
	if err != nil {
		raw.Close()
		switch msg := err.Error(); {
		case hostKeyErr != nil:
			return nil, hostKeyErr
		case strings.Contains(msg, "unable to authenticate") || strings.Contains(msg, "too many authentication"):
			tried := "no method"
			if len(methods) > 0 {
				tried = strings.Join(methods, ", ")
			}
			return nil, kindErrorf(ErrAuth, nil, "authentication failed for user %q (tried %s)", t.user, tried)
		default:
			return nil, fmt.Errorf("SSH handshake failed: %v", strings.TrimPrefix(msg, "ssh: handshake failed: "))
		}
	}
	raw.SetDeadline(time.Time{})
	s := &session{client: ssh.NewClient(conn, chans, reqs), dead: make(chan struct{})}
	go func() {
		err := s.client.Wait()
		s.mu.Lock()
		if s.reason == nil {
			s.reason = errors.New("the server closed the connection")
			if err != nil && !errors.Is(err, io.EOF) {
				s.reason = fmt.Errorf("the connection failed: %v", err)
			}
		}
		s.mu.Unlock()
		close(s.dead)
	}()
	if t.cfg.Keepalive > 0 {
		go t.keepalive(s)
	}
	return s, nil
}

// answerPassword answers keyboard-interactive prompts that hide their
// input (password prompts) with the password.
func answerPassword(pw string) ssh.KeyboardInteractiveChallenge {
	return func(_, _ string, questions []string, echos []bool) ([]string, error) {
		answers := make([]string, len(questions))
		for i := range questions {
			if echos[i] {
				return nil, errors.New("the server asks a question other than the password")
			}
			answers[i] = pw
		}
		return answers, nil
	}
}

// keepalive sends a keepalive request every interval and kills the session
// when one is not answered within the next interval.
func (t *Tunnel) keepalive(s *session) {
	every := t.cfg.Keepalive
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-s.dead:
			return
		case <-tick.C:
		}
		reply := make(chan error, 1)
		go func() {
			_, _, err := s.client.SendRequest("keepalive@openssh.com", true, nil)
			reply <- err
		}()
		timer := time.NewTimer(every)
		select {
		case err := <-reply:
			timer.Stop()
			if err != nil {
				s.kill(fmt.Errorf("keepalive failed: %v", err))
				return
			}
		case <-timer.C:
			s.kill(fmt.Errorf("no keepalive reply within %v", every))
			return
		case <-s.dead:
			timer.Stop()
			return
		}
	}
}

// forward opens a direct-tcpip channel to addr.
func (t *Tunnel) forward(ctx context.Context, s *session, network, addr string) (net.Conn, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, fmt.Errorf("forward to %s: %v", addr, err)
	}
	ch, err := s.client.DialContext(ctx, network, addr)
	if err != nil {
		var oe *ssh.OpenChannelError
		switch {
		case errors.As(err, &oe):
			why := oe.Reason.String()
			if oe.Reason == ssh.Prohibited {
				why += " (the SSH server does not allow TCP forwarding)"
			}
			if oe.Message != "" {
				why += ": " + oe.Message
			}
			return nil, kindErrorf(ErrForwardRefused, err, "forward to %s refused: %s", addr, why)
		case ctx.Err() != nil:
			return nil, fmt.Errorf("forward to %s: %w", addr, ctx.Err())
		default:
			return nil, fmt.Errorf("forward to %s: %w", addr, err)
		}
	}
	return newConn(ch, addr, t.addr), nil
}

// lostConnection tells a failure of the SSH connection itself from a
// refused channel or a cancelled context.
func lostConnection(ctx context.Context, err error) bool {
	var oe *ssh.OpenChannelError
	return ctx.Err() == nil && !errors.As(err, &oe) && !errors.Is(err, ErrForwardRefused)
}

// wrap names the hop in err and makes sure no secret is in its message.
func (t *Tunnel) wrap(err error) error {
	if err == nil {
		return nil
	}
	msg := "ssh " + t.addr + ": " + err.Error()
	if t.cfg.Host == "" {
		msg = "ssh: " + err.Error()
	}
	for _, secret := range []string{t.cfg.Password, t.cfg.Passphrase} {
		if len(secret) >= 3 {
			msg = strings.ReplaceAll(msg, secret, "xxxxx")
		}
	}
	return &wrapped{msg: msg, err: err}
}

type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

// String describes the configuration without its secrets.
func (c Config) String() string {
	port := c.Port
	if port == 0 {
		port = DefaultPort
	}
	var auth []string
	if c.Password != "" {
		auth = append(auth, "password")
	}
	if c.KeyFile != "" {
		auth = append(auth, "key "+c.KeyFile)
	}
	if len(c.KeyPEM) > 0 {
		auth = append(auth, "key (PEM)")
	}
	if c.Agent {
		auth = append(auth, "agent")
	}
	s := "ssh://" + c.User + "@" + net.JoinHostPort(c.Host, strconv.Itoa(port))
	if len(auth) > 0 {
		s += " auth=" + strings.Join(auth, ",")
	}
	if c.InsecureIgnoreHostKey {
		s += " insecure-host-key"
	}
	return s
}

// GoString keeps %#v from printing secrets.
func (c Config) GoString() string { return "sshtunnel.Config(" + c.String() + ")" }

// checkHostKey wraps the known_hosts check into errors that say what was
// found, recording the error for connect (ssh wraps it in its own text).
func (t *Tunnel) checkHostKey(result *error) ssh.HostKeyCallback {
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		var err error
		if t.hostKeys == nil {
			err = &knownhosts.KeyError{}
		} else {
			err = t.hostKeys(hostname, remote, key)
		}
		if err == nil {
			return nil
		}
		offered := key.Type() + " " + ssh.FingerprintSHA256(key)
		var ke *knownhosts.KeyError
		var re *knownhosts.RevokedError
		switch {
		case errors.As(err, &re):
			err = kindErrorf(ErrHostKeyRevoked, err, "host key revoked: %s offers %s, marked @revoked in known_hosts %s line %d",
				t.addr, offered, re.Revoked.Filename, re.Revoked.Line)
		case errors.As(err, &ke) && len(ke.Want) == 0:
			why := ""
			if t.khErr != nil {
				why = " (" + t.khErr.Error() + ")"
			}
			host, port, _ := net.SplitHostPort(t.addr)
			err = kindErrorf(ErrUnknownHost, err,
				"host not in known_hosts %s%s: %s offers %s; check that fingerprint with the server's administrator, then add the key (for instance: ssh-keyscan -p %s %s >> %s)",
				t.khPath, why, t.addr, offered, port, host, t.khPath)
		case errors.As(err, &ke):
			var known []string
			for _, k := range ke.Want {
				known = append(known, fmt.Sprintf("known_hosts line %d of %s has %s %s", k.Line, k.Filename, k.Key.Type(), ssh.FingerprintSHA256(k.Key)))
			}
			err = kindErrorf(ErrHostKeyMismatch, err,
				"host key mismatch for %s: the server offers %s but %s; someone may be intercepting the connection, or the key was changed (then fix that line)",
				t.addr, offered, strings.Join(known, "; "))
		default:
			err = fmt.Errorf("host key check: %v", err)
		}
		*result = err
		return err
	}
}

// hostKeyAlgorithms puts first the key types that known_hosts has for the
// server, so that the server presents a key that can be checked, as
// OpenSSH does. It returns nil (the defaults) when nothing is known.
func (t *Tunnel) hostKeyAlgorithms(remote net.Addr) []string {
	if t.hostKeys == nil || t.cfg.InsecureIgnoreHostKey {
		return nil
	}
	// Ask for the keys of the host with a key that cannot be known.
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil
	}
	probe, err := ssh.NewPublicKey(pub)
	if err != nil {
		return nil
	}
	var ke *knownhosts.KeyError
	if !errors.As(t.hostKeys(t.addr, remote, probe), &ke) || len(ke.Want) == 0 {
		return nil
	}
	known := map[string]bool{}
	for _, k := range ke.Want {
		known[k.Key.Type()] = true
	}
	all := ssh.SupportedAlgorithms().HostKeys
	var first, rest []string
	for _, a := range all {
		if known[keyTypeOf(a)] {
			first = append(first, a)
		} else {
			rest = append(rest, a)
		}
	}
	if len(first) == 0 {
		return nil
	}
	return append(first, rest...)
}

// keyTypeOf maps a host key signature algorithm to its key type.
func keyTypeOf(algo string) string {
	switch algo {
	case ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSASHA512:
		return ssh.KeyAlgoRSA
	}
	return algo
}

// unwrapPath drops the path that *PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// tunnelConn is a forwarded connection. The SSH channel has no deadlines, which
// database clients rely on to cancel; the channel is therefore bridged to
// one end of a net.Pipe, which has them.
type tunnelConn struct {
	net.Conn // the local end of the pipe
	local    net.Addr
	remote   net.Addr
}

func newConn(ch net.Conn, addr, via string) net.Conn {
	inner, outer := net.Pipe()
	go func() { // client → database
		io.Copy(ch, inner)
		ch.Close()
		inner.Close()
	}()
	go func() { // database → client
		io.Copy(inner, ch)
		inner.Close()
	}()
	return &tunnelConn{Conn: outer, local: tunnelAddr{"ssh", via}, remote: tunnelAddr{"tcp", addr}}
}

func (c *tunnelConn) LocalAddr() net.Addr  { return c.local }
func (c *tunnelConn) RemoteAddr() net.Addr { return c.remote }

// tunnelAddr is an address as the tunnel was given it, unresolved.
type tunnelAddr struct{ network, addr string }

func (a tunnelAddr) Network() string { return a.network }
func (a tunnelAddr) String() string  { return a.addr }
