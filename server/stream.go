package server

import (
	"bufio"
	"context"
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

// stream is jsonrpc2's Content-Length framing, except that a frame whose
// body is not a JSON-RPC message is reported to the client (as a
// window/logMessage) and skipped instead of ending the session.
type stream struct {
	in     *bufio.Reader
	writer jsonrpc2.Stream // writes, with the standard framing
	closer io.Closer
	log    func(string)
	mu     sync.Mutex // report writes outside the connection's own lock
}

func newStream(rwc io.ReadWriteCloser, log func(string)) *stream {
	return &stream{in: bufio.NewReader(rwc), writer: jsonrpc2.NewStream(rwc), closer: rwc, log: log}
}

// maxMessage bounds one message, so that a bogus Content-Length cannot make
// us allocate gigabytes.
const maxMessage = 256 << 20

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	var total int64
	for {
		if err := ctx.Err(); err != nil {
			return nil, total, err
		}
		length := int64(-1)
		for {
			line, err := s.in.ReadString('\n')
			total += int64(len(line))
			if err != nil {
				if errors.Is(err, io.EOF) && strings.TrimSpace(line) == "" {
					return nil, total, io.EOF
				}
				return nil, total, fmt.Errorf("reading message header: %w", err)
			}
			line = strings.TrimSpace(line)
			if line == "" {
				if length < 0 {
					continue // stray blank line between messages
				}
				break
			}
			name, value, ok := strings.Cut(line, ":")
			if !ok {
				return nil, total, fmt.Errorf("invalid message header %q", line)
			}
			if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
				n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
				if err != nil || n <= 0 || n > maxMessage {
					return nil, total, fmt.Errorf("invalid Content-Length %q", value)
				}
				length = n
			}
		}
		data := make([]byte, length)
		n, err := io.ReadFull(s.in, data)
		total += int64(n)
		if err != nil {
			return nil, total, fmt.Errorf("reading message body: %w", err)
		}
		msg, err := jsonrpc2.DecodeMessage(validUTF8(data))
		if err == nil {
			return msg, total, nil
		}
		s.report(ctx, fmt.Sprintf("dbls: ignored a malformed message (%v)", err))
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
