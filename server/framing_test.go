package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// hoverBody is a valid hover request on a document that is not open, with
// the given id (raw JSON).
func hoverBody(id string) string {
	return `{"jsonrpc":"2.0","id":` + id + `,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///nowhere.sql"},"position":{"line":0,"character":0}}}`
}

// sendFrame writes one hand-made frame with a correct Content-Length.
func (c *client) sendFrame(body string) {
	c.t.Helper()
	if _, err := fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
		c.t.Fatal(err)
	}
}

// TestInvalidMessagesGetErrorReplies: JSON-RPC 2.0's error replies for
// frames that are not JSON (Parse error) or not a request LSP allows
// (Invalid Request), with id null where the id cannot be used, and the
// session goes on answering. Each reply must have arrived by the time the
// request sent after the bad frame is answered, since frames are read in
// order.
func TestInvalidMessagesGetErrorReplies(t *testing.T) {
	const parseError, invalidRequest = -32700, -32600
	cases := []struct {
		name, body string
		code       int64
		id         string
	}{
		{"not JSON", `{"this is": not json`, parseError, "null"},
		{"truncated JSON", `{"jsonrpc":"2.0","id":3,"method":"textDocument/hover"`, parseError, "null"},
		{"id 2^70", hoverBody("1180591620717411303424"), invalidRequest, "null"},
		{"id 2^31", hoverBody("2147483648"), invalidRequest, "null"},
		{"id 1.5", hoverBody("1.5"), invalidRequest, "null"},
		{"id true", hoverBody("true"), invalidRequest, "null"},
		{"id {}", hoverBody("{}"), invalidRequest, "null"},
		{"id []", hoverBody("[]"), invalidRequest, "null"},
		{"id null", hoverBody("null"), invalidRequest, "null"},
		{"id without method", `{"jsonrpc":"2.0","id":"raw-5"}`, invalidRequest, "null"},
		{"id and params without method", `{"jsonrpc":"2.0","id":"raw-6","params":{}}`, invalidRequest, "null"},
		{"batch", "[" + hoverBody(`"raw-7"`) + "," + hoverBody(`"raw-8"`) + "]", invalidRequest, "null"},
		{"empty batch", `[]`, invalidRequest, "null"},
		{"a number", `42`, invalidRequest, "null"},
		{"a string", `"textDocument/hover"`, invalidRequest, "null"},
		{"jsonrpc 1.0", strings.Replace(hoverBody(`"raw-9"`), `"2.0"`, `"1.0"`, 1), invalidRequest, `"raw-9"`},
		{"no jsonrpc", strings.Replace(hoverBody(`"raw-10"`), `"jsonrpc":"2.0",`, "", 1), invalidRequest, `"raw-10"`},
		{"method not a string", `{"jsonrpc":"2.0","id":"raw-11","method":7}`, invalidRequest, `"raw-11"`},
		{"params a number", `{"jsonrpc":"2.0","id":"raw-12","method":"textDocument/hover","params":5}`, invalidRequest, `"raw-12"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := start(t, setup{})
			c.sendFrame(tc.body)
			// The session goes on: a request after the bad frame is answered.
			if err := c.try("textDocument/hover", pos("file:///nowhere.sql", 0, 0), nil); err != nil {
				t.Fatalf("the next request failed: %v", err)
			}
			if n := c.rawRepliesSoFar(); n != 1 {
				t.Fatalf("%d replies to the bad frame; want one", n)
			}
			r := c.nextRawReply(0)
			if r.Error == nil || r.Error.Code != tc.code || string(r.ID) != tc.id || r.Result != nil {
				t.Errorf("reply id %s, error %+v, result %s; want id %s and code %d", r.ID, r.Error, r.Result, tc.id, tc.code)
			}
			// A hand-made frame that is fine gets its answer, with its id.
			c.sendFrame(hoverBody(`"raw-13"`))
			r = c.nextRawReply(1)
			if r.Error != nil || string(r.ID) != `"raw-13"` || string(r.Result) != "null" {
				t.Errorf("valid hand-made request: reply id %s, error %+v, result %s", r.ID, r.Error, r.Result)
			}
		})
	}
}

// TestUndelimitedFramesEndTheSession: a frame whose end cannot be found
// leaves the stream with no boundary to resynchronise on. The session then
// ends with an error (the message dbls serve prints on stderr) and a
// window/logMessage saying why, instead of swallowing every later request
// without a word.
func TestUndelimitedFramesEndTheSession(t *testing.T) {
	cases := []struct {
		name  string
		frame string
		parse bool // a Parse error reply comes first
		want  string
	}{
		{"header without Content-Length",
			"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + hoverBody(`"raw-1"`), false, "without Content-Length"},
		{"Content-Length shorter than the body",
			"Content-Length: 20\r\n\r\n" + hoverBody(`"raw-1"`), true, "message header"},
		{"Content-Length twice, differing",
			fmt.Sprintf("Content-Length: %d\r\nContent-Length: 7\r\n\r\n%s", len(hoverBody(`"raw-1"`)), hoverBody(`"raw-1"`)), false, "Content-Length"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := start(t, setup{})
			if _, err := fmt.Fprint(c.raw, tc.frame); err != nil {
				t.Fatal(err)
			}
			// A well-formed request after it, which today's reader took
			// for part of the broken frame.
			go fmt.Fprintf(c.raw, "Content-Length: %d\r\n\r\n%s", len(hoverBody(`"raw-2"`)), hoverBody(`"raw-2"`))
			select {
			case <-c.done:
			case <-time.After(30 * time.Second):
				t.Fatalf("the session neither answered nor ended (%d replies to hand-made frames)", c.rawRepliesSoFar())
			}
			if c.serveErr == nil || !strings.Contains(c.serveErr.Error(), "cannot be resynchronised") || !strings.Contains(c.serveErr.Error(), tc.want) {
				t.Errorf("Serve returned %v; want an error about %q", c.serveErr, tc.want)
			}
			c.waitFor("a log message about the end of the session", func() bool {
				for _, n := range c.notesOf("window/logMessage") {
					if strings.Contains(string(n.Params), "ending the session") {
						return true
					}
				}
				return false
			})
			c.mu.Lock()
			defer c.mu.Unlock()
			switch {
			case tc.parse && (len(c.rawReplies) != 1 || c.rawReplies[0].Error == nil || c.rawReplies[0].Error.Code != -32700):
				t.Errorf("want one Parse error reply, got %+v", c.rawReplies)
			case !tc.parse && len(c.rawReplies) != 0:
				t.Errorf("want no reply, got %+v", c.rawReplies)
			}
		})
	}
}
