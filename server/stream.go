package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
)

// stream is jsonrpc2's Content-Length framing with JSON-RPC 2.0's answers
// to bad input. A frame whose body is not JSON gets a Parse error reply, and
// one that is JSON but not a request LSP allows (a batch, an id that is not
// an integer or a string, an id without a method, a wrong "jsonrpc") gets
// Invalid Request; both with id null unless the request's id could be read,
// and both reported to the client (window/logMessage) and skipped. A frame
// that cannot be delimited (a header without Content-Length, a header line
// that is not one, which is what follows a Content-Length shorter than its
// body) leaves nothing to resynchronise on: Read fails, which ends the
// session, and Serve returns the error for the operator's stderr.
type stream struct {
	in     *bufio.Reader
	out    io.Writer       // raw frames (replies jsonrpc2.ID cannot carry)
	writer jsonrpc2.Stream // writes, with the standard framing
	closer io.Closer
	log    func(string)
	mu     sync.Mutex // report writes outside the connection's own lock
}

func newStream(rwc io.ReadWriteCloser, log func(string)) *stream {
	return &stream{in: bufio.NewReader(rwc), out: rwc, writer: jsonrpc2.NewStream(rwc), closer: rwc, log: log}
}

// maxMessage bounds one message, so that a bogus Content-Length cannot make
// us allocate gigabytes; maxHeaderLine bounds one header line.
const (
	maxMessage    = 256 << 20
	maxHeaderLine = 8 << 10
)

// errOutOfSync marks a stream whose message boundaries are lost.
var errOutOfSync = errors.New("the client's message stream cannot be resynchronised")

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	var total int64
	for {
		if err := ctx.Err(); err != nil {
			return nil, total, err
		}
		length, n, err := s.readHeader()
		total += n
		if err != nil {
			if errors.Is(err, errOutOfSync) {
				s.notifyOnly(ctx, fmt.Sprintf("dbls: %v; ending the session", err))
			}
			return nil, total, err
		}
		data := make([]byte, length)
		m, err := io.ReadFull(s.in, data)
		total += int64(m)
		if err != nil {
			return nil, total, fmt.Errorf("reading message body: %w", err)
		}
		msg, bad := decodeFrame(validUTF8(data))
		if bad == nil {
			return msg, total, nil
		}
		s.report(ctx, fmt.Sprintf("dbls: ignored a malformed message (%s)", bad.Message))
		if bad.reply {
			s.writeRaw(errorReply(bad.id, bad.Code, "dbls: "+bad.Message))
		}
	}
}

// readHeader reads one message header and returns its Content-Length. Blank
// lines before a header are skipped. A line that is not "Name: value", or a
// header without a usable Content-Length, is an error wrapping
// errOutOfSync; end of input before a header is io.EOF.
func (s *stream) readHeader() (length, total int64, err error) {
	length = -1
	lines := 0
	for {
		line, n, err := s.readHeaderLine()
		total += n
		if err != nil {
			if errors.Is(err, io.EOF) && lines == 0 && strings.TrimSpace(line) == "" {
				return 0, total, io.EOF
			}
			if errors.Is(err, errOutOfSync) {
				return 0, total, err
			}
			return 0, total, fmt.Errorf("reading message header: %w", err)
		}
		if line == "" {
			if lines == 0 {
				continue // stray blank line between messages
			}
			break
		}
		lines++
		name, value, _ := strings.Cut(line, ":")
		if !strings.EqualFold(name, "Content-Length") {
			continue // Content-Type, or another header we need not understand
		}
		value = strings.TrimSpace(value)
		v, err := strconv.ParseInt(value, 10, 64)
		if err != nil || v <= 0 || v > maxMessage || (length >= 0 && v != length) {
			return 0, total, fmt.Errorf("%w: invalid Content-Length %q", errOutOfSync, value)
		}
		length = v
	}
	if length < 0 {
		return 0, total, fmt.Errorf("%w: a message header without Content-Length", errOutOfSync)
	}
	return length, total, nil
}

// readHeaderLine reads one header line without its line end: "" for a
// blank line. It fails as soon as the bytes cannot be a header field
// (RFC 7230: a token, a colon, a value), without waiting for a line end
// that may never come, as after a body longer than its Content-Length.
func (s *stream) readHeaderLine() (string, int64, error) {
	var b strings.Builder
	var n int64
	colon := false
	for {
		c, err := s.in.ReadByte()
		if err != nil {
			return b.String(), n, err
		}
		n++
		switch {
		case c == '\n':
			line := strings.TrimSuffix(b.String(), "\r")
			if line != "" && !colon {
				return "", n, fmt.Errorf("%w: invalid message header %q", errOutOfSync, line)
			}
			return line, n, nil
		case colon:
			if c < ' ' && c != '\t' && c != '\r' {
				return "", n, fmt.Errorf("%w: a control character in message header %q", errOutOfSync, b.String())
			}
		case c == ':':
			if b.Len() == 0 {
				return "", n, fmt.Errorf("%w: a message header line starting %q", errOutOfSync, ":")
			}
			colon = true
		case c == '\r':
			if b.Len() > 0 {
				return "", n, fmt.Errorf("%w: invalid message header %q", errOutOfSync, b.String())
			}
		case !isTokenByte(c) || b.Len() > 0 && strings.HasSuffix(b.String(), "\r"):
			return "", n, fmt.Errorf("%w: invalid message header starting %q", errOutOfSync, b.String()+string(rune(c)))
		}
		b.WriteByte(c)
		if b.Len() > maxHeaderLine {
			return "", n, fmt.Errorf("%w: a message header line longer than %d bytes", errOutOfSync, maxHeaderLine)
		}
	}
}

// isTokenByte reports whether c may appear in an HTTP header field name.
func isTokenByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// badFrame is why a frame is not a message the server takes: the error
// reply it is due (when reply is set), with id the request's id or null.
type badFrame struct {
	reply   bool
	id      json.RawMessage
	Code    jsonrpc2.Code
	Message string
}

var nullID = json.RawMessage("null")

// decodeFrame checks a frame's body against JSON-RPC 2.0 and LSP before
// jsonrpc2 decodes it (jsonrpc2 takes an id without a method for a
// response, and drops what it cannot decode without a word).
func decodeFrame(data []byte) (jsonrpc2.Message, *badFrame) {
	invalid := func(id json.RawMessage, format string, args ...any) (jsonrpc2.Message, *badFrame) {
		return nil, &badFrame{reply: true, id: id, Code: jsonrpc2.InvalidRequest, Message: fmt.Sprintf(format, args...)}
	}
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		return nil, &badFrame{reply: true, id: nullID, Code: jsonrpc2.ParseError, Message: fmt.Sprintf("not JSON: %v", err)}
	}
	switch first(data) {
	case '{':
	case '[':
		return invalid(nullID, "batches are not part of LSP: send each message in its own frame")
	default:
		return invalid(nullID, "a message must be a JSON object")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return invalid(nullID, "%v", err)
	}
	rawID, hasID := fields["id"]
	id := nullID
	if hasID && validID(rawID) {
		id = rawID
	}
	method, hasMethod := fields["method"]
	if !hasMethod {
		_, result := fields["result"]
		_, failed := fields["error"]
		if !result && !failed {
			// Neither a request nor a response: whose id it carries
			// cannot be told, so the reply's is null.
			return invalid(nullID, `a message with neither "method" nor "result" or "error"`)
		}
		if hasID && validID(rawID) {
			if msg, err := jsonrpc2.DecodeMessage(data); err == nil {
				return msg, nil
			}
		}
		// A response (to one of our requests) we cannot use: never answer
		// a response.
		return nil, &badFrame{Message: fmt.Sprintf("a response with an unusable id %s", abbreviate(rawID))}
	}
	if v, ok := fields["jsonrpc"]; !ok || string(v) != `"2.0"` {
		return invalid(id, `"jsonrpc" must be "2.0"`)
	}
	var name string
	if json.Unmarshal(method, &name) != nil || name == "" {
		return invalid(id, `"method" must be a non-empty string, not %s`, abbreviate(method))
	}
	if hasID && !validID(rawID) {
		return invalid(nullID, "%s: the id must be an integer (32 bits) or a non-empty string, not %s", name, abbreviate(rawID))
	}
	if p, ok := fields["params"]; ok && !strings.Contains("{[n", string(first(p))) {
		return invalid(id, "%s: params must be an object or an array", name)
	}
	msg, err := jsonrpc2.DecodeMessage(data)
	if err != nil {
		return invalid(id, "%s: %v", name, err)
	}
	return msg, nil
}

// validID reports whether raw is an id LSP allows and jsonrpc2 can answer
// with: an integer in 32 bits or a non-empty string.
func validID(raw json.RawMessage) bool {
	switch first(raw) {
	case '"':
		var s string
		return json.Unmarshal(raw, &s) == nil && s != ""
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		var n int32
		return json.Unmarshal(raw, &n) == nil
	}
	return false
}

// first is the first byte of JSON text that is not white space, or 0.
func first(data []byte) byte {
	for _, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c
	}
	return 0
}

func abbreviate(raw json.RawMessage) string {
	if s := string(raw); len(s) <= 40 {
		return s
	}
	return string(raw[:40]) + "…"
}

// errorReply is a JSON-RPC error response with a raw id (null included,
// which jsonrpc2.ID cannot carry).
func errorReply(id json.RawMessage, code jsonrpc2.Code, message string) []byte {
	body, _ := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   struct {
			Code    jsonrpc2.Code `json:"code"`
			Message string        `json:"message"`
		} `json:"error"`
	}{JSONRPC: "2.0", ID: id, Error: struct {
		Code    jsonrpc2.Code `json:"code"`
		Message string        `json:"message"`
	}{code, message}})
	return body
}

// writeRaw writes one framed message body.
func (s *stream) writeRaw(body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	frame := fmt.Appendf(nil, "Content-Length: %d\r\n\r\n", len(body))
	s.out.Write(append(frame, body...)) //nolint:errcheck // a broken pipe shows up on the next read
}

// notifyOnly tells the client, as window/logMessage, without logging:
// the error that ends the session reaches the operator through Serve.
func (s *stream) notifyOnly(ctx context.Context, text string) {
	n, err := jsonrpc2.NewNotification("window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeError, Message: text})
	if err == nil {
		s.Write(ctx, n) //nolint:errcheck // best effort; the session is ending
	}
}

func (s *stream) report(ctx context.Context, text string) {
	if s.log != nil {
		s.log(text)
	}
	n, err := jsonrpc2.NewNotification("window/logMessage", protocol.LogMessageParams{Type: protocol.MessageTypeError, Message: text})
	if err == nil {
		s.Write(ctx, n) //nolint:errcheck // best effort; a broken pipe shows up on the next read
	}
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writer.Write(ctx, msg)
}

func (s *stream) Close() error { return s.closer.Close() }

// rwc joins the server's input and output.
type rwc struct {
	io.Reader
	io.Writer
}

func (c rwc) Close() error {
	var errs []error
	if cl, ok := c.Reader.(io.Closer); ok {
		errs = append(errs, cl.Close())
	}
	if cl, ok := c.Writer.(io.Closer); ok {
		errs = append(errs, cl.Close())
	}
	return errors.Join(errs...)
}

// validUTF8 replaces each byte of invalid UTF-8 with U+FFFD. JSON must be
// UTF-8; a client that sends, say, a Latin-1 buffer raw still gets its
// document opened, and every replaced byte stays one UTF-16 code unit, as
// the position mapping counts it.
func validUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			out = append(out, "\uFFFD"...)
			data = data[1:]
			continue
		}
		out = append(out, data[:n]...)
		data = data[n:]
	}
	return out
}
