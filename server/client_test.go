package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/dbls/dbls/drivers"
	_ "github.com/dbls/dbls/drivers/all"
	"github.com/dbls/dbls/drivers/connect/store"
	"github.com/dbls/dbls/server"
	"github.com/dbls/dbls/server/plugin"
)

// client is a real LSP client: jsonrpc2 over a pair of pipes, talking to
// server.Serve running in the same process.
type client struct {
	t        testing.TB
	conn     jsonrpc2.Conn
	raw      io.Writer     // the client→server pipe, for hand-made frames
	done     chan struct{} // closed when Serve returns
	serveErr error
	dir      string
	st       *store.Store

	answer func(method string, params json.RawMessage) (any, error)

	mu      sync.Mutex
	notes   []note
	creates int // window/workDoneProgress/create requests seen
	// rawReplies are the server's responses to hand-made frames: those
	// with id null, which jsonrpc2 cannot decode, and those whose id is a
	// string starting "raw-" (no call of the client's has one).
	rawReplies []rawReply
}

type rawReply struct {
	ID    json.RawMessage `json:"id"`
	Error *struct {
		Code    int64  `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Result json.RawMessage `json:"result"`
}

type note struct {
	Method string
	Params json.RawMessage
}

type pipes struct {
	io.Reader
	io.Writer
	closers []io.Closer
}

func (p pipes) Close() error {
	for _, c := range p.closers {
		c.Close()
	}
	return nil
}

type setup struct {
	initOptions any
	st          *store.Store
	locale      string // the client's locale in initialize; "" sends none
	plugins     *plugin.Host
	// progressDelay is Options.ProgressDelay (negative: progress at once).
	progressDelay time.Duration
	// capabilities replace the client capabilities sent in initialize
	// (nil: window.workDoneProgress only).
	capabilities map[string]any
	// answer replies to the server's requests (showMessageRequest …);
	// nil, or a nil result and error, replies null.
	answer func(method string, params json.RawMessage) (any, error)
}

// start runs a server and initializes it with a workspace folder in a
// temporary directory.
func start(t testing.TB, s setup) *client {
	t.Helper()
	return startIn(t, t.TempDir(), s)
}

// startIn runs a server and initializes it with dir as workspace folder.
func startIn(t testing.TB, dir string, s setup) *client {
	t.Helper()
	c := launch(t, dir, s)
	init := map[string]any{
		"processId":        os.Getpid(),
		"rootUri":          "file://" + dir,
		"workspaceFolders": []map[string]string{{"uri": "file://" + dir, "name": "ws"}},
		"capabilities":     map[string]any{"window": map[string]any{"workDoneProgress": true}},
	}
	if s.capabilities != nil {
		init["capabilities"] = s.capabilities
	}
	if s.initOptions != nil {
		init["initializationOptions"] = s.initOptions
	}
	if s.locale != "" {
		init["locale"] = s.locale
	}
	var res protocol.InitializeResult
	c.call("initialize", init, &res)
	c.notify("initialized", map[string]any{})
	return c
}

// startUninitialized runs a server and leaves the handshake to the test.
func startUninitialized(t *testing.T) *client {
	t.Helper()
	return launch(t, t.TempDir(), setup{})
}

func launch(t testing.TB, dir string, s setup) *client {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &client{t: t, raw: clientOut, done: make(chan struct{}), dir: dir, st: s.st, answer: s.answer}
	opts := server.Options{Store: s.st, UserConfig: filepath.Join(dir, "no-user-config.toml"), Log: testLog{t}, Version: "test", Plugins: s.plugins,
		ProgressDelay: s.progressDelay}
	go func() {
		err := server.Serve(ctx, serverIn, serverOut, opts)
		serverOut.Close()
		serverIn.Close()
		c.serveErr = err
		close(c.done)
	}()
	p := pipes{Reader: clientIn, Writer: clientOut, closers: []io.Closer{clientIn, clientOut}}
	c.conn = jsonrpc2.NewConn(&clientStream{Stream: jsonrpc2.NewStream(p), in: bufio.NewReader(clientIn), c: c})
	c.conn.Go(ctx, c.handle)
	t.Cleanup(func() {
		defer cancel()
		defer c.conn.Close()
		select {
		case <-c.done: // the test ended the session itself
			return
		default:
		}
		c.try("shutdown", nil, nil)
		c.conn.Notify(context.Background(), "exit", nil)
		select {
		case <-c.done:
			if c.serveErr != nil {
				t.Errorf("Serve: %v", c.serveErr)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("server did not exit")
		}
	})
	return c
}

// clientStream reads the server's frames for the client's jsonrpc2
// connection, keeping aside the replies to hand-made frames (see
// client.rawReplies), which would otherwise end the client's session.
type clientStream struct {
	jsonrpc2.Stream // writes and Close
	in              *bufio.Reader
	c               *client
}

func (s *clientStream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		hdr, err := textproto.NewReader(s.in).ReadMIMEHeader()
		if err != nil {
			return nil, 0, err
		}
		n, err := strconv.Atoi(hdr.Get("Content-Length"))
		if err != nil {
			return nil, 0, fmt.Errorf("the server sent a header without Content-Length: %v", hdr)
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(s.in, body); err != nil {
			return nil, 0, err
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return nil, 0, fmt.Errorf("the server sent a frame that is not JSON: %q", body)
		}
		_, hasMethod := fields["method"]
		if id := string(fields["id"]); !hasMethod && (id == "null" || strings.HasPrefix(id, `"raw-`)) {
			var r rawReply
			if err := json.Unmarshal(body, &r); err != nil {
				return nil, 0, err
			}
			s.c.mu.Lock()
			s.c.rawReplies = append(s.c.rawReplies, r)
			s.c.mu.Unlock()
			continue
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		return msg, int64(n), err
	}
}

// rawRepliesSoFar returns how many replies to hand-made frames arrived.
func (c *client) rawRepliesSoFar() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.rawReplies)
}

// nextRawReply waits for reply number i (from 0) to hand-made frames.
func (c *client) nextRawReply(i int) rawReply {
	c.t.Helper()
	c.waitFor(fmt.Sprintf("reply %d to a hand-made frame", i+1), func() bool { return c.rawRepliesSoFar() > i })
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rawReplies[i]
}

type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func (c *client) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	c.mu.Lock()
	if req.Method() == "window/workDoneProgress/create" {
		c.creates++
	}
	c.notes = append(c.notes, note{Method: req.Method(), Params: append(json.RawMessage(nil), req.Params()...)})
	c.mu.Unlock()
	if _, ok := req.(*jsonrpc2.Call); ok {
		// Reply off the read loop: the pipes have no buffer, so a reply
		// written here while the server writes to us would deadlock both.
		if c.answer != nil {
			method, params := req.Method(), append(json.RawMessage(nil), req.Params()...)
			go func() {
				res, err := c.answer(method, params)
				reply(ctx, res, err) //nolint:errcheck // the session may be ending
			}()
			return nil
		}
		go reply(ctx, nil, nil) //nolint:errcheck // the session may be ending
	}
	return nil
}

// call sends a request and fails the test on an error reply.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	if err := c.try(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) try(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var raw json.RawMessage
	if _, err := c.conn.Call(ctx, method, params, &raw); err != nil {
		return err
	}
	if result != nil && len(raw) > 0 {
		return json.Unmarshal(raw, result)
	}
	return nil
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// notesOf returns the notifications (and requests) received so far.
func (c *client) notesOf(method string) []note {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []note
	for _, n := range c.notes {
		if n.Method == method {
			out = append(out, n)
		}
	}
	return out
}

// waitFor polls until cond holds.
func (c *client) waitFor(what string, cond func() bool) {
	c.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			c.t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (c *client) uri(name string) string { return "file://" + filepath.Join(c.dir, name) }

func (c *client) open(uri, text string) {
	c.t.Helper()
	c.notify("textDocument/didOpen", map[string]any{
		"textDocument": map[string]any{"uri": uri, "languageId": "sql", "version": 1, "text": text},
	})
}

func (c *client) complete(uri string, line, char uint32) protocol.CompletionList {
	c.t.Helper()
	var list protocol.CompletionList
	c.call("textDocument/completion", pos(uri, line, char), &list)
	return list
}

func (c *client) hover(uri string, line, char uint32) *protocol.Hover {
	c.t.Helper()
	var h *protocol.Hover
	c.call("textDocument/hover", pos(uri, line, char), &h)
	return h
}

func pos(uri string, line, char uint32) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": char}}
}

func labels(list protocol.CompletionList) map[string]protocol.CompletionItem {
	m := map[string]protocol.CompletionItem{}
	for _, it := range list.Items {
		m[it.Label] = it
	}
	return m
}

func wantLabels(t *testing.T, list protocol.CompletionList, want ...string) {
	t.Helper()
	got := labels(list)
	for _, w := range want {
		if _, ok := got[w]; !ok {
			names := make([]string, 0, len(list.Items))
			for _, it := range list.Items {
				names = append(names, it.Label)
			}
			t.Fatalf("completion lacks %q; got %v", w, names)
		}
	}
}

// shopDB builds examples/shop.sql into a SQLite file and returns its path.
func shopDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shop.db")
	ctx := context.Background()
	conn, _, err := drivers.Open(ctx, "sqlite:"+path+"?mode=rwc")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ddl, err := os.ReadFile("../docs/examples/shop.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.(drivers.Execer).Exec(ctx, string(ddl)); err != nil {
		t.Fatal(err)
	}
	return path
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func shopOptions(path string) map[string]any {
	return map[string]any{"connections": map[string]any{"shop": map[string]any{"url": "sqlite:" + path}}}
}

// utf16Len is the length of s in UTF-16 code units.
func utf16Len(s string) uint32 {
	n := uint32(0)
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}
