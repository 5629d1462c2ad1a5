package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
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
