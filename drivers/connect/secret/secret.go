// Package secret resolves passwords and passphrases from the places users
// keep them out of files: environment variables, a command's output (pass,
// 1password, vault …) and the OS keyring (through go-keyring; tests use its
// in-memory mock). An inline value is allowed but callers warn about it.
//
// A resolved secret is only ever returned, never logged or put in an error.
package secret

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Service is the keyring service name under which dbls stores secrets.
const Service = "dbls"

// Source says where one secret comes from. At most one field is set.
type Source struct {
	Inline  string `toml:"-" json:"-"`
	Env     string
	Command string
	// Keyring is the key under Service in the OS keyring.
	Keyring string
}

// IsZero reports whether no source is configured.
func (s Source) IsZero() bool { return s == Source{} }

// Count is the number of sources set; more than one is a configuration error.
func (s Source) Count() int {
	n := 0
	for _, v := range []string{s.Inline, s.Env, s.Command, s.Keyring} {
		if v != "" {
			n++
		}
	}
	return n
}

// CommandTimeout bounds a password_command, and whatever it started that
// keeps its output open.
const CommandTimeout = 30 * time.Second

// Resolve returns the secret. what names it in errors ("password of
// connection prod"); the error never contains the secret.
func Resolve(ctx context.Context, s Source, what string) (string, error) {
	switch {
	case s.Inline != "":
		return s.Inline, nil
	case s.Env != "":
		v, ok := os.LookupEnv(s.Env)
		if !ok {
			return "", fmt.Errorf("%s: environment variable %s is not set", what, s.Env)
		}
		return v, nil
	case s.Command != "":
		return runCommand(ctx, s.Command, what, CommandTimeout)
	case s.Keyring != "":
		return Get(s.Keyring, what)
	}
	return "", nil
}

// maxCommandOutput is how much of a command's output is kept; the rest is
// read and dropped so that the command can finish.
const maxCommandOutput = 64 << 10

// runCommand runs cmd through the shell and returns its first line of
// output, which it reads until the end: until the command and everything
// it started that holds its stdout are done. The command runs in a process
// group of its own, killed whole when timeout or ctx ends first. Neither
// the command's text nor its stderr (a tool may print the secret there)
// ever appears in an error: only its exit status.
func runCommand(ctx context.Context, cmd, what string, timeout time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	r, w, err := os.Pipe()
	if err != nil {
		return "", fmt.Errorf("%s: password command: %w", what, err)
	}
	defer r.Close()
	c := exec.Command("sh", "-c", cmd)
	c.Stdout = w // stdin and stderr are the null device
	ownGroup(c)
	err = c.Start()
	w.Close()
	if err != nil {
		r.Close()
		return "", fmt.Errorf("%s: start password command: %w", what, err)
	}
	var out bytes.Buffer
	read := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, io.LimitReader(r, maxCommandOutput))
		if err == nil {
			_, err = io.Copy(io.Discard, r)
		}
		read <- err
	}()
	exited := make(chan error, 1)
	go func() { exited <- c.Wait() }()

	var waitErr error
	readDone, waitDone := false, false
	for !readDone || !waitDone {
		select {
		case <-read:
			readDone = true
		case waitErr = <-exited:
			waitDone = true
			if waitErr == nil {
				continue
			}
			// Failed: what its children still write is of no use.
			killGroup(c)
			r.Close()
			if !readDone {
				<-read
			}
			return "", fmt.Errorf("%s: password command failed (%s)", what, exitStatus(waitErr))
		case <-ctx.Done():
			// Kill the group, and stop reading: a child that left the group
			// may hold the pipe open.
			killGroup(c)
			r.Close()
			if !readDone {
				<-read
			}
			if !waitDone {
				<-exited
			}
			return "", fmt.Errorf("%s: password command did not finish (the command and whatever holds its output) within %s: %w",
				what, timeout, ctx.Err())
		}
	}
	return strings.TrimRight(firstLine(out.String()), "\r"), nil
}

// exitStatus says how a command ended without anything it printed.
func exitStatus(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ProcessState.String() // "exit status 3", "signal: killed"
	}
	return "did not run to the end"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// ErrNoKeyring means the OS has no usable keyring (no Secret Service on a
// headless Linux, for instance).
var ErrNoKeyring = errors.New("no OS keyring is available (use password_env or password_command instead)")

// Get reads key from the keyring.
func Get(key, what string) (string, error) {
	v, err := keyring.Get(Service, key)
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return "", fmt.Errorf("%s: not in the OS keyring (key %q of service %q)", what, key, Service)
	case err != nil:
		return "", fmt.Errorf("%s: %w (%v)", what, ErrNoKeyring, err)
	}
	return v, nil
}

// Set writes key to the keyring.
func Set(key, value string) error {
	if err := keyring.Set(Service, key, value); err != nil {
		return fmt.Errorf("store secret %q: %w (%v)", key, ErrNoKeyring, err)
	}
	return nil
}

// Delete removes key from the keyring; a missing key is not an error.
func Delete(key string) error {
	err := keyring.Delete(Service, key)
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return fmt.Errorf("delete secret %q: %w (%v)", key, ErrNoKeyring, err)
}

// UseMock switches to go-keyring's in-memory keyring, for tests and for
// sandboxes without a keyring daemon.
func UseMock() { keyring.MockInit() }
