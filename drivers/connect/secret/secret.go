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

// CommandTimeout bounds a password_command.
var CommandTimeout = 30 * time.Second

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
		return runCommand(ctx, s.Command, what)
	case s.Keyring != "":
		return Get(s.Keyring, what)
	}
	return "", nil
}

// runCommand runs cmd through the shell and returns its first line of
// output. Only stderr may appear in an error; stdout is the secret.
func runCommand(ctx context.Context, cmd, what string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, CommandTimeout)
	defer cancel()
	c := exec.CommandContext(ctx, "sh", "-c", cmd)
	var stdout, stderr bytes.Buffer
	c.Stdout, c.Stderr = &stdout, &stderr
	if err := c.Run(); err != nil {
		msg := strings.TrimSpace(firstLine(stderr.String()))
		if msg != "" {
			msg = ": " + msg
		}
		return "", fmt.Errorf("%s: command %q failed (%v)%s", what, cmd, err, msg)
	}
	return strings.TrimRight(firstLine(stdout.String()), "\r"), nil
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
