package secret

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runBounded runs a password command with a 1s timeout, failing the test
// instead of hanging when the timeout is not enforced.
func runBounded(t *testing.T, cmd string) (string, error) {
	t.Helper()
	type result struct {
		pw  string
		err error
	}
	done := make(chan result, 1)
	go func() {
		pw, err := runCommand(context.Background(), cmd, "password of connection t", time.Second)
		done <- result{pw, err}
	}()
	guard, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	select {
	case r := <-done:
		return r.pw, r.err
	case <-guard.Done():
		t.Fatalf("password command %q: no return long after its 1s timeout", cmd)
		return "", nil
	}
}

// TestCommandTimeoutWithGrandchild: a command whose child keeps stdout open
// (in the background, or as the shell's last command) ends at the timeout
// with the timeout error, and the child is killed with it.
func TestCommandTimeoutWithGrandchild(t *testing.T) {
	for name, tail := range map[string]string{
		"background": "sleep 45 & echo $! > %s; echo pw",
		"foreground": "echo pw; sh -c 'echo $$ > %s; exec sleep 45'",
	} {
		t.Run(name, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "pid")
			pw, err := runBounded(t, strings.Replace(tail, "%s", pidFile, 1))
			if !errors.Is(err, context.DeadlineExceeded) || pw != "" {
				t.Fatalf("got %q, %v; want the timeout error", pw, err)
			}
			if !strings.Contains(err.Error(), "password of connection t") {
				t.Errorf("error does not name the secret: %v", err)
			}
			data, err := os.ReadFile(pidFile)
			if err != nil {
				t.Fatal(err)
			}
			pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
			if err != nil {
				t.Fatal(err)
			}
			if !gone(pid) {
				t.Errorf("the command's child %d outlived the timeout", pid)
			}
		})
	}
}

// TestCommandFailureHidesStderr: a failing command's error gives its exit
// status, never its stderr nor its text (either may hold the secret).
func TestCommandFailureHidesStderr(t *testing.T) {
	const sentinel = "s3cr3t-on-stderr"
	pw, err := runBounded(t, "echo "+sentinel+" >&2; echo partial-"+sentinel+"; exit 3")
	if err == nil || pw != "" {
		t.Fatalf("got %q, %v; want an error", pw, err)
	}
	if strings.Contains(err.Error(), sentinel) {
		t.Fatalf("the error shows what the command printed: %v", err)
	}
	if !strings.Contains(err.Error(), "exit status 3") || !strings.Contains(err.Error(), "password of connection t") {
		t.Fatalf("error %q should name the secret and the exit status", err)
	}
	if pw, err := runBounded(t, "printf 'ok\\nsecond'"); err != nil || pw != "ok" {
		t.Fatalf("ordinary command: %q, %v", pw, err)
	}
}

// gone reports whether pid has ended within a few seconds (a zombie counts).
func gone(pid int) bool {
	for range 250 {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil || strings.Contains(string(stat), ") Z ") {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}
