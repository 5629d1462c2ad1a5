package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// `dbls serve` speaks LSP on stdin/stdout and writes nothing else there.
func TestServeSpeaksOnlyLSPOnStdout(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	var in bytes.Buffer
	id := 0
	send := func(method string, params any, call bool) {
		msg := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
		if call {
			id++
			msg["id"] = id
		}
		body, _ := json.Marshal(msg)
		fmt.Fprintf(&in, "Content-Length: %d\r\n\r\n%s", len(body), body)
	}
	send("initialize", map[string]any{"capabilities": map[string]any{},
		"initializationOptions": map[string]any{"connections": map[string]any{"shop": map[string]any{"url": shop(t)}}}}, true)
	send("initialized", map[string]any{}, false)
	send("shutdown", nil, true)
	send("exit", nil, false)

	var out, errb bytes.Buffer
	a := &app{}
	defer a.closePlugins()
	root := newRoot(a)
	root.SetArgs([]string{"--store", filepath.Join(t.TempDir(), "store.db"), "serve"})
	root.SetIn(&in)
	root.SetOut(&out)
	root.SetErr(&errb)
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("serve: %v\nstderr: %s", err, errb.String())
	}

	r := bufio.NewReader(&out)
	var replies []map[string]any
	for {
		hdr, err := textproto.NewReader(r).ReadMIMEHeader()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("stdout is not LSP framing: %v (rest %q)", err, out.String())
		}
		n, err := strconv.Atoi(hdr.Get("Content-Length"))
		if err != nil {
			t.Fatalf("bad Content-Length in %v", hdr)
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatal(err)
		}
		var msg map[string]any
		if err := json.Unmarshal(body, &msg); err != nil {
			t.Fatalf("not JSON: %s", body)
		}
		replies = append(replies, msg)
	}
	if len(replies) < 2 {
		t.Fatalf("replies: %v", replies)
	}
	init, _ := json.Marshal(replies[0]["result"])
	if !strings.Contains(string(init), `"dbls.refreshSchema"`) || !strings.Contains(string(init), `"dbls.switchConnection"`) {
		t.Errorf("initialize result: %s", init)
	}
}

// TestServeEndsOnUndelimitedFrame: a frame whose header has no
// Content-Length leaves nothing to resynchronise on, so `dbls serve` ends
// with a message on stderr and a non-zero exit, even though its stdin
// stays open; it used to wait for ever, answering nothing.
func TestServeEndsOnUndelimitedFrame(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "dbls")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--store", filepath.Join(t.TempDir(), "store.db"), "serve")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	initialize := `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`
	hover := `{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.sql"},"position":{"line":0,"character":0}}}`
	fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(initialize), initialize)
	fmt.Fprintf(stdin, "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n%s", hover)
	fmt.Fprintf(stdin, "Content-Length: %d\r\n\r\n%s", len(hover), hover)

	select {
	case err = <-exited:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill() //nolint:errcheck // the test fails either way
		<-exited
		t.Fatalf("dbls serve neither answered nor exited; stderr: %s", stderr.String())
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() == 0 {
		t.Errorf("exit: %v; want a non-zero status", err)
	}
	if msg := stderr.String(); !strings.Contains(msg, "cannot be resynchronised") || !strings.Contains(msg, "without Content-Length") {
		t.Errorf("stderr: %q", msg)
	}
	if !strings.Contains(stdout.String(), `"id":1`) {
		t.Errorf("no reply to initialize: %q", stdout.String())
	}
}
