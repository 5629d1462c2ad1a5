package drivertest

// TLS test servers: private PostgreSQL and MariaDB instances that speak TLS,
// started next to (never instead of) the default servers of design.md.
//
// Lifecycle. Everything is started lazily, at most once per test process,
// by the first test that asks for it (sync.Once), and shared by the tests
// that follow. Stopping is the job of the package's TestMain:
//
//	func TestMain(m *testing.M) {
//		code := m.Run()
//		drivertest.StopTLSServers()
//		os.Exit(code)
//	}
//
// TestMain is used rather than t.Cleanup because the servers outlive any one
// test. As a safety net for a test binary that dies (panic, -timeout,
// SIGKILL) before TestMain's cleanup runs, every server process is started
// with a parent-death signal, so the kernel kills it together with the test
// process; only the temporary directory can then remain behind. (Linux
// ties that signal to the thread that started the process; Go keeps its
// threads alive unless a goroutine locked to one exits, which nothing here
// does.)
//
// Processes never read the system's option files (--no-defaults for
// MariaDB; an explicit data directory and command-line settings for
// PostgreSQL), listen on 127.0.0.1 on ports the OS hands out, keep their
// sockets in the temporary directory and so cannot disturb the default
// servers on :5432 and :3306.

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Accounts on the TLS servers.
const (
	// TLSCertUser is the common name of the client certificate and the user
	// that must log in with it: PostgreSQL "cert" authentication, MariaDB
	// REQUIRE SUBJECT. It has no password.
	TLSCertUser = "certuser"
	// TLSPasswordUser (MariaDB) logs in with TLSPassword and REQUIRE SSL, so
	// a plaintext connection is refused.
	TLSPasswordUser = "tlsuser"
	// TLSPassword is a sentinel that must never appear in an error message.
	TLSPassword = "S3ntinel-pw"
)

// Time limits for the steps of a start, so that a broken installation
// fails a test with a clear message instead of hanging it.
const (
	tlsToolTimeout  = 30 * time.Second // openssl, one call
	tlsInitTimeout  = 90 * time.Second // initdb, mariadb-install-db
	tlsReadyTimeout = 30 * time.Second // from process start to answering
	tlsStopTimeout  = 15 * time.Second // from the shutdown signal to exit
)

// TLSFiles are the PEM files of the test PKI. Keys are unencrypted.
type TLSFiles struct {
	Dir string
	// CA signs the server and client certificates.
	CA string
	// OtherCA is an unrelated CA that signed nothing here.
	OtherCA string
	// ServerCert is for DNS:localhost and IP:127.0.0.1, signed by CA.
	ServerCert, ServerKey string
	// ExpiredCert is like ServerCert but expired yesterday.
	ExpiredCert, ExpiredKey string
	// ClientCert has CN=TLSCertUser, signed by CA.
	ClientCert, ClientKey string
}

// TLSServer is a running TLS-enabled test server on 127.0.0.1.
type TLSServer struct {
	Host  string
	Port  int
	Files *TLSFiles
	// Expired reports that the server presents Files.ExpiredCert instead
	// of Files.ServerCert.
	Expired bool
}

// Addr is host:port.
func (s *TLSServer) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

type onceResult[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (o *onceResult[T]) get(f func() (T, error)) (T, error) {
	o.once.Do(func() { o.v, o.err = f() })
	return o.v, o.err
}

// tlsEnv is the shared state of this process's TLS servers.
var tlsEnv struct {
	mu      sync.Mutex
	root    string        // temporary directory holding everything
	procs   []*serverProc // running servers, in start order
	stopped bool

	certs     onceResult[*TLSFiles]
	pg        onceResult[*TLSServer]
	pgExpired onceResult[*TLSServer]
	my        onceResult[*TLSServer]
	myExpired onceResult[*TLSServer]
}

// TLSPostgres returns a PostgreSQL instance that serves Files.ServerCert
// and whose pg_hba.conf reads:
//
//	hostssl   all certuser 127.0.0.1/32 cert
//	hostssl   all all      127.0.0.1/32 trust
//	hostnossl all all      127.0.0.1/32 reject
//
// so any user but TLSCertUser logs in over TLS without a password (as
// postgres, for instance), TLSCertUser needs the client certificate, and
// plaintext is refused.
func TLSPostgres(t testing.TB) *TLSServer {
	t.Helper()
	s, err := tlsEnv.pg.get(func() (*TLSServer, error) { return startTLSPostgres(false) })
	if err != nil {
		Unavailable(t, "TLS PostgreSQL test server", err)
	}
	return s
}

// TLSPostgresExpired is like TLSPostgres but serves Files.ExpiredCert.
func TLSPostgresExpired(t testing.TB) *TLSServer {
	t.Helper()
	s, err := tlsEnv.pgExpired.get(func() (*TLSServer, error) { return startTLSPostgres(true) })
	if err != nil {
		Unavailable(t, "TLS PostgreSQL test server (expired certificate)", err)
	}
	return s
}

// TLSMariaDB returns a MariaDB instance that serves Files.ServerCert, with
// the users root@127.0.0.1 (no password, all privileges), TLSPasswordUser
// (TLSPassword, REQUIRE SSL) and TLSCertUser (no password, REQUIRE SUBJECT
// of the client certificate and ISSUER of the CA).
func TLSMariaDB(t testing.TB) *TLSServer {
	t.Helper()
	s, err := tlsEnv.my.get(func() (*TLSServer, error) { return startTLSMariaDB(false) })
	if err != nil {
		Unavailable(t, "TLS MariaDB test server", err)
	}
	return s
}

// TLSMariaDBExpired is like TLSMariaDB but serves Files.ExpiredCert.
func TLSMariaDBExpired(t testing.TB) *TLSServer {
	t.Helper()
	s, err := tlsEnv.myExpired.get(func() (*TLSServer, error) { return startTLSMariaDB(true) })
	if err != nil {
		Unavailable(t, "TLS MariaDB test server (expired certificate)", err)
	}
	return s
}

// StopTLSServers stops every TLS server this process started and removes
// their files. TestMain calls it after m.Run; it is safe to call when
// nothing was started, and more than once. Servers cannot be started again
// afterwards.
func StopTLSServers() error {
	tlsEnv.mu.Lock()
	defer tlsEnv.mu.Unlock()
	tlsEnv.stopped = true
	var errs []error
	for i := len(tlsEnv.procs) - 1; i >= 0; i-- {
		if err := tlsEnv.procs[i].stop(); err != nil {
			errs = append(errs, err)
		}
	}
	tlsEnv.procs = nil
	if tlsEnv.root != "" {
		if err := os.RemoveAll(tlsEnv.root); err != nil {
			errs = append(errs, err)
		}
		tlsEnv.root = ""
	}
	return errors.Join(errs...)
}

// tlsDir creates (once) and returns a new directory under the shared
// temporary root. The root is world-searchable so that a server running as
// another OS user reaches the directory made for it.
func tlsDir(name string) (string, error) {
	tlsEnv.mu.Lock()
	defer tlsEnv.mu.Unlock()
	if tlsEnv.stopped {
		return "", errors.New("TLS test servers already stopped (StopTLSServers)")
	}
	if tlsEnv.root == "" {
		root, err := os.MkdirTemp("", "dbls-tls-")
		if err != nil {
			return "", err
		}
		if err := os.Chmod(root, 0o755); err != nil {
			os.RemoveAll(root)
			return "", err
		}
		tlsEnv.root = root
	}
	dir := filepath.Join(tlsEnv.root, name)
	return dir, os.Mkdir(dir, 0o755)
}

// ---------------------------------------------------------------- certificates

const opensslConfig = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca_ext]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
authorityKeyIdentifier = keyid
[client_ext]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`

func makeTLSFiles() (*TLSFiles, error) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		return nil, fmt.Errorf("the openssl command is needed to make test certificates: %w", err)
	}
	dir, err := tlsDir("certs")
	if err != nil {
		return nil, err
	}
	f := &TLSFiles{
		Dir:         dir,
		CA:          filepath.Join(dir, "ca.crt"),
		OtherCA:     filepath.Join(dir, "other-ca.crt"),
		ServerCert:  filepath.Join(dir, "server.crt"),
		ServerKey:   filepath.Join(dir, "server.key"),
		ExpiredCert: filepath.Join(dir, "expired.crt"),
		ExpiredKey:  filepath.Join(dir, "expired.key"),
		ClientCert:  filepath.Join(dir, "client.crt"),
		ClientKey:   filepath.Join(dir, "client.key"),
	}
	cnf := filepath.Join(dir, "openssl.cnf")
	if err := os.WriteFile(cnf, []byte(opensslConfig), 0o644); err != nil {
		return nil, err
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	run := func(args ...string) error {
		ctx, cancel := context.WithTimeout(context.Background(), tlsToolTimeout)
		defer cancel()
		out, err := exec.CommandContext(ctx, openssl, args...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("openssl %s: %w\n%s", args[0], err, bytes.TrimSpace(out))
		}
		return nil
	}
	newKey := []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"}
	selfSigned := func(key, crt, cn string) error {
		return run(append(append([]string{"req", "-config", cnf, "-x509"}, newKey...),
			"-keyout", key, "-out", crt, "-days", "3650", "-subj", "/CN="+cn, "-extensions", "ca_ext")...)
	}
	signed := func(key, crt, cn, ext string, serial int) error {
		csr := strings.TrimSuffix(crt, ".crt") + ".csr"
		if err := run(append(append([]string{"req", "-config", cnf, "-new"}, newKey...),
			"-keyout", key, "-out", csr, "-subj", "/CN="+cn)...); err != nil {
			return err
		}
		return run("x509", "-req", "-in", csr, "-CA", f.CA, "-CAkey", in("ca.key"),
			"-set_serial", strconv.Itoa(serial), "-days", "3650", "-out", crt,
			"-extfile", cnf, "-extensions", ext)
	}
	steps := []func() error{
		func() error { return selfSigned(in("ca.key"), f.CA, "dbls test CA") },
		func() error { return selfSigned(in("other-ca.key"), f.OtherCA, "dbls unrelated CA") },
		func() error { return signed(f.ServerKey, f.ServerCert, "localhost", "server_ext", 1001) },
		func() error { return signed(f.ClientKey, f.ClientCert, TLSCertUser, "client_ext", 1002) },
		// OpenSSL 3.0 cannot backdate a certificate with "x509 -req", so
		// the expired one is made here, signed by the same CA key.
		func() error { return writeExpiredCert(f, in("ca.key"), 1003) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	// PostgreSQL refuses a key file that its OS user cannot read or that
	// others can: make the PKI the server user's, mode 0600 for keys.
	if cred, err := postgresCredential(); err == nil && cred != nil {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if err := os.Chown(filepath.Join(dir, e.Name()), int(cred.Uid), int(cred.Gid)); err != nil {
				return nil, err
			}
		}
	}
	for _, k := range []string{f.ServerKey, f.ExpiredKey, f.ClientKey, in("ca.key"), in("other-ca.key")} {
		if err := os.Chmod(k, 0o600); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// writeExpiredCert issues a server certificate (same names as the good
// one) that expired a day ago.
func writeExpiredCert(f *TLSFiles, caKeyFile string, serial int64) error {
	caPEM, err := os.ReadFile(f.CA)
	if err != nil {
		return err
	}
	caBlock, _ := pem.Decode(caPEM)
	if caBlock == nil {
		return fmt.Errorf("%s: no PEM certificate", f.CA)
	}
	ca, err := x509.ParseCertificate(caBlock.Bytes)
	if err != nil {
		return err
	}
	keyPEM, err := os.ReadFile(caKeyFile)
	if err != nil {
		return err
	}
	keyBlock, _ := pem.Decode(keyPEM)
	if keyBlock == nil {
		return fmt.Errorf("%s: no PEM key", caKeyFile)
	}
	caKey, err := x509.ParsePKCS8PrivateKey(keyBlock.Bytes)
	if err != nil {
		return fmt.Errorf("%s: %w", caKeyFile, err)
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(serial),
		Subject:               pkix.Name{CommonName: "localhost"},
		NotBefore:             now.Add(-30 * 24 * time.Hour),
		NotAfter:              now.Add(-24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return err
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.WriteFile(f.ExpiredCert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		return err
	}
	return os.WriteFile(f.ExpiredKey, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
}

// ---------------------------------------------------------------- processes

// serverProc is a server process started by this file.
type serverProc struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{} // closed when the process has exited
	err  error         // Wait's result, valid after done
}

// startProc starts a TLS server in the background (see launch) and records
// it for StopTLSServers.
func startProc(name, logFile string, cred *syscall.Credential, env []string, bin string, args ...string) (*serverProc, error) {
	tlsEnv.mu.Lock()
	defer tlsEnv.mu.Unlock()
	if tlsEnv.stopped {
		return nil, errors.New("TLS test servers already stopped (StopTLSServers)")
	}
	p, err := launch(name, logFile, cred, env, bin, args...)
	if err != nil {
		return nil, err
	}
	tlsEnv.procs = append(tlsEnv.procs, p)
	return p, nil
}

// launch starts a server in the background, its output appended to
// logFile. cred, when not nil, runs it as another OS user. The process gets
// SIGKILL if the test process dies first.
func launch(name, logFile string, cred *syscall.Credential, env []string, bin string, args ...string) (*serverProc, error) {
	out, err := os.OpenFile(logFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p := &serverProc{name: name, cmd: cmd, log: logFile, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		out.Close()
		close(p.done)
	}()
	return p, nil
}

// stop asks the server to shut down (SIGTERM: smart shutdown for
// PostgreSQL is too polite, so SIGINT there) and kills it if it does not.
func (p *serverProc) stop() error {
	select {
	case <-p.done:
		return nil
	default:
	}
	sig := os.Signal(syscall.SIGTERM)
	if strings.HasPrefix(p.name, "postgres") {
		sig = syscall.SIGINT // fast shutdown: ends open sessions
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
		return nil
	case <-time.After(tlsStopTimeout):
		_ = p.cmd.Process.Kill()
		<-p.done
		return fmt.Errorf("%s did not stop within %s and was killed", p.name, tlsStopTimeout)
	}
}

// exited reports, without blocking, whether the process has ended.
func (p *serverProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// failure describes a start that did not work, with the end of the log.
func (p *serverProc) failure(what string, err error) error {
	return fmt.Errorf("%s: %s: %v\n--- %s (last lines) ---\n%s", p.name, what, err, p.log, logTail(p.log, 20))
}

// waitReady polls ready until it succeeds, the process exits or the time is
// up.
func (p *serverProc) waitReady(ready func(context.Context) error) error {
	deadline := time.Now().Add(tlsReadyTimeout)
	var last error
	for {
		if p.exited() {
			return p.failure("exited during start", p.err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		last = ready(ctx)
		cancel()
		if last == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return p.failure(fmt.Sprintf("not ready after %s", tlsReadyTimeout), last)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func logTail(file string, n int) string {
	b, err := os.ReadFile(file)
	if err != nil {
		return err.Error()
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// runTool runs a set-up command (initdb, mariadb-install-db) with a time
// limit, returning its output in the error.
func runTool(cred *syscall.Credential, env []string, bin string, args ...string) error {
	ctx, cancel := context.WithTimeout(context.Background(), tlsInitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGKILL}
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("timed out after %s", tlsInitTimeout)
	}
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", filepath.Base(bin), err, logTailBytes(out, 20))
	}
	return nil
}

func logTailBytes(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// freePort asks the OS for a free TCP port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// findBinary looks for the first of names on PATH, then in dirs.
func findBinary(names []string, dirs ...string) (string, error) {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	for _, d := range dirs {
		for _, n := range names {
			p := filepath.Join(d, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%s not found on PATH or in %s", strings.Join(names, " / "), strings.Join(dirs, ", "))
}

func baseEnv() []string {
	return []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C", "LANG=C"}
}

// ---------------------------------------------------------------- PostgreSQL

// postgresCredential is the OS user to run PostgreSQL as: postgres when the
// tests run as root (initdb and postgres refuse root), else nil (the
// current user).
func postgresCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and PostgreSQL refuses root, but there is no postgres OS user to run it as: %w", err)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("postgres OS user: bad uid/gid %s/%s", u.Uid, u.Gid)
	}
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// postgresBinDir finds a directory holding both initdb and postgres: PATH
// first (following symlinks), then the newest /usr/lib/postgresql/*/bin.
func postgresBinDir() (string, error) {
	var dirs []string
	if p, err := exec.LookPath("initdb"); err == nil {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			dirs = append(dirs, filepath.Dir(r))
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	glob, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(glob, func(i, j int) bool { return pgVersion(glob[i]) > pgVersion(glob[j]) })
	dirs = append(dirs, glob...)
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", errors.New("PostgreSQL server binaries (initdb, postgres) not found on PATH or in /usr/lib/postgresql/*/bin")
}

func pgVersion(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func isExec(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

const tlsPgHBA = `# dbls TLS test server
local     all all                   trust
hostssl   all ` + TLSCertUser + ` 127.0.0.1/32 cert
hostssl   all all          127.0.0.1/32 trust
hostnossl all all          127.0.0.1/32 reject
`

// starter starts a server process: startProc for the shared TLS servers,
// launch for a test's private ones.
type starter func(name, logFile string, cred *syscall.Credential, env []string, bin string, args ...string) (*serverProc, error)

// postgresTools finds the PostgreSQL binaries and the OS user to run them
// as.
func postgresTools() (bin string, cred *syscall.Credential, err error) {
	if bin, err = postgresBinDir(); err != nil {
		return "", nil, err
	}
	if cred, err = postgresCredential(); err != nil {
		return "", nil, err
	}
	return bin, cred, nil
}

// initPostgres gives dir to the server's OS user and creates a cluster in
// dir/data, with superuser postgres and the given pg_hba.conf. It returns
// the data directory.
func initPostgres(bin string, cred *syscall.Credential, dir, hbaConf string) (string, error) {
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			return "", err
		}
	}
	data := filepath.Join(dir, "data")
	if err := runTool(cred, baseEnv(), filepath.Join(bin, "initdb"),
		"-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return "", err
	}
	hba := filepath.Join(data, "pg_hba.conf")
	if err := os.WriteFile(hba, []byte(hbaConf), 0o600); err != nil {
		return "", err
	}
	if cred != nil {
		if err := os.Chown(hba, int(cred.Uid), int(cred.Gid)); err != nil {
			return "", err
		}
	}
	return data, nil
}

// startPostgres starts postgres on the cluster in data, listening on
// 127.0.0.1:port and on a Unix socket in dir, with extra settings (-c
// name=value pairs), and waits until it answers.
func startPostgres(start starter, name, bin string, cred *syscall.Credential, dir, data string, port int, extra ...string) (*serverProc, error) {
	args := []string{"-D", data, "-p", strconv.Itoa(port), "-k", dir,
		"-c", "listen_addresses=127.0.0.1"}
	args = append(args, extra...)
	args = append(args,
		"-c", "fsync=off",
		"-c", "shared_buffers=16MB",
		"-c", "max_connections=30",
		"-c", "logging_collector=off",
	)
	proc, err := start(name, filepath.Join(dir, "postgres.log"), cred, baseEnv(), filepath.Join(bin, "postgres"), args...)
	if err != nil {
		return nil, err
	}
	admin := postgresAdminDSN(dir, port)
	err = proc.waitReady(func(ctx context.Context) error {
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			return err
		}
		return c.Close(ctx)
	})
	if err != nil {
		return nil, err
	}
	return proc, nil
}

// postgresAdminDSN connects as postgres through the Unix socket in dir,
// where the test servers' pg_hba.conf trusts everyone.
func postgresAdminDSN(dir string, port int) string {
	return fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres sslmode=disable connect_timeout=3", dir, port)
}

func startTLSPostgres(expired bool) (*TLSServer, error) {
	files, err := tlsEnv.certs.get(makeTLSFiles)
	if err != nil {
		return nil, err
	}
	bin, cred, err := postgresTools()
	if err != nil {
		return nil, err
	}
	name, cert, key := "postgres", files.ServerCert, files.ServerKey
	if expired {
		name, cert, key = "postgres-expired", files.ExpiredCert, files.ExpiredKey
	}
	dir, err := tlsDir(name)
	if err != nil {
		return nil, err
	}
	data, err := initPostgres(bin, cred, dir, tlsPgHBA)
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	proc, err := startPostgres(startProc, name, bin, cred, dir, data, port,
		"-c", "ssl=on",
		"-c", "ssl_cert_file="+cert,
		"-c", "ssl_key_file="+key,
		"-c", "ssl_ca_file="+files.CA,
	)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), tlsReadyTimeout)
	defer cancel()
	c, err := pgx.Connect(ctx, postgresAdminDSN(dir, port))
	if err != nil {
		return nil, proc.failure("connect", err)
	}
	defer c.Close(ctx)
	var ssl string
	if err := c.QueryRow(ctx, "SHOW ssl").Scan(&ssl); err != nil || ssl != "on" {
		return nil, proc.failure("TLS is not on", fmt.Errorf("ssl=%q, %v", ssl, err))
	}
	if _, err := c.Exec(ctx, "CREATE ROLE "+TLSCertUser+" LOGIN"); err != nil {
		return nil, proc.failure("create role", err)
	}
	return &TLSServer{Host: "127.0.0.1", Port: port, Files: files, Expired: expired}, nil
}

// ---------------------------------------------------------------- MariaDB

// mariadbTools finds the server and the command that creates a data
// directory.
func mariadbTools() (server, install string, err error) {
	sbin := []string{"/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin", "/usr/bin"}
	if server, err = findBinary([]string{"mariadbd", "mysqld"}, sbin...); err != nil {
		return "", "", err
	}
	if install, err = findBinary([]string{"mariadb-install-db", "mysql_install_db"}, sbin...); err != nil {
		return "", "", err
	}
	return server, install, nil
}

// mariadbCommon are the options both commands get. They read no option
// file: the system's my.cnf describes the default server (port 3306, its
// socket and data directory). The temporary directory is the instance's
// own: a starting mariadbd (the bootstrap of mariadb-install-db included)
// deletes every "#sql*" file in its tmpdir, and in the shared /tmp those
// are the shared server's temporary tables in use.
func mariadbCommon(data string) []string {
	args := []string{"--no-defaults", "--datadir=" + data, "--tmpdir=" + filepath.Dir(data), "--innodb-log-file-size=8M"}
	if os.Geteuid() == 0 {
		args = append(args, "--user=root")
	}
	return args
}

// installMariaDB creates a data directory whose root@localhost logs in
// without a password.
func installMariaDB(install, data string) error {
	args := append(mariadbCommon(data), "--auth-root-authentication-method=normal", "--skip-test-db")
	return runTool(nil, baseEnv(), install, args...)
}

// startMariaDB starts the server on data, listening on 127.0.0.1:port and
// on the socket sock in dir, with extra options, waits until it answers and
// returns an administrative pool (root over the socket) for the caller to
// close.
func startMariaDB(start starter, name, server, dir, data, sock string, port int, extra ...string) (*serverProc, *sql.DB, error) {
	args := append(mariadbCommon(data),
		"--port="+strconv.Itoa(port),
		"--bind-address=127.0.0.1",
		"--skip-networking=0",
		"--skip-name-resolve",
		"--socket="+sock,
		"--pid-file="+filepath.Join(dir, "mariadbd.pid"),
		"--innodb-buffer-pool-size=32M",
	)
	args = append(args, extra...)
	proc, err := start(name, filepath.Join(dir, "mariadbd.log"), nil, baseEnv(), server, args...)
	if err != nil {
		return nil, nil, err
	}
	db, err := sql.Open("mysql", "root@unix("+sock+")/?timeout=3s")
	if err != nil {
		return nil, nil, err
	}
	if err := proc.waitReady(db.PingContext); err != nil {
		db.Close()
		return nil, nil, err
	}
	return proc, db, nil
}

func startTLSMariaDB(expired bool) (*TLSServer, error) {
	files, err := tlsEnv.certs.get(makeTLSFiles)
	if err != nil {
		return nil, err
	}
	server, install, err := mariadbTools()
	if err != nil {
		return nil, err
	}
	name, cert, key := "mariadb", files.ServerCert, files.ServerKey
	if expired {
		name, cert, key = "mariadb-expired", files.ExpiredCert, files.ExpiredKey
	}
	dir, err := tlsDir(name)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	sock := filepath.Join(dir, "mysqld.sock")
	if err := installMariaDB(install, data); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	proc, db, err := startMariaDB(startProc, name, server, dir, data, sock, port,
		"--ssl-ca="+files.CA,
		"--ssl-cert="+cert,
		"--ssl-key="+key,
	)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), tlsReadyTimeout)
	defer cancel()
	var variable, haveSSL string
	if err := db.QueryRowContext(ctx, "SHOW GLOBAL VARIABLES LIKE 'have_ssl'").Scan(&variable, &haveSSL); err != nil || haveSSL != "YES" {
		return nil, proc.failure("TLS is not on", fmt.Errorf("have_ssl=%q, %v", haveSSL, err))
	}
	for _, stmt := range append(mariadbRootTCP(),
		"CREATE USER '"+TLSPasswordUser+"'@'%' IDENTIFIED BY '"+TLSPassword+"' REQUIRE SSL",
		"GRANT ALL PRIVILEGES ON *.* TO '"+TLSPasswordUser+"'@'%'",
		"CREATE USER '"+TLSCertUser+"'@'%' REQUIRE SUBJECT '/CN="+TLSCertUser+"' AND ISSUER '/CN=dbls test CA'",
		"GRANT ALL PRIVILEGES ON *.* TO '"+TLSCertUser+"'@'%'",
	) {
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return nil, proc.failure("set up users", err)
		}
	}
	return &TLSServer{Host: "127.0.0.1", Port: port, Files: files, Expired: expired}, nil
}

// mariadbRootTCP lets root (no password, all privileges) log in over TCP
// from 127.0.0.1; the installation made only root@localhost, which is the
// socket.
func mariadbRootTCP() []string {
	return []string{
		"CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'",
		"GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION",
	}
}
